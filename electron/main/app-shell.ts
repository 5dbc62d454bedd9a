/**
 * The core's AppShell seam answered by the Electron shell: update state and actions come from the
 * update controller, and the data folder opens in the system file manager. Lets the contract's
 * `app.*` requests go through the core's dispatcher like every other request.
 */
import { shell } from 'electron';
import type { AppShell } from '@core/app-shell';
import type { UpdateController } from './policy/update-controller';

export function electronAppShell(updates: UpdateController, dataDir: string, notices: readonly string[]): AppShell {
  return {
    updateState: () => updates.state(),
    checkForUpdates: () => updates.check('user'),
    installUpdate: async () => updates.install(),
    revealDataFolder: async () => (await shell.openPath(dataDir)) === '',
    notices: () => [...notices],
  };
}
