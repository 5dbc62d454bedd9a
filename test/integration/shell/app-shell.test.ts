/**
 * The shell's contract entries through a real core: the `app.*` requests dispatch through the
 * AppShell seam (headless in web mode and the CLI, Electron's in the app) with their output
 * validated, and the `app.command` / `app.update` events travel the core's bus that the IPC
 * bridge and web mode forward.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { EVENT_NAMES, isRequestName } from '@shared/contract';
import type { UpdateState } from '@shared/shell';
import type { AppShell } from '@core/app-shell';
import { startTestCore, type CoreFixture } from '../../helpers/core-fixture';

let fixture: CoreFixture | null = null;
afterEach(() => {
  fixture?.dispose();
  fixture = null;
});

const ready: UpdateState = {
  status: 'ready',
  currentVersion: '1.0.0',
  version: '1.1.0',
  releaseNotes: 'Faster sync',
  progress: 100,
  message: 'Update ready: restart to install Partner Desk 1.1.0.',
  checkedAt: '2026-11-28T10:00:00.000Z',
};

describe('app.* requests', () => {
  it('are declared in the contract', () => {
    for (const name of ['app.updateStatus', 'app.checkForUpdates', 'app.installUpdate', 'app.revealDataFolder'])
      expect(isRequestName(name), name).toBe(true);
    expect(EVENT_NAMES).toEqual(expect.arrayContaining(['app.command', 'app.update']));
  });

  it('answer "unsupported" without an Electron shell (web mode, CLI)', async () => {
    fixture = await startTestCore({ appVersion: '2.0.0' });
    const state = await fixture.core.dispatch('app.updateStatus', {});
    expect(state).toEqual({ ok: true, value: expect.objectContaining({ status: 'unsupported', currentVersion: '2.0.0' }) });
    expect(await fixture.core.dispatch('app.installUpdate', {})).toEqual({ ok: true, value: { accepted: false } });
    expect(await fixture.core.dispatch('app.revealDataFolder', {})).toEqual({ ok: true, value: { revealed: false } });
    expect((await fixture.core.dispatch('app.checkForUpdates', { force: true })).ok).toBe(false);
  });

  it("delegate to the shell's implementation", async () => {
    const calls: string[] = [];
    const shell: AppShell = {
      updateState: () => ready,
      checkForUpdates: async () => (calls.push('check'), ready),
      installUpdate: async () => (calls.push('install'), { accepted: true }),
      revealDataFolder: async () => (calls.push('reveal'), true),
      notices: () => ['The sandbox is off.'],
    };
    fixture = await startTestCore({ shell });
    expect(await fixture.core.dispatch('app.info', {})).toMatchObject({ ok: true, value: { notices: ['The sandbox is off.'] } });
    expect(await fixture.core.dispatch('app.updateStatus', {})).toEqual({ ok: true, value: ready });
    expect(await fixture.core.dispatch('app.checkForUpdates', {})).toEqual({ ok: true, value: ready });
    expect(await fixture.core.dispatch('app.installUpdate', {})).toEqual({ ok: true, value: { accepted: true } });
    expect(await fixture.core.dispatch('app.revealDataFolder', {})).toEqual({ ok: true, value: { revealed: true } });
    expect(calls).toEqual(['check', 'install', 'reveal']);
  });

  it('refuse an update state the contract does not allow', async () => {
    const broken = { ...ready, status: 'exploded' } as unknown as UpdateState;
    fixture = await startTestCore({
      shell: {
        updateState: () => broken,
        checkForUpdates: async () => broken,
        installUpdate: async () => ({ accepted: false }),
        revealDataFolder: async () => false,
        notices: () => [],
      },
    });
    expect(await fixture.core.dispatch('app.updateStatus', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

describe('app.* events', () => {
  it('travel the core bus that IPC and web mode forward', async () => {
    fixture = await startTestCore();
    const seen: Array<[string, unknown]> = [];
    const off = fixture.core.events.onAny((event, payload) => seen.push([event, payload]));
    fixture.core.events.emit('app.command', { command: 'open-channel', channelId: 'ch-1' });
    fixture.core.events.emit('app.update', ready);
    off();
    expect(seen).toEqual([
      ['app.command', { command: 'open-channel', channelId: 'ch-1' }],
      ['app.update', ready],
    ]);
  });
});
