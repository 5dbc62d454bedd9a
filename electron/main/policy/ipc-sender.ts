/**
 * Whether an IPC message may reach a handler: it must come from the main frame of a window the
 * app created, showing one of the app's own pages. A subframe, a page that somehow navigated away,
 * or a frame already gone (senderFrame null) is refused before any handler runs. Pure: the wiring
 * in ipc.ts reads these facts from Electron's event.
 */
import { isAppUrl, type AppOrigin } from './app-origin';

export interface IpcSender {
  /** The sender's webContents belongs to a window made by the app's window factory. */
  fromAppWindow: boolean;
  /** The sending frame, or null when it has navigated or been destroyed. */
  frame: { url: string; isMainFrame: boolean } | null;
}

export function isTrustedSender(sender: IpcSender, origins: readonly AppOrigin[]): boolean {
  if (!sender.fromAppWindow || sender.frame === null) return false;
  return sender.frame.isMainFrame && isAppUrl(sender.frame.url, origins);
}

export const FORBIDDEN_SENDER_RESULT = {
  ok: false,
  error: { code: 'forbidden', message: 'This frame may not use Partner Desk.' },
} as const;
