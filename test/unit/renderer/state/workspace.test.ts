import { describe, expect, it, vi } from 'vitest';
import type { ChannelPage } from '@shared/accounts';
import { runAppCommand } from '../../../../renderer/src/screens/workspace/app-commands';
import { createWorkspace } from '../../../../renderer/src/state/workspace';
import { fakeApi, flush } from '../fake-api';
import { channel, outboxStatus, syncStatus } from './samples';

function workspaceWithData() {
  const fake = fakeApi();
  fake.answer('sync.status', () => ({ ok: true, value: syncStatus() }));
  fake.answer('sync.now', () => ({ ok: true, value: syncStatus() }));
  fake.answer('notifications.list', () => ({ ok: true, value: { unread: 0, items: [] } }));
  fake.answer('outbox.list', () => ({ ok: true, value: { ...outboxStatus(), items: [] } }));
  const page: ChannelPage = { total: 1, offset: 0, items: [channel('ch1')], countsByState: { live: 1 } };
  fake.answer('channels.list', () => ({ ok: true, value: page }));
  const workspace = createWorkspace(fake.api, null);
  return { fake, workspace };
}

describe('workspace wiring', () => {
  it('re-reads the list on screen after a sync wrote new data, not after a mere status change', async () => {
    const { fake, workspace } = workspaceWithData();
    workspace.start();
    workspace.channels.getState().load();
    await flush();
    expect(fake.callsTo('channels.list')).toHaveLength(1);
    fake.emit('sync.status', syncStatus({ state: 'running', phase: 'channels' }));
    await flush();
    expect(fake.callsTo('channels.list')).toHaveLength(1);
    fake.emit('sync.status', syncStatus({ lastSucceededAt: '2025-06-18T11:00:00.000Z' }));
    await flush();
    expect(fake.callsTo('channels.list')).toHaveLength(2);
    workspace.dispose();
  });

  it('re-reads the list when the outbox moved (pending overlays, confirmed effects)', async () => {
    const { fake, workspace } = workspaceWithData();
    workspace.start();
    workspace.channels.getState().load();
    await flush();
    fake.emit('outbox.changed', outboxStatus({ queued: 1 }));
    await flush();
    expect(fake.callsTo('channels.list')).toHaveLength(2);
    // A list nobody looked at is left alone.
    expect(fake.callsTo('clients.list')).toHaveLength(0);
    workspace.dispose();
    expect(fake.listenerCount('outbox.changed')).toBe(0);
  });

  it("re-reads the list once per burst while the outbox replays, and after the burst's last event", async () => {
    // Fake timers: the throttle's window passes without waiting for it (and Date.now moves with it).
    vi.useFakeTimers();
    try {
      const { fake, workspace } = workspaceWithData();
      workspace.start();
      workspace.channels.getState().load();
      await vi.advanceTimersByTimeAsync(0);
      const before = fake.callsTo('channels.list').length;
      for (let i = 0; i < 8; i += 1) fake.emit('outbox.changed', outboxStatus({ queued: 8 - i, done: i }));
      await vi.advanceTimersByTimeAsync(0);
      expect(fake.callsTo('channels.list')).toHaveLength(before + 1);
      // The window ends: one more read for everything that came during it, then nothing more.
      await vi.advanceTimersByTimeAsync(5_000);
      expect(fake.callsTo('channels.list')).toHaveLength(before + 2);
      workspace.dispose();
    } finally {
      vi.useRealTimers();
    }
  });

  it('carries out the desktop shell’s menu commands', async () => {
    const { fake, workspace } = workspaceWithData();
    runAppCommand(workspace, { command: 'export-csv' });
    expect(workspace.ui.getState()).toMatchObject({ exportOpen: true, section: 'accounts' });
    runAppCommand(workspace, { command: 'show-notifications' });
    expect(workspace.ui.getState().section).toBe('notifications');
    runAppCommand(workspace, { command: 'open-channel', channelId: 'ch9' });
    expect(workspace.ui.getState().openChannel).toEqual({ id: 'ch9', tab: 'overview' });
    runAppCommand(workspace, { command: 'sign-out' });
    expect(workspace.ui.getState().profileOpen).toBe(true);
    runAppCommand(workspace, { command: 'sync-now' });
    await flush();
    expect(fake.callsTo('sync.now')).toHaveLength(1);
  });
});
