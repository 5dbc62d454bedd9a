/**
 * electron-builder loads electron-builder.ts by itself (plain Node, through its own loader, as
 * `npx electron-builder` would) and gets the configuration the tests check, validated by its own
 * schema; a bad update feed stops packaging instead of shipping an app that updates from it.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBuilderConfig } from '../../../scripts/packaging/builder-config';

const root = path.resolve(import.meta.dirname, '../../..');
const LOAD = `
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config');
const { DebugLogger } = require('builder-util');
(async () => {
  const config = await getConfig(process.cwd(), null, null);
  await validateConfiguration(config, new DebugLogger(false));
  process.stdout.write(JSON.stringify(config, (key, value) => (typeof value === 'function' ? '[hook]' : value)));
})().catch((error) => { process.stderr.write(error.message); process.exit(1); });
`;

function load(env: Record<string, string>) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(CSC_|WIN_CSC_|APPLE_|PARTNER_DESK_UPDATE_)/.test(key)),
  );
  return spawnSync(process.execPath, ['-e', LOAD], { cwd: root, env: { ...clean, ...env }, encoding: 'utf8' });
}

const plain = (value: unknown) =>
  JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'function' ? '[hook]' : v))) as Record<string, unknown>;

describe('electron-builder.ts', () => {
  it('is found and loaded by electron-builder itself, and validates', () => {
    const env = { PARTNER_DESK_UPDATE_URL: 'https://updates.example.com/partner-desk/' };
    const result = load(env);
    expect(result.status, result.stderr).toBe(0);
    const loaded = JSON.parse(result.stdout) as Record<string, unknown>;
    // electron-builder normalises file patterns into file sets.
    loaded.files = (loaded.files as Array<{ filter: string[] }>).flatMap((set) => set.filter);
    const expected = plain(createBuilderConfig(env));
    for (const key of Object.keys(expected)) expect(loaded[key], key).toEqual(expected[key]);
    expect(loaded.beforePack).toBe('[hook]');
    expect(loaded.afterPack).toBe('[hook]');
    expect(loaded.npmRebuild).toBe(false);
  }, 60_000);

  it('refuses to package with an insecure update feed', () => {
    const result = load({ PARTNER_DESK_UPDATE_URL: 'http://updates.example.com/' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/must be an https: URL/);
  }, 60_000);
});
