/** The update cycle with an injected updater: when it checks, what it shows, install on request. */
import { describe, expect, it } from 'vitest';
import type { UpdateState } from '@shared/shell';
import { UpdateState as UpdateStateSchema } from '@shared/shell';
import { silentLogger } from '@core/log';
import { UpdateController, type UpdaterEvents, type UpdaterPort } from '../../../electron/main/policy/update-controller';
import { UPDATE_CHECK_INTERVAL_MS, type UpdateSupport } from '../../../electron/main/policy/update-policy';
import { FakeClock, settle } from './fakes';

class FakeUpdater implements UpdaterPort {
  settings: Record<string, boolean> = {};
  listeners: UpdaterEvents | null = null;
  checks = 0;
  installs: Array<[boolean, boolean]> = [];
  /** What the next check does. */
  behaviour: 'none' | 'available' | 'throw' | 'error-event' | 'event-and-throw' = 'none';

  configure(settings: Record<string, boolean>) {
    this.settings = settings;
  }
  subscribe(listeners: UpdaterEvents) {
    this.listeners = listeners;
  }
  async checkForUpdates() {
    this.checks += 1;
    const l = this.listeners!;
    l['checking-for-update']();
    if (this.behaviour === 'throw') throw new Error('net::ERR_INTERNET_DISCONNECTED');
    if (this.behaviour === 'error-event') return l.error(new Error('HttpError: 404'));
    if (this.behaviour === 'event-and-throw') {
      // What electron-updater does on a failed check: emit 'error' and reject, with the same Error.
      const error = new Error('net::ERR_NAME_NOT_RESOLVED');
      l.error(error);
      throw error;
    }
    if (this.behaviour === 'none') return l['update-not-available']({ version: '1.0.0' });
    l['update-available']({ version: '1.1.0', releaseNotes: '<p>Faster <b>sync</b></p>' });
  }
  quitAndInstall(isSilent: boolean, isForceRunAfter: boolean) {
    this.installs.push([isSilent, isForceRunAfter]);
  }
}

function setup(support: UpdateSupport = { supported: true }, online = true) {
  const clock = new FakeClock();
  const updater = new FakeUpdater();
  const states: UpdateState[] = [];
  const ready: UpdateState[] = [];
  const calls: string[] = [];
  let created = 0;
  const controller = new UpdateController({
    updater: () => {
      created += 1;
      return updater;
    },
    support,
    currentVersion: '1.0.0',
    log: silentLogger,
    now: () => Date.parse('2026-11-28T10:00:00Z') + clock.now,
    timers: clock,
    isOnline: () => online,
    onChange: (state) => states.push(state),
    onReady: (state) => ready.push(state),
    beforeInstall: () => calls.push('beforeInstall'),
  });
  updater.quitAndInstall = (a, b) => {
    calls.push('quitAndInstall');
    updater.installs.push([a, b]);
  };
  return { clock, updater, states, ready, calls, controller, created: () => created };
}

describe('UpdateController', () => {
  it('never touches the updater in a build that does not update', async () => {
    const { clock, controller, created } = setup({ supported: false, reason: 'linux-package', message: 'Use your package manager.' });
    controller.start();
    clock.advance(UPDATE_CHECK_INTERVAL_MS * 3);
    expect(await controller.check('user')).toMatchObject({ status: 'unsupported', message: 'Use your package manager.' });
    expect(controller.install()).toEqual({ accepted: false });
    expect(created()).toBe(0);
    expect(clock.pending).toBe(0);
  });

  it('checks shortly after start and then every 6 hours', async () => {
    const { clock, updater, controller } = setup();
    controller.start();
    expect(updater.checks).toBe(0);
    clock.advance(30_000);
    await settle();
    expect(updater.checks).toBe(1);
    expect(updater.settings).toEqual({ autoDownload: true, autoInstallOnAppQuit: true, allowPrerelease: false, allowDowngrade: false });
    clock.advance(UPDATE_CHECK_INTERVAL_MS - 30_000 - 1);
    await settle();
    expect(updater.checks).toBe(1);
    clock.advance(1);
    await settle();
    expect(updater.checks).toBe(2);
    clock.advance(UPDATE_CHECK_INTERVAL_MS);
    await settle();
    expect(updater.checks).toBe(3);
    controller.stop();
    expect(clock.pending).toBe(0);
  });

  it('skips scheduled checks while offline, but not one the user asks for', async () => {
    const { clock, updater, controller } = setup({ supported: true }, false);
    controller.start();
    clock.advance(UPDATE_CHECK_INTERVAL_MS * 2);
    await settle();
    expect(updater.checks).toBe(0);
    await controller.check('user');
    expect(updater.checks).toBe(1);
  });

  it('downloads in the background, then says "Update ready: restart to install" with the notes', async () => {
    const { updater, states, ready, controller } = setup();
    updater.behaviour = 'available';
    expect(await controller.check('user')).toMatchObject({ status: 'downloading', version: '1.1.0', progress: 0 });
    updater.listeners!['download-progress']({ percent: 42.4 });
    expect(controller.state().progress).toBe(42);
    updater.listeners!['update-downloaded']({ version: '1.1.0' });
    const state = controller.state();
    expect(state).toMatchObject({ status: 'ready', version: '1.1.0', releaseNotes: 'Faster sync', progress: 100 });
    expect(state.message).toBe('Update ready: restart to install Partner Desk 1.1.0.');
    expect(ready).toHaveLength(1);
    updater.listeners!['update-downloaded']({ version: '1.1.0' });
    expect(ready).toHaveLength(1);
    for (const s of states) expect(UpdateStateSchema.safeParse(s).success).toBe(true);
  });

  it('installs only when ready, letting windows close first', async () => {
    const { updater, calls, controller } = setup();
    expect(controller.install()).toEqual({ accepted: false });
    updater.behaviour = 'available';
    await controller.check('user');
    expect(controller.install()).toEqual({ accepted: false });
    updater.listeners!['update-downloaded']({ version: '1.1.0' });
    expect(controller.install()).toEqual({ accepted: true });
    expect(calls).toEqual(['beforeInstall', 'quitAndInstall']);
    expect(updater.installs).toEqual([[false, true]]);
  });

  it('does not check again once an update is downloading or ready', async () => {
    const { updater, controller } = setup();
    updater.behaviour = 'available';
    await controller.check('user');
    await controller.check('scheduled');
    updater.listeners!['update-downloaded']({ version: '1.1.0' });
    await controller.check('user');
    expect(updater.checks).toBe(1);
  });

  it('shares one check between concurrent callers', async () => {
    const { updater, controller } = setup();
    const [a, b] = await Promise.all([controller.check('user'), controller.check('scheduled')]);
    expect(updater.checks).toBe(1);
    expect(a).toBe(b);
    expect(a).toMatchObject({ status: 'idle', message: 'Partner Desk is up to date.' });
  });

  it('reports failures quietly and never throws', async () => {
    const { updater, controller } = setup();
    updater.behaviour = 'throw';
    await expect(controller.check('user')).resolves.toMatchObject({ status: 'error', message: expect.stringMatching(/try again later/) });
    updater.behaviour = 'error-event';
    await expect(controller.check('user')).resolves.toMatchObject({ status: 'error' });
    updater.behaviour = 'none';
    await expect(controller.check('user')).resolves.toMatchObject({ status: 'idle' });
  });

  it('logs a failed check once, though electron-updater reports it both as an event and a rejection', async () => {
    const warnings: string[] = [];
    const log = { ...silentLogger, warn: (message: string) => warnings.push(message) };
    const updater = new FakeUpdater();
    updater.behaviour = 'event-and-throw';
    const controller = new UpdateController({
      updater: () => updater,
      support: { supported: true },
      currentVersion: '1.0.0',
      log,
      now: () => 0,
      timers: new FakeClock(),
      onChange: () => undefined,
    });
    await expect(controller.check('user')).resolves.toMatchObject({ status: 'error' });
    expect(warnings).toEqual(['update failed']);
    await controller.check('user'); // a second failed check is a new failure, logged again
    expect(warnings).toEqual(['update failed', 'update failed']);
  });

  it('keeps a downloaded update when a later error arrives', async () => {
    const { updater, controller } = setup();
    updater.behaviour = 'available';
    await controller.check('user');
    updater.listeners!['update-downloaded']({ version: '1.1.0' });
    updater.listeners!.error(new Error('late'));
    expect(controller.state().status).toBe('ready');
  });

  it('survives an updater that cannot even be created', async () => {
    const controller = new UpdateController({
      updater: () => {
        throw new Error('app-update.yml is missing');
      },
      support: { supported: true },
      currentVersion: '1.0.0',
      log: silentLogger,
      now: () => 0,
      timers: new FakeClock(),
      onChange: () => {
        throw new Error('listener bug');
      },
    });
    await expect(controller.check('user')).resolves.toMatchObject({ status: 'error' });
  });
});
