import { describe, expect, it } from 'vitest';
import {
  needsProbe,
  probeDelayMs,
  PROBE_WHILE_DOWN_MS,
  reduceConnection,
  SIGNED_OUT_MODEL,
  syncConnectionEvent,
  toConnectionState,
  type ConnectionEvent,
  type ConnectionModel,
} from '@core/session/connection-machine';

const partner = { id: 'abcPA', name: 'Acme Partner' };

function run(events: ConnectionEvent[], from: ConnectionModel = SIGNED_OUT_MODEL): ConnectionModel {
  return events.reduce(reduceConnection, from);
}

/** Signed in and connected at t=1000 (a check started at 900). */
const online = run([
  { type: 'checking', at: 900 },
  { type: 'contact', at: 1000, startedAt: 900, partner },
]);

describe('connection state machine', () => {
  it('a check moves signed-out/unchecked to connecting, and the first answer to connected with its partner', () => {
    const connecting = run([{ type: 'checking', at: 10 }]);
    expect(connecting).toMatchObject({ status: 'connecting', since: 10 });
    expect(online).toMatchObject({
      status: 'connected',
      partner,
      since: 1000,
      lastContactAt: 1000,
      network: 'up',
      failures: 0,
      message: null,
    });
    // A later answer keeps "since" (connected since the first one) and moves the last contact.
    expect(reduceConnection(online, { type: 'contact', at: 5000, startedAt: 4900 })).toMatchObject({
      since: 1000,
      lastContactAt: 5000,
      partner,
    });
  });

  it('a signed-out model ignores outcomes; signing out keeps what the OS said', () => {
    expect(reduceConnection(SIGNED_OUT_MODEL, { type: 'contact', at: 1, startedAt: 0 })).toBe(SIGNED_OUT_MODEL);
    const down = reduceConnection(online, { type: 'network', at: 2000, up: false });
    expect(reduceConnection(down, { type: 'signed_out' })).toMatchObject({
      status: 'signed_out',
      partner: null,
      network: 'down',
      lastDownAt: 2000,
    });
  });

  it('a request without an answer: offline when the cause says no network, else the Hub is unavailable', () => {
    const noDns = reduceConnection(online, { type: 'unreachable', at: 2000, startedAt: 1500, noNetwork: true, message: 'ENOTFOUND' });
    expect(noDns).toMatchObject({ status: 'offline', since: 2000, failures: 1, lastContactAt: 1000, partner });
    const silent = reduceConnection(online, { type: 'unreachable', at: 2000, startedAt: 1500, noNetwork: false, message: 'timeout' });
    expect(silent).toMatchObject({ status: 'hub_unavailable', since: 2000, message: 'timeout' });
    // Still failing: the same status keeps its start, the failures count up (for the backoff).
    expect(
      reduceConnection(silent, { type: 'unreachable', at: 3000, startedAt: 2500, noNetwork: false, message: 'timeout' }),
    ).toMatchObject({ since: 2000, failures: 2 });
  });

  it('the OS saying offline is believed at once; a failure then counts as offline whatever its cause', () => {
    const down = reduceConnection(online, { type: 'network', at: 2000, up: false });
    expect(down).toMatchObject({ status: 'offline', since: 2000, network: 'down' });
    const hubDown = reduceConnection(online, { type: 'unreachable', at: 2000, startedAt: 1900, noNetwork: false, message: 'refused' });
    expect(reduceConnection(hubDown, { type: 'network', at: 2500, up: false })).toMatchObject({ status: 'offline', since: 2500 });
  });

  it('the OS saying online proves nothing: the status waits for the Hub, and the backoff starts over', () => {
    const down = run(
      [
        { type: 'network', at: 2000, up: false },
        { type: 'unreachable', at: 2100, startedAt: 2050, noNetwork: true, message: 'ENOTFOUND' },
      ],
      online,
    );
    const up = reduceConnection(down, { type: 'network', at: 3000, up: true });
    expect(up).toMatchObject({ status: 'offline', network: 'up', failures: 0 });
    expect(reduceConnection(up, { type: 'contact', at: 3100, startedAt: 3050 })).toMatchObject({ status: 'connected', since: 3100 });
  });

  it('flapping: an answer to a request sent before the OS said offline does not bring it back', () => {
    const down = reduceConnection(online, { type: 'network', at: 2000, up: false });
    expect(reduceConnection(down, { type: 'contact', at: 2100, startedAt: 1990 })).toBe(down);
    // down, up, down within a second: offline since the last "down", and only newer requests count.
    const flapped = run(
      [
        { type: 'network', at: 2200, up: true },
        { type: 'network', at: 2300, up: false },
      ],
      down,
    );
    expect(flapped).toMatchObject({ status: 'offline', since: 2000, network: 'down', lastDownAt: 2300 });
    expect(reduceConnection(flapped, { type: 'contact', at: 2400, startedAt: 2250 }).status).toBe('offline');
    expect(reduceConnection(flapped, { type: 'contact', at: 2400, startedAt: 2350 }).status).toBe('connected');
  });

  it('a failure of a request older than the last answer is stale', () => {
    const later = reduceConnection(online, { type: 'contact', at: 3000, startedAt: 2900 });
    expect(reduceConnection(later, { type: 'unreachable', at: 3100, startedAt: 2000, noNetwork: false, message: 'timeout' })).toBe(later);
    expect(reduceConnection(later, { type: 'rejected', at: 3100, startedAt: 2000, message: '401' })).toBe(later);
  });

  it('a Hub that answers 5xx is reachable: the network is up, and the check says the Hub is in trouble', () => {
    const failing = reduceConnection(online, { type: 'server_error', at: 2000, startedAt: 1900, message: 'HTTP 503', fromCheck: true });
    expect(failing).toMatchObject({ status: 'hub_unavailable', network: 'up', lastContactAt: 2000, message: 'HTTP 503', failures: 1 });
    expect(needsProbe(failing)).toBe(true);
    // One failing request of other traffic while connected is that request's problem, not the connection's.
    const oneRequest = reduceConnection(online, { type: 'server_error', at: 2000, startedAt: 1900, message: 'HTTP 500', fromCheck: false });
    expect(oneRequest).toMatchObject({ status: 'connected', lastContactAt: 2000 });
    // While not connected, any 5xx keeps it "unavailable" (reachable, not offline); an answer below 500 ends it.
    const offline = reduceConnection(online, { type: 'unreachable', at: 2000, startedAt: 1950, noNetwork: true, message: 'x' });
    expect(
      reduceConnection(offline, { type: 'server_error', at: 2100, startedAt: 2050, message: 'HTTP 502', fromCheck: false }).status,
    ).toBe('hub_unavailable');
    expect(reduceConnection(failing, { type: 'contact', at: 2500, startedAt: 2400 }).status).toBe('connected');
  });

  it('a refused key stays the thing to fix: network failures do not hide it, older answers do not end it', () => {
    const rejected = reduceConnection(online, { type: 'rejected', at: 2000, startedAt: 1900, message: 'Token expired or API key revoked' });
    expect(rejected).toMatchObject({ status: 'key_rejected', since: 2000, message: 'Token expired or API key revoked' });
    expect(needsProbe(rejected)).toBe(false);
    expect(reduceConnection(rejected, { type: 'unreachable', at: 2100, startedAt: 2050, noNetwork: true, message: 'x' }).status).toBe(
      'key_rejected',
    );
    expect(reduceConnection(rejected, { type: 'network', at: 2100, up: false }).status).toBe('key_rejected');
    // A request that was already under way when the key was refused proves nothing about a new key.
    expect(reduceConnection(rejected, { type: 'contact', at: 2100, startedAt: 1950 }).status).toBe('key_rejected');
    expect(reduceConnection(rejected, { type: 'contact', at: 2300, startedAt: 2200, partner }).status).toBe('connected');
  });

  it('a local failure (the keychain) is an error; local_only is "unchecked"', () => {
    expect(reduceConnection(online, { type: 'local_failure', at: 2000, message: 'The keychain is locked.' })).toMatchObject({
      status: 'error',
      message: 'The keychain is locked.',
    });
    expect(run([{ type: 'checking', at: 1 }, { type: 'local_only' }])).toMatchObject({ status: 'unchecked', since: null });
  });

  it('probes quickly at first, then every 10 s, every 60 s while the OS says there is no network, never when nothing helps', () => {
    const mid = () => 0.5;
    const unavailable = (failures: number): ConnectionModel => ({ ...online, status: 'hub_unavailable', failures, network: 'up' });
    const delays = [1, 2, 3, 4, 5, 9].map((n) => probeDelayMs(unavailable(n), mid));
    expect(delays).toEqual([900, 1800, 3600, 7200, 9000, 9000]);
    expect(probeDelayMs(unavailable(30), () => 0)).toBe(8000); // jitter: 80-100 % of the step
    expect(probeDelayMs(unavailable(30), () => 1)).toBe(10_000);
    expect(probeDelayMs({ ...online, status: 'offline', network: 'down', failures: 3 }, mid)).toBe(PROBE_WHILE_DOWN_MS);
    for (const status of ['connected', 'key_rejected', 'error', 'signed_out', 'unchecked'] as const)
      expect(probeDelayMs({ ...online, status }, mid)).toBeNull();
  });

  it('a finished sync speaks for the connection', () => {
    expect(syncConnectionEvent({ status: 'succeeded', error: null }, 10, 20)).toEqual({ type: 'contact', at: 20, startedAt: 10 });
    expect(syncConnectionEvent({ status: 'offline', error: { code: 'offline', message: 'gone' } }, 10, 20)).toMatchObject({
      type: 'unreachable',
      message: 'gone',
    });
    expect(syncConnectionEvent({ status: 'failed', error: { code: 'unauthorized', message: '401' } }, 10, 20)).toMatchObject({
      type: 'rejected',
    });
    expect(syncConnectionEvent({ status: 'failed', error: { code: 'server_error', message: '503' } }, 10, 20)).toMatchObject({
      type: 'server_error',
      fromCheck: false,
    });
    expect(syncConnectionEvent({ status: 'failed', error: { code: 'bad_response', message: 'x' } }, 10, 20)).toBeNull();
    expect(syncConnectionEvent({ status: 'cancelled', error: null }, 10, 20)).toBeNull();
  });

  it('the contract view carries times as ISO strings', () => {
    const state = toConnectionState(online, 61_000, true);
    expect(state).toEqual({
      status: 'connected',
      partner,
      message: null,
      checkedAt: new Date(1000).toISOString(),
      since: new Date(1000).toISOString(),
      lastContactAt: new Date(1000).toISOString(),
      network: 'up',
      nextCheckAt: new Date(61_000).toISOString(),
      checking: true,
    });
  });
});
