/**
 * Wires the contract to the core over IPC: one handler per contract request, generated from the
 * contract's names, each dispatching through the core's validating dispatcher; core events are
 * forwarded to every window. Requests from frames other than an app window's main frame are refused.
 */
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { IPC_EVENT_PREFIX, IPC_REQUEST_PREFIX } from '../../shared/api';
import { REQUEST_NAMES } from '../../shared/contract';
import type { Core } from '../core';

function fromAppMainFrame(event: IpcMainInvokeEvent): boolean {
  const window = BrowserWindow.fromWebContents(event.sender);
  return window !== null && event.senderFrame !== null && event.senderFrame === event.sender.mainFrame;
}

export function registerIpc(core: Core): () => void {
  for (const name of REQUEST_NAMES) {
    ipcMain.handle(`${IPC_REQUEST_PREFIX}${name}`, (event, input: unknown) => {
      if (!fromAppMainFrame(event)) {
        return { ok: false, error: { code: 'forbidden', message: 'This frame may not use Partner Desk.' } };
      }
      return core.dispatch(name, input);
    });
  }
  const stopForwarding = core.events.onAny((event, payload) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(`${IPC_EVENT_PREFIX}${event}`, payload);
  });
  return () => {
    stopForwarding();
    for (const name of REQUEST_NAMES) ipcMain.removeHandler(`${IPC_REQUEST_PREFIX}${name}`);
  };
}
