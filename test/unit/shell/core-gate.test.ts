/** The window's requests wait for the core, then go through; a core that failed answers every request with why. */
import { describe, expect, it } from 'vitest';
import { CoreEvents } from '@core/events';
import { CoreGate, type CoreAccess } from '../../../electron/main/core-gate';

function fakeCore(): CoreAccess & { events: CoreEvents; seen: string[] } {
  const seen: string[] = [];
  const events = new CoreEvents();
  return {
    seen,
    events,
    dispatch: async (name) => {
      seen.push(name);
      return { ok: true, value: name };
    },
  };
}

describe('CoreGate', () => {
  it('holds requests made while the core starts and answers them, in order, once it is open', async () => {
    const gate = new CoreGate();
    const answers = [gate.dispatch('app.info', {}), gate.dispatch('session.get', {})];
    let settled = false;
    void Promise.all(answers).then(() => {
      settled = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    const core = fakeCore();
    gate.open(core);
    expect(await Promise.all(answers)).toEqual([
      { ok: true, value: 'app.info' },
      { ok: true, value: 'session.get' },
    ]);
    expect(await gate.dispatch('sync.status', {})).toEqual({ ok: true, value: 'sync.status' });
    expect(core.seen).toEqual(['app.info', 'session.get', 'sync.status']);
  });

  it('forwards the core’s events to listeners that subscribed before it existed', () => {
    const gate = new CoreGate();
    const received: string[] = [];
    gate.events.onAny((event) => received.push(event));
    const core = fakeCore();
    gate.open(core);
    core.events.emit('notifications.changed', { profileId: 'p' });
    expect(received).toEqual(['notifications.changed']);
  });

  it('answers waiting and later requests with the start-up error when the core cannot start', async () => {
    const gate = new CoreGate();
    const waiting = gate.dispatch('app.info', {});
    gate.fail({ code: 'database_engine_unavailable', message: 'Run npm run native:electron.' });
    expect(await waiting).toEqual({ ok: false, error: { code: 'database_engine_unavailable', message: 'Run npm run native:electron.' } });
    expect(await gate.dispatch('session.get', {})).toMatchObject({ ok: false });
    expect(gate.status).toBe('failed');
    expect(() => gate.open(fakeCore())).toThrow(/already failed/);
  });
});
