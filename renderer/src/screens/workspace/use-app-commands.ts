/** Listens to the shell's `app.command` event for as long as the workspace is open (web mode never sends it). */
import { useEffect } from 'react';
import { useWorkspace } from '../../state/workspace-context';
import { runAppCommand } from './app-commands';

export function useAppCommands(): void {
  const workspace = useWorkspace();
  useEffect(() => workspace.api.on('app.command', (command) => runAppCommand(workspace, command)), [workspace]);
}
