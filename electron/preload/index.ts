/**
 * The preload: exposes exactly the contract as `window.partnerDesk`, derived from the contract's
 * names (no per-request code). Runs sandboxed, so it is bundled into one CommonJS file; it checks
 * names from shared/contract-names.ts, not the contract, so zod and the schemas stay out of it.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT_PREFIX, IPC_REQUEST_PREFIX, type PartnerDeskApi } from '@shared/api';
import { isEventName, isRequestName } from '@shared/contract-names';

const api: PartnerDeskApi = {
  request(name, input) {
    if (!isRequestName(name)) {
      return Promise.resolve({ ok: false, error: { code: 'unknown_request', message: `There is no request named "${String(name)}".` } });
    }
    return ipcRenderer.invoke(`${IPC_REQUEST_PREFIX}${name}`, input);
  },
  on(event, listener) {
    if (!isEventName(event)) throw new Error(`There is no event named "${String(event)}".`);
    const channel = `${IPC_EVENT_PREFIX}${event}`;
    const handler = (_event: IpcRendererEvent, payload: Parameters<typeof listener>[0]): void => listener(payload);
    ipcRenderer.on(channel, handler);
    return () => {
      ipcRenderer.removeListener(channel, handler);
    };
  },
};

contextBridge.exposeInMainWorld('partnerDesk', api);
