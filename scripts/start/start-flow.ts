/**
 * What `npm start` does, in order, with every effect injected (scripts/start.ts wires the real ones;
 * test/unit/shell/start-flow.test.ts drives this with stubs):
 * 1. the Electron binary, fetched on first use; where it cannot be had, web mode;
 * 2. better-sqlite3 for this Electron (built once, then reused while its stamp fits; a build for
 *    another Electron is rebuilt, never used), else web mode saying why and how to retry;
 * 3. Chromium's sandbox on Linux: kept where it can be built, else --no-sandbox with a warning;
 * 4. electron-vite's dev server and Electron; if Electron aborts because its sandbox could not
 *    start after all, web mode rather than a bare crash.
 * Web mode is the same app in the browser, served on 127.0.0.1.
 */
import type { SandboxPlan } from './linux-sandbox';

export type ElectronBinary = { ok: true } | { ok: false; reason: string };

export interface ElectronExit {
  code: number;
  /** Electron printed that its sandbox could not start. */
  sandboxCrash: boolean;
}

export interface StartDeps {
  forceWeb: boolean;
  electronBinary(): ElectronBinary;
  electronVersion(): string;
  /** Builds (or finds up to date) better-sqlite3 for this Electron; throws with the reason. */
  buildNative(electronVersion: string, log: (line: string) => void): Promise<{ rebuilt: boolean }>;
  sandbox(): SandboxPlan;
  launchElectron(extraArgs: string[]): Promise<ElectronExit>;
  launchWeb(): Promise<number>;
  log(line: string): void;
}

const WEB_MODE = 'Starting web mode instead: the same app in your browser, on this computer only (127.0.0.1).';

export async function runStart(deps: StartDeps): Promise<number> {
  const toWeb = (why: string, ...next: string[]): Promise<number> => {
    deps.log(`Partner Desk cannot start as a desktop app here: ${why}.`);
    for (const line of next) deps.log(line);
    deps.log(WEB_MODE);
    return deps.launchWeb();
  };

  if (deps.forceWeb) return toWeb('PARTNER_DESK_FORCE_WEB=1 is set');
  const binary = deps.electronBinary();
  if (!binary.ok) return toWeb(binary.reason);

  const electronVersion = deps.electronVersion();
  try {
    await deps.buildNative(electronVersion, (line) => deps.log(`Partner Desk: ${line}`));
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
    return toWeb(
      `its database engine (better-sqlite3) could not be built for Electron ${electronVersion}: ${reason}`,
      'The one-time build needs the network (Electron’s headers or a prebuilt binary) or a C++ toolchain (see README, "Set up and run"). Retry with `npm run native:electron`, then `npm start`.',
    );
  }

  const plan = deps.sandbox();
  if (!plan.sandbox) {
    deps.log(`Warning: starting Electron without Chromium’s sandbox, because ${plan.reason}.`);
    if (plan.fix) deps.log(plan.fix);
  }
  const exit = await deps.launchElectron(plan.sandbox ? [] : ['--noSandbox']);
  if (exit.sandboxCrash) {
    return toWeb(
      'Electron stopped because Chromium’s sandbox could not start on this system',
      'To run the desktop app anyway: PARTNER_DESK_NO_SANDBOX=1 npm start (less isolation; see README).',
    );
  }
  return exit.code;
}
