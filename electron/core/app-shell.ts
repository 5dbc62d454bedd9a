/**
 * What the core asks of the application shell for the few requests only the shell can answer:
 * the app's own updates and showing the data folder. Electron's main process provides the real
 * one (electron/main/app-shell.ts); web mode and the CLI get `headlessAppShell`, which reports
 * that updates are not theirs to manage. The contract stays the single declaration: these requests
 * are dispatched and validated like every other, only their handlers delegate here.
 */
import type { UpdateState } from '@shared/shell';

export interface AppShell {
  updateState(): UpdateState;
  /** A check the user asked for; resolves with the state after it. */
  checkForUpdates(): Promise<UpdateState>;
  /** Restart into a downloaded update; `accepted: false` when none is ready. */
  installUpdate(): Promise<{ accepted: boolean }>;
  /** Shows the data folder in the system file manager; false where that is not possible. */
  revealDataFolder(): Promise<boolean>;
  /** What the user should know about how this copy runs (app.info's `notices`), e.g. the sandbox is off. */
  notices(): string[];
}

export function headlessAppShell(appVersion: string): AppShell {
  const state: UpdateState = {
    status: 'unsupported',
    currentVersion: appVersion,
    version: null,
    releaseNotes: null,
    progress: null,
    message: 'Updates come with the desktop app; this copy is updated with npm.',
    checkedAt: null,
  };
  return {
    updateState: () => state,
    checkForUpdates: async () => state,
    installUpdate: async () => ({ accepted: false }),
    revealDataFolder: async () => false,
    notices: () => [],
  };
}
