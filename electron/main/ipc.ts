/**
 * The contract over IPC: one handler per contract request (and no other channel), each refusing
 * a sender that is not the main frame of an app window showing an app page (policy/ipc-sender.ts)
 * before dispatching through the core's validating dispatcher. Core events go only to app windows
 * still showing the app. Registered before the window exists, with the core behind a CoreGate.
 */
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { IPC_EVENT_PREFIX, IPC_REQUEST_PREFIX } from '@shared/api';
import { REQUEST_NAMES, type RequestName } from '@shared/contract';
import type { Result } from '@shared/result';
import type { Logger } from '@core/log';
import type { CoreAccess } from './core-gate';
import { isAppUrl, type AppOrigin } from './policy/app-origin';
import { FORBIDDEN_SENDER_RESULT, isTrustedSender, type IpcSender } from './policy/ipc-sender';

export interface IpcOptions {
  origins: readonly AppOrigin[];
  isAppWindow(contents: WebContents): boolean;
  /** After a request was answered (the badge follows notifications.markRead). */
  onHandled?(name: RequestName, result: Result<unknown>): void;
  log: Logger;
}

function describeSender(event: IpcMainInvokeEvent, isAppWindow: IpcOptions['isAppWindow']): IpcSender {
  const fromAppWindow = isAppWindow(event.sender);
  try {
    const frame = event.senderFrame;
    if (!frame || frame.detached) return { fromAppWindow, frame: null };
    const isMainFrame = frame.parent === null && frame.frameToken === event.sender.mainFrame.frameToken;
    return { fromAppWindow, frame: { url: frame.url, isMainFrame } };
  } catch {
    // A frame torn down mid-request throws on access: treat it as gone.
    return { fromAppWindow, frame: null };
  }
}

export function registerIpc(core: CoreAccess, options: IpcOptions): () => void {
  for (const name of REQUEST_NAMES) {
    ipcMain.handle(`${IPC_REQUEST_PREFIX}${name}`, async (event, input: unknown) => {
      const sender = describeSender(event, options.isAppWindow);
      if (!isTrustedSender(sender, options.origins)) {
        options.log.warn('refused an IPC request', { request: name, frame: sender.frame?.url.slice(0, 200) ?? null });
        return FORBIDDEN_SENDER_RESULT;
      }
      const result = await core.dispatch(name, input);
      options.onHandled?.(name, result);
      return result;
    });
  }
  const stopForwarding = core.events.onAny((event, payload) => {
    for (const window of BrowserWindow.getAllWindows()) {
      const contents = window.webContents;
      if (options.isAppWindow(contents) && isAppUrl(contents.getURL(), options.origins))
        contents.send(`${IPC_EVENT_PREFIX}${event}`, payload);
    }
  });
  return () => {
    stopForwarding();
    for (const name of REQUEST_NAMES) ipcMain.removeHandler(`${IPC_REQUEST_PREFIX}${name}`);
  };
}
