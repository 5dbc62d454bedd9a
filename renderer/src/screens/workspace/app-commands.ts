/**
 * Commands from the desktop shell (application menu, a clicked OS notification) carried out in the
 * workspace: sync now, export, show notifications, open a channel, the profile panel for sign out
 * and preferences. Pure over the workspace's stores, so it is tested without a window.
 */
import type { AppCommand } from '@shared/shell';
import type { Workspace } from '../../state/workspace';

export function runAppCommand(workspace: Workspace, command: AppCommand): void {
  const ui = workspace.ui.getState();
  switch (command.command) {
    case 'sync-now':
      void workspace.sync.getState().syncNow();
      return;
    case 'export-csv':
      ui.setExportOpen(true);
      return;
    case 'show-notifications':
      ui.go('notifications');
      return;
    case 'open-channel':
      if (command.channelId) ui.openChannelDetails(command.channelId);
      return;
    case 'sign-out':
    case 'preferences':
      ui.setProfileOpen(true);
      return;
  }
}
