/**
 * The start-up smoke test: the built main process (out/main/index.js, as electron-vite builds it)
 * runs under plain Node with a recording stand-in for Electron (test/helpers/electron-stand-in),
 * laid out as in development and as electron-builder packs it. It checks the order of calls
 * Electron requires, the window's options, that every path main computes exists, that the real
 * preload works with only what a sandboxed preload may require, that a request goes renderer →
 * preload → IPC → core and back, and what each start-up failure tells the user. What only a real
 * Electron can show (a painted window, the real sandbox) is in test/electron, run by CI elsewhere.
 */
import { logFilesOf } from '@core/log';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_NAMES } from '@shared/contract';
import { CONTENT_SECURITY_POLICY } from '@shared/page-security';
import { openDatabase } from '@core/store/database';
import { ProfileRepository } from '@core/profiles/profile-repository';
import { SECURE_WEB_PREFERENCES } from '../../../electron/main/policy/window-options';
import {
  buildApp,
  developmentLayout,
  launch,
  packagedLayout,
  type AppLayout,
  type BindingKind,
  type LaunchedApp,
  type LaunchOptions,
} from '../../helpers/electron-stand-in/startup-harness';
import { makeTempDir } from '../../helpers/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
let build: string;
const running: LaunchedApp[] = [];
let count = 0;

beforeAll(() => {
  tmp = makeTempDir('partner-desk-smoke-');
  build = path.join(tmp.dir, 'build');
  buildApp(build);
}, 180_000);

afterEach(() => {
  for (const app of running.splice(0)) app.kill();
});

afterAll(() => tmp?.cleanup());

function layout(kind: 'development' | 'packaged', binding: BindingKind = 'fits'): AppLayout {
  const root = path.join(tmp.dir, `app-${++count}`);
  return kind === 'development' ? developmentLayout(build, root, binding) : packagedLayout(build, root, binding);
}

function userData(): string {
  const dir = path.join(tmp.dir, `data-${++count}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

function start(appLayout: AppLayout, options: Partial<LaunchOptions> & { userData: string }): LaunchedApp {
  const app = launch(appLayout, options);
  running.push(app);
  return app;
}

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** Index of the first record named `call`; -1 if absent. */
function order(app: LaunchedApp, call: string): number {
  return app.records.findIndex((entry) => entry.call === call);
}

async function startedWindow(app: LaunchedApp): Promise<void> {
  await app.waitFor(
    'the window to be shown and the preload to run',
    () => order(app, 'BrowserWindow.show') >= 0 && order(app, 'preload.ran') >= 0,
  );
}

describe.each(['development', 'packaged'] as const)('the built app starting normally (%s layout)', (kind) => {
  it('keeps Electron’s order: schemes and sandbox before ready; protocol, session, screen and the window after', async () => {
    const app = start(layout(kind), { userData: userData() });
    await startedWindow(app);
    const before = ['app.enableSandbox', 'protocol.registerSchemesAsPrivileged', 'app.requestSingleInstanceLock'];
    for (const call of before) expect(app.first(call), call).toMatchObject({ ready: false });
    for (const call of [
      'protocol.handle',
      'session.setPermissionRequestHandler',
      'session.webRequest.onBeforeRequest',
      'BrowserWindow.new',
      'BrowserWindow.loadURL',
    ]) {
      expect(app.first(call), call).toMatchObject({ ready: true });
    }
    // The guards for every web contents are in place before any exists.
    expect(app.calls('app.on').map((entry) => entry.detail)).toContain('web-contents-created');
    expect(order(app, 'app.on')).toBeLessThan(order(app, 'BrowserWindow.new'));
    expect(app.crash).toBeNull();
  });

  it('registers a handler for every contract request before the window exists, and no other channel', async () => {
    const app = start(layout(kind), { userData: userData() });
    await startedWindow(app);
    const channels = app.calls('ipcMain.handle').map((entry) => entry.detail);
    expect(new Set(channels)).toEqual(new Set(REQUEST_NAMES.map((name) => `pd:request:${name}`)));
    const lastHandler = Math.max(
      ...app.records.filter((entry) => entry.call === 'ipcMain.handle').map((entry) => app.records.indexOf(entry)),
    );
    expect(lastHandler).toBeLessThan(order(app, 'BrowserWindow.new'));
  });

  it('builds the window with the secure options, hidden until its page is ready, with a preload and icon that exist', async () => {
    const app = start(layout(kind), { userData: userData() });
    await startedWindow(app);
    const options = app.first('BrowserWindow.new')!.detail as {
      show: boolean;
      icon?: string;
      webPreferences: Record<string, unknown> & { preload: string };
    };
    expect(options.show).toBe(false);
    expect(options.webPreferences).toMatchObject(SECURE_WEB_PREFERENCES);
    expect(fs.existsSync(options.webPreferences.preload)).toBe(true);
    if (process.platform === 'linux') expect(fs.existsSync(options.icon!)).toBe(true);
    expect(app.first('BrowserWindow.loadURL')!.detail).toBe('app://partner-desk/index.html');
    expect(order(app, 'BrowserWindow.show')).toBeGreaterThan(order(app, 'preload.ran'));
  });

  it('serves the page and its assets over app:// from the renderer folder, with the CSP header', async () => {
    const app = start(layout(kind), { userData: userData() });
    await startedWindow(app);
    const page = await app.fetch('app://partner-desk/index.html');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    const assets = [...page.body.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((match) => match[1]!);
    expect(assets.length).toBeGreaterThan(1);
    for (const asset of assets) expect((await app.fetch(`app://partner-desk/${asset}`)).status, asset).toBe(200);
    expect((await app.fetch('app://partner-desk/../../package.json')).status).not.toBe(200);
  });

  it('answers a request from the page: renderer → sandboxed preload → IPC → core → back', async () => {
    const data = userData();
    const app = start(layout(kind), { userData: data });
    await startedWindow(app);
    expect(app.calls('contextBridge.exposeInMainWorld').map((entry) => entry.detail)).toEqual(['partnerDesk']);
    const info = await app.request('app.info');
    expect(info.result).toMatchObject({ ok: true, value: { name: 'Partner Desk', runMode: 'desktop', dataDir: data, notices: [] } });
    expect(await app.request('channels.list', { limit: 5 })).toMatchObject({ result: { ok: true, value: { total: 0 } } });
    expect(await app.request('no.such.request')).toMatchObject({ result: { ok: false, error: { code: 'unknown_request' } } });
    // The core opened its database in the data folder, with the binding main chose.
    expect(fs.existsSync(path.join(data, 'partner-desk.sqlite'))).toBe(true);
  });

  it('syncs the demo in the bundled sync worker and searches it through the bundled index worker', async () => {
    const data = userData();
    const app = start(layout(kind), { userData: data });
    await startedWindow(app);
    expect(await app.request('session.startDemo')).toMatchObject({ result: { ok: true } });
    const synced = await app.request('sync.now');
    expect(synced.result).toMatchObject({ ok: true, value: { state: 'succeeded' } });
    const all = (await app.request('channels.list', { limit: 5 })).result as { ok: true; value: { total: number } };
    expect(all.value.total).toBeGreaterThan(0);
    // Once the worker's copy is in, a search answers from it alike (it may take a moment).
    for (let i = 0; i < 50; i += 1) {
      const found = (await app.request('channels.list', { search: 'a', limit: 5 })).result as { ok: true; value: { total: number } };
      expect(found.ok).toBe(true);
      if (found.value.total > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(app.crash).toBeNull();
    const log = logFilesOf(path.join(data, 'logs', 'desktop.log'))
      .map((file) => fs.readFileSync(file, 'utf8'))
      .join('');
    expect(log).toMatch(/"message":"sync succeeded"/);
    expect(log).not.toMatch(/could not be built|sync worker stopped/);
  }, 60_000);
});

describe('start-up failures say what happened and what to do', () => {
  it('no Electron build of SQLite in development: names `npm run native:electron`, never a damaged database', async () => {
    const data = userData();
    const app = start(layout('development', 'missing'), { userData: data });
    await app.waitFor('the error box', () => order(app, 'dialog.showErrorBox') >= 0);
    const box = app.first('dialog.showErrorBox')!.detail as { title: string; content: string };
    expect(box.title).toMatch(/database engine does not match/);
    expect(box.content).toMatch(/npm run native:electron/);
    expect(box.content).not.toMatch(/move it aside|cannot be read/);
    expect(await app.exited).toBe(1);
    // The window was up first (the user saw the app start), and nothing was written.
    expect(order(app, 'BrowserWindow.new')).toBeLessThan(order(app, 'dialog.showErrorBox'));
    expect(fs.existsSync(path.join(data, 'partner-desk.sqlite'))).toBe(false);
  });

  it('a binding left from another Electron version is refused, not used', async () => {
    const app = start(layout('development', 'stale'), { userData: userData() });
    await app.waitFor('the error box', () => order(app, 'dialog.showErrorBox') >= 0);
    expect((app.first('dialog.showErrorBox')!.detail as { content: string }).content).toMatch(
      /built for Electron 44\.0\.0.*npm run native:electron/s,
    );
  });

  it.each([false, true])(
    'a binding that cannot load (wrong ABI or CPU) is an engine problem, with an existing database too (%s)',
    async (existing) => {
      const data = userData();
      const file = path.join(data, 'partner-desk.sqlite');
      if (existing) {
        const db = openDatabase(file);
        new ProfileRepository(db, Date.now).upsert({
          partnerId: 'abcPA',
          hubUrl: 'https://hub.example',
          authMethod: 'api_key',
          label: 'Kept',
        });
        db.close();
      }
      const before = existing ? sha256(file) : null;
      for (const kind of ['development', 'packaged'] as const) {
        const app = start(layout(kind, 'unloadable'), { userData: data });
        await app.waitFor('the error box', () => order(app, 'dialog.showErrorBox') >= 0);
        const box = app.first('dialog.showErrorBox')!.detail as { title: string; content: string };
        expect(box.title).toMatch(/database engine does not match/);
        expect(box.content).toMatch(kind === 'packaged' ? /Reinstall Partner Desk/ : /npm run native:electron/);
        expect(box.content).not.toMatch(/cannot be read|move it aside|damaged/i);
        expect(await app.exited).toBe(1);
      }
      if (existing) expect(sha256(file)).toBe(before);
      else expect(fs.existsSync(file)).toBe(false);
    },
  );

  it('a second launch quits at once, opening neither a window nor the database; the first comes forward', async () => {
    const data = userData();
    const second = start(layout('development'), { userData: data, singleInstanceLock: false });
    expect(await second.exited).toBe(0);
    expect(second.calls('app.quit')).toHaveLength(1);
    expect(second.calls('BrowserWindow.new')).toHaveLength(0);
    expect(second.calls('ipcMain.handle')).toHaveLength(0);
    expect(fs.existsSync(path.join(data, 'partner-desk.sqlite'))).toBe(false);

    const first = start(layout('development'), { userData: userData() });
    await startedWindow(first);
    expect(first.calls('BrowserWindow.focus')).toHaveLength(0);
    first.send({ type: 'second-instance' });
    await first.waitFor('the window to come forward', () => first.calls('BrowserWindow.focus').length === 1);
    expect(first.crash).toBeNull();
  });

  it('a slow keychain (an unlock prompt, a Secret Service timing out) delays neither the window nor the cached data', async () => {
    const data = userData();
    const db = openDatabase(path.join(data, 'partner-desk.sqlite'));
    const profiles = new ProfileRepository(db, Date.now);
    const profile = profiles.upsert({ partnerId: 'abcPA', hubUrl: 'http://127.0.0.1:9', authMethod: 'api_key', label: 'Acme Partners' });
    profiles.setActive(profile.id);
    db.close();

    const app = start(layout('development'), { userData: data, keychainDelayMs: 20_000 });
    await startedWindow(app);
    const session = await app.request('session.get');
    const channels = await app.request('channels.list', { limit: 5 });
    const info = await app.request('app.info');
    expect(session.result).toMatchObject({
      ok: true,
      value: { activeProfileId: profile.id, profiles: [{ label: 'Acme Partners', hasSecret: true }] },
    });
    expect(channels.result).toMatchObject({ ok: true });
    expect(info.result).toMatchObject({ ok: true, value: { keychainAvailable: null } });
    // All of it while the keychain is still thinking: asked, not yet answered.
    expect(app.calls('keytar.getPassword.start').length).toBeGreaterThan(0);
    expect(app.calls('keytar.getPassword.end')).toHaveLength(0);
  }, 30_000);

  it('a page that fails to load shows the window with the reason and a retry that loads it again', async () => {
    const app = start(layout('packaged'), { userData: userData(), failLoads: 1, messageBoxResponse: 0 });
    await app.waitFor(
      'the page to load on the retry',
      () => app.calls('BrowserWindow.loadURL').length === 2 && order(app, 'preload.ran') >= 0,
    );
    const box = app.first('dialog.showMessageBox')!.detail as { withWindow: boolean; message: string; detail: string; buttons: string[] };
    expect(box).toMatchObject({ withWindow: true, buttons: ['Try Again', 'Quit'] });
    expect(box.detail).toMatch(/ERR_CONNECTION_REFUSED/);
    // Shown before the question, not left invisible behind it.
    expect(order(app, 'BrowserWindow.show')).toBeLessThan(order(app, 'dialog.showMessageBox'));
  });

  it('quitting after a failed load quits', async () => {
    const app = start(layout('packaged'), { userData: userData(), failLoads: 5, messageBoxResponse: 1 });
    expect(await app.exited).toBe(0);
    expect(app.calls('BrowserWindow.loadURL')).toHaveLength(1);
    expect(app.calls('app.quit')).toHaveLength(1);
  });

  it('tells the user when Chromium’s sandbox is off (a Linux that restricts user namespaces)', async () => {
    const app = start(layout('packaged'), { userData: userData(), switches: ['no-sandbox'] });
    await startedWindow(app);
    const info = await app.request('app.info');
    expect(info.result).toMatchObject({ ok: true, value: { notices: [expect.stringMatching(/without Chromium’s sandbox/)] } });
  });
});
