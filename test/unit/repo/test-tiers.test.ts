/**
 * The test tiers stay honest (scripts/test-tiers.mjs): a test that needs the OS keychain, LibreOffice
 * or a browser never sits in the unit or integration tier, which must pass on any laptop with Node
 * alone; the lists name only files that exist and need what their tier provides; vitest's projects
 * are the tiers; and what a machine lacks is told from what is really there.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import vitestConfig from '../../../vitest.config';
import { findOnPath, isCi, KEYCHAIN_TESTS, requirement, SPREADSHEET_TESTS, TIERS } from '../../../scripts/test-tiers.mjs';

const root = path.resolve(import.meta.dirname, '../../..');

/** What gives a test file away as needing a tool (the CLI signs in with --api-key-stdin and keeps the key in the keychain). */
const NEEDS = {
  // Signs in through the CLI (which keeps credentials only in the keychain), directly or through the harness.
  keychain: /\bKeytarSecretStore\b|--api-key-stdin|\bsignInAndSync\(/,
  spreadsheet: /\bopenInCalc\b|['"]soffice['"]/,
  browser: /playwright-core|\blaunchChromium\b/,
};

function testFiles(dir: string): string[] {
  return fs
    .readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => `${dir}/${f.split(path.sep).join('/')}`)
    .sort();
}
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

describe('the tiers', () => {
  const unit = testFiles('test/unit');
  const integration = testFiles('test/integration');

  it('list only test files that exist', () => {
    for (const file of [...KEYCHAIN_TESTS, ...SPREADSHEET_TESTS]) expect(fs.existsSync(path.join(root, file)), file).toBe(true);
    expect(unit.length).toBeGreaterThan(50);
    expect(integration.length).toBeGreaterThan(20);
  });

  it('keep every test that needs the keychain in the keychain tier, and only those', () => {
    const needing = integration.filter((f) => NEEDS.keychain.test(read(f)));
    expect(needing.length).toBeGreaterThan(3);
    expect([...KEYCHAIN_TESTS].sort()).toEqual(needing);
  });

  it('keep every test that opens LibreOffice in the spreadsheet tier, and only those', () => {
    expect([...SPREADSHEET_TESTS].sort()).toEqual(integration.filter((f) => NEEDS.spreadsheet.test(read(f))));
  });

  it('leave the unit tier free of system tools, and browsers to the e2e and Electron suites', () => {
    const self = path
      .relative(root, import.meta.filename)
      .split(path.sep)
      .join('/'); // holds the patterns themselves
    for (const file of unit.filter((f) => f !== self))
      for (const [need, pattern] of Object.entries(NEEDS)) expect(pattern.test(read(file)), `${file} needs ${need}`).toBe(false);
    for (const file of integration) expect(NEEDS.browser.test(read(file)), `${file} drives a browser`).toBe(false);
  });

  it('are the vitest projects, in the same order', () => {
    const projects = (vitestConfig.test?.projects ?? []) as Array<{ test?: { name?: string } }>;
    expect(projects.map((p) => p.test?.name)).toEqual(TIERS.filter((t) => t.project).map((t) => t.project));
    for (const tier of TIERS.filter((t) => t.config)) expect(fs.existsSync(path.join(root, tier.config!)), tier.config).toBe(true);
  });
});

describe('what a machine has', () => {
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'partner-desk-tiers-'));
  const tool = (name: string) => {
    fs.writeFileSync(path.join(bin, name), '#!/bin/sh\n');
    return path.join(bin, name);
  };
  afterAll(() => fs.rmSync(bin, { recursive: true, force: true }));

  it('finds programs on PATH, with PATHEXT on Windows', () => {
    const soffice = tool('soffice');
    const exe = tool('chromium.EXE');
    expect(findOnPath('soffice', { PATH: bin }, 'linux')).toBe(soffice);
    expect(findOnPath('soffice', { PATH: '' }, 'linux')).toBeNull();
    expect(findOnPath('chromium', { PATH: bin, PATHEXT: '.COM;.EXE' }, 'win32')).toBe(exe);
  });

  it('says why a tier cannot run, and what would let it', () => {
    const empty = { PATH: path.join(bin, 'nothing-here') };
    expect(requirement('soffice', empty, 'linux')).toEqual({ ok: false, reason: expect.stringMatching(/soffice.*libreoffice-calc/) });
    expect(requirement('chromium', empty, 'linux')).toEqual({ ok: false, reason: expect.stringMatching(/PARTNER_DESK_CHROMIUM/) });
    expect(requirement('chromium', { ...empty, PARTNER_DESK_CHROMIUM: path.join(bin, 'no-such-browser') }, 'linux')).toMatchObject({
      ok: false,
    });
    expect(requirement('keychain', empty, 'linux')).toEqual({ ok: false, reason: expect.stringMatching(/gnome-keyring-daemon/) });
    expect(requirement('keychain', empty, 'darwin')).toEqual({
      ok: false,
      reason: expect.stringMatching(/own keychain.*PARTNER_DESK_SYSTEM_KEYCHAIN=1/),
    });
    expect(requirement('keychain', { ...empty, PARTNER_DESK_SYSTEM_KEYCHAIN: '1' }, 'win32')).toEqual({ ok: true, mode: 'system' });
  });

  it('finds the tools where they are', () => {
    tool('dbus-run-session');
    tool('gnome-keyring-daemon');
    tool('bash');
    const browser = tool('google-chrome');
    expect(requirement('keychain', { PATH: bin }, 'linux')).toEqual({ ok: true, mode: 'session' });
    expect(requirement('chromium', { PATH: bin }, 'linux')).toEqual({ ok: true, chromium: browser });
    expect(requirement('soffice', { PATH: bin }, 'linux')).toEqual({ ok: true });
  });

  it('reads CI as GitHub and most CI services set it', () => {
    expect(isCi({ CI: 'true' })).toBe(true);
    expect(isCi({ CI: '1' })).toBe(true);
    expect(isCi({ CI: 'false' })).toBe(false);
    expect(isCi({ CI: '' })).toBe(false);
    expect(isCi({})).toBe(false);
  });
});
