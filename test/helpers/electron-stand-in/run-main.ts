/**
 * The child process of the start-up smoke test: `node --import tsx run-main.ts <out/main/index.js>`
 * with the scenario in STAND_IN_SCENARIO. Installs the Electron stand-in (for ESM imports and
 * CommonJS requires alike) and, when asked, a keychain that answers slowly; makes the process look
 * like Electron's main process; imports the built main file; fires `ready` after its first turn,
 * as Electron does. Everything the stand-in records goes to the parent over the IPC channel, and the
 * parent's requests (a renderer request, an app:// fetch, a second launch, quit) are carried out here.
 */
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { createFakeElectron, type Recorded, type StandInScenario } from './fake-electron';

export interface ChildScenario extends StandInScenario {
  electronVersion: string;
  /** Replace keytar with an in-memory keychain that takes this long to answer each call. */
  keychainDelayMs: number | null;
}

export type ToChild =
  | { type: 'request'; id: number; name: string; input: unknown }
  | { type: 'fetch'; id: number; url: string }
  | { type: 'second-instance' }
  | { type: 'quit' };

export type FromChild =
  | { type: 'record'; entry: Recorded }
  | { type: 'response'; id: number; result: unknown; error?: string }
  | { type: 'fetched'; id: number; status: number; headers: Record<string, string>; body: string }
  | { type: 'crashed'; error: string };

const send = (message: FromChild): void => {
  process.send?.(message);
};

const mainFile = process.argv[2];
const scenario = JSON.parse(process.env.STAND_IN_SCENARIO ?? 'null') as ChildScenario | null;
if (!mainFile || !scenario) throw new Error('usage: STAND_IN_SCENARIO=… node --import tsx run-main.ts <main file>');

const fake = createFakeElectron(scenario, (entry) => send({ type: 'record', entry }));
(globalThis as Record<string, unknown>).__partnerDeskElectronStandIn = fake.electron;

// What Electron's main process looks like from inside.
Object.defineProperty(process.versions, 'electron', { value: scenario.electronVersion, enumerable: true });
Object.defineProperty(process, 'resourcesPath', { value: scenario.resourcesPath, enumerable: true });
Object.defineProperty(process, 'type', { value: 'browser', enumerable: true });

/** An in-memory keychain as slow as a locked one or a Secret Service about to time out. */
function slowKeytar(delayMs: number) {
  const store = new Map<string, string>();
  const slow = <T>(call: string, answer: () => T): Promise<T> => {
    send({ type: 'record', entry: { seq: 0, call: `keytar.${call}.start`, ready: true, at: Date.now() } });
    return new Promise((resolve) =>
      setTimeout(() => {
        send({ type: 'record', entry: { seq: 0, call: `keytar.${call}.end`, ready: true, at: Date.now() } });
        resolve(answer());
      }, delayMs),
    );
  };
  return {
    getPassword: (service: string, account: string) => slow('getPassword', () => store.get(`${service}/${account}`) ?? null),
    setPassword: (service: string, account: string, password: string) =>
      slow('setPassword', () => void store.set(`${service}/${account}`, password)),
    deletePassword: (service: string, account: string) => slow('deletePassword', () => store.delete(`${service}/${account}`)),
    findCredentials: (service: string) =>
      slow('findCredentials', () =>
        [...store]
          .filter(([key]) => key.startsWith(`${service}/`))
          .map(([key, password]) => ({ account: key.slice(service.length + 1), password })),
      ),
  };
}

// CommonJS: `require('electron')` (electron-updater) and `require('keytar')` (the secret store).
const keytar = scenario.keychainDelayMs === null ? null : slowKeytar(scenario.keychainDelayMs);
const Module = createRequire(import.meta.url)('node:module') as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
const load = Module._load;
Module._load = function (request: string, parent: unknown, isMain: boolean) {
  if (request === 'electron') return fake.electron;
  if (request === 'keytar' && keytar) return keytar;
  return load.call(this, request, parent, isMain);
};
// ESM: `import { app } from 'electron'` in the built main file.
register('./resolve-hooks.mjs', import.meta.url, { data: { shimUrl: new URL('./electron-shim.mjs', import.meta.url).href } });

process.on('message', (message: ToChild) => {
  void (async () => {
    switch (message.type) {
      case 'request': {
        const api = fake.world.partnerDesk as { request(name: string, input: unknown): Promise<unknown> } | undefined;
        if (!api) return send({ type: 'response', id: message.id, result: null, error: 'window.partnerDesk is not exposed' });
        try {
          send({ type: 'response', id: message.id, result: await api.request(message.name, message.input) });
        } catch (error) {
          send({ type: 'response', id: message.id, result: null, error: String(error) });
        }
        return;
      }
      case 'fetch': {
        const handler = fake.protocolHandler(new URL(message.url).protocol.replace(/:$/, ''));
        if (!handler) return send({ type: 'fetched', id: message.id, status: 0, headers: {}, body: 'no protocol handler' });
        const response = await handler(new Request(message.url));
        const body = await response.text();
        return send({ type: 'fetched', id: message.id, status: response.status, headers: Object.fromEntries(response.headers), body });
      }
      case 'second-instance':
        fake.emitApp('second-instance', {}, [], '/tmp');
        return;
      case 'quit':
        fake.electron.app.quit();
        return;
    }
  })();
});

process.on('uncaughtException', (error) => {
  send({ type: 'crashed', error: error.stack ?? String(error) });
  setTimeout(() => process.exit(70), 20);
});

await import(pathToFileURL(mainFile).href);
setImmediate(() => fake.becomeReady());
