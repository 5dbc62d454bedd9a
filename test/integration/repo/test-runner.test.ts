/**
 * `npm test` (scripts/test-all.mjs) on a machine without the system tools, as on a Mac or Windows
 * laptop with Node alone: the keychain, spreadsheet and browser tiers are skipped, each with its
 * reason, and the run passes; with CI set, the same tiers fail, each saying what is missing, so CI
 * can never skip one silently. The tools are hidden by an empty PATH (the runner starts every tool
 * through Node itself).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../helpers/temp-dir';

const root = path.resolve(import.meta.dirname, '../../..');
const empty = makeTempDir('partner-desk-no-tools-');
afterAll(() => empty.cleanup());

function npmTest(args: string[], extra: NodeJS.ProcessEnv = {}) {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (['path', 'ci', 'partner_desk_chromium', 'partner_desk_system_keychain'].includes(key.toLowerCase())) continue;
    env[key] = value;
  }
  const child = spawnSync(process.execPath, [path.join(root, 'scripts', 'test-all.mjs'), ...args], {
    cwd: root,
    env: { ...env, PATH: empty.dir, ...extra },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: child.status, out: child.stdout, err: child.stderr };
}

const SYSTEM_TIERS = ['keychain', 'spreadsheet', 'e2e'];

describe('npm test without the system tools', () => {
  it('skips the system tiers, naming each with its reason, and passes', () => {
    const { status, out } = npmTest(SYSTEM_TIERS);
    expect(out).toMatch(/^keychain: SKIPPED \(the real OS keychain.*\): (needs dbus-run-session|would write test entries)/m);
    expect(out).toMatch(/^spreadsheet: SKIPPED \(.*\): needs LibreOffice Calc: `soffice` on PATH/m);
    expect(out).toMatch(/^e2e: SKIPPED \(.*\): needs (Chromium or Chrome|dbus-run-session|.*own keychain)/m);
    expect(out).toMatch(/^Not run on this machine: keychain, spreadsheet, e2e \(reasons above; docs\/TESTING\.md/m);
    expect(out.trimEnd().split('\n').at(-1)).toBe('0 passed, 0 failed');
    expect(status).toBe(0);
  });

  it('fails each of them with CI set, saying what is missing', () => {
    const { status, out } = npmTest(SYSTEM_TIERS, { CI: 'true' });
    for (const tier of SYSTEM_TIERS)
      expect(out).toMatch(new RegExp(`^${tier}: FAILED, required because CI is set but it cannot run here: needs`, 'm'));
    expect(out).not.toMatch(/SKIPPED/);
    expect(out.trimEnd().split('\n').at(-1)).toBe('0 passed, 3 failed');
    expect(status).toBe(1);
  });

  it('refuses a suite it does not know', () => {
    const { status, err } = npmTest(['unti']);
    expect(status).toBe(2);
    expect(err).toMatch(
      /unknown suite unti; known: typecheck, typecheck-web, lint, format, unit, integration, keychain, spreadsheet, e2e, electron, vitest/,
    );
  });
});
