// The test tiers: which files each one runs and what it needs from the machine. One list, read by
// vitest.config.ts (the vitest projects), scripts/test-all.mjs (`npm test`: what runs, what is
// skipped and why) and test/unit/repo/test-tiers.test.ts (a test that needs the keychain, a
// spreadsheet program or a browser never lands in a tier that runs on any laptop). docs/TESTING.md
// describes them for people.
import fs from 'node:fs';
import path from 'node:path';

/** Tests that use the real OS keychain: keytar itself, and CLI sign-ins (the CLI keeps credentials only there). */
export const KEYCHAIN_TESTS = [
  'test/integration/keychain.test.ts',
  'test/integration/cli-accounts.test.ts',
  'test/integration/cli-hanging-hub.test.ts',
  'test/integration/cli-onboarding.test.ts',
  'test/integration/export/cli-export.test.ts',
  'test/integration/outbox/outbox-cli.test.ts',
  'test/integration/outbox/outbox-kill.test.ts',
  'test/integration/sync/multi-process.test.ts',
];

/** Tests that open exported files in LibreOffice Calc (`soffice`). */
export const SPREADSHEET_TESTS = [
  'test/integration/export/libreoffice.test.ts',
  'test/integration/export/export-in-calc.test.ts',
  'test/integration/export/demo-numbers.test.ts',
];

/**
 * The tiers in the order `npm test` runs them. `project`: a vitest project of vitest.config.ts;
 * `config`: a vitest config of its own (the browser and Electron suites start servers and apps, one
 * file at a time). `needs`: what the machine must have (see `requirement`).
 */
export const TIERS = [
  { name: 'unit', project: 'unit', needs: [], what: 'pure functions and modules, SQLite included; no servers, no system tools' },
  {
    name: 'integration',
    project: 'integration',
    needs: [],
    what: 'a real core, the simulated Hub over HTTP on 127.0.0.1, child processes',
  },
  { name: 'keychain', project: 'keychain', needs: ['keychain'], what: 'the real OS keychain: keytar and CLI sign-ins' },
  { name: 'spreadsheet', project: 'spreadsheet', needs: ['soffice'], what: 'exported CSVs opened in LibreOffice Calc' },
  {
    name: 'e2e',
    config: 'test/e2e/vitest.e2e.config.ts',
    needs: ['chromium', 'keychain'],
    what: 'the renderer in Chromium against web mode',
  },
  // Skips itself, with the reason, where the Electron binary cannot be installed;
  // PARTNER_DESK_REQUIRE_ELECTRON=1 (the desktop workflow) makes that a failure.
  {
    name: 'electron',
    config: 'test/electron/vitest.electron.config.ts',
    needs: [],
    optionalKeychain: true,
    what: 'the desktop app in real Electron',
  },
];

/** The tiers that need nothing but Node: they run on every laptop and every CI runner. */
export const ANY_OS_TIERS = TIERS.filter((tier) => tier.needs.length === 0 && !tier.optionalKeychain).map((tier) => tier.name);

/** Set and not "0"/"false": CI must run every tier it is asked for; a missing tool is a failure there. */
export function isCi(env = process.env) {
  const value = (env.CI ?? '').trim().toLowerCase();
  return value !== '' && value !== '0' && value !== 'false';
}

/** The full path of a program on PATH, or null (PATHEXT on Windows). */
export function findOnPath(program, env = process.env, platform = process.platform) {
  const dirs = (env.PATH ?? env.Path ?? '').split(path.delimiter).filter(Boolean);
  const extensions = platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of dirs) {
    for (const ext of extensions) {
      const candidate = path.join(dir, program + ext);
      try {
        if (fs.statSync(candidate).isFile()) return candidate;
      } catch {
        // not here
      }
    }
  }
  return null;
}

const CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/**
 * Whether this machine can give a tier what it needs. `ok: true` may carry how: the keychain
 * `mode` ('session': a private GNOME Keyring in its own D-Bus session, never the user's own;
 * 'system': this computer's own keychain, only when PARTNER_DESK_SYSTEM_KEYCHAIN=1) and the browser
 * `chromium` path (PARTNER_DESK_CHROMIUM, else the first Chromium or Chrome on PATH).
 */
export function requirement(need, env = process.env, platform = process.platform) {
  switch (need) {
    case 'keychain': {
      if (
        platform === 'linux' &&
        findOnPath('dbus-run-session', env, platform) &&
        findOnPath('gnome-keyring-daemon', env, platform) &&
        findOnPath('bash', env, platform)
      ) {
        return { ok: true, mode: 'session' };
      }
      if (env.PARTNER_DESK_SYSTEM_KEYCHAIN === '1') return { ok: true, mode: 'system' };
      return {
        ok: false,
        reason:
          platform === 'linux'
            ? 'needs dbus-run-session and gnome-keyring-daemon for a private keyring (apt-get install dbus dbus-x11 gnome-keyring), or PARTNER_DESK_SYSTEM_KEYCHAIN=1 to use your own keychain'
            : "would write test entries into this computer's own keychain; set PARTNER_DESK_SYSTEM_KEYCHAIN=1 to allow it",
      };
    }
    case 'soffice':
      return findOnPath('soffice', env, platform)
        ? { ok: true }
        : { ok: false, reason: 'needs LibreOffice Calc: `soffice` on PATH (apt-get install libreoffice-calc)' };
    case 'chromium': {
      const given = env.PARTNER_DESK_CHROMIUM?.trim();
      if (given)
        return fs.existsSync(given)
          ? { ok: true, chromium: given }
          : { ok: false, reason: `PARTNER_DESK_CHROMIUM=${given} does not exist` };
      for (const name of CHROMIUM_NAMES) {
        const found = findOnPath(name, env, platform);
        if (found) return { ok: true, chromium: found };
      }
      return {
        ok: false,
        reason: `needs Chromium or Chrome (${CHROMIUM_NAMES.join(', ')} on PATH, or PARTNER_DESK_CHROMIUM=/path/to/it; apt-get install chromium)`,
      };
    }
    default:
      throw new Error(`Unknown test requirement "${need}".`);
  }
}
