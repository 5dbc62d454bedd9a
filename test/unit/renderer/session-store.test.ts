import { describe, expect, it } from 'vitest';
import type { PartnerDeskApi } from '@shared/api';
import type { SessionState } from '@shared/contract';
import type { Result } from '@shared/result';
import { activeProfile, createSessionStore } from '../../../renderer/src/state/session-store';
import { appInfo, demoSession, signedOut } from './fixtures';

/** A scripted API: answers by request name and lets the test push session.changed events. */
function scriptedApi(answers: Record<string, Result<unknown>>) {
  const listeners = new Set<(payload: SessionState) => void>();
  const requests: Array<{ name: string; input: unknown }> = [];
  const api = {
    request: async (name: string, input: unknown) => {
      requests.push({ name, input });
      return answers[name] ?? { ok: false, error: { code: 'internal', message: `no answer for ${name}` } };
    },
    on: (_event: string, listener: (payload: SessionState) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as unknown as PartnerDeskApi;
  return { api, requests, push: (s: SessionState) => listeners.forEach((l) => l(s)), listeners };
}

describe('session store', () => {
  it('loads app info and the session, then follows session.changed', async () => {
    const { api, push } = scriptedApi({ 'app.info': { ok: true, value: appInfo }, 'session.get': { ok: true, value: signedOut } });
    const store = createSessionStore(api);
    await store.getState().load();
    expect(store.getState()).toMatchObject({ phase: 'ready', info: appInfo, session: signedOut, pending: null, error: null });
    push(demoSession);
    expect(store.getState().session).toEqual(demoSession);
    expect(activeProfile(store.getState().session)?.partnerId).toBe('demoHubPA');
  });

  it('subscribes only once across repeated loads, and stops on dispose', async () => {
    const { api, listeners } = scriptedApi({ 'app.info': { ok: true, value: appInfo }, 'session.get': { ok: true, value: signedOut } });
    const store = createSessionStore(api);
    await store.getState().load();
    await store.getState().load();
    expect(listeners.size).toBe(1);
    store.getState().dispose();
    expect(listeners.size).toBe(0);
  });

  it('marks a failed load with the reason', async () => {
    const offline = { code: 'offline', message: 'not answering' } as const;
    const { api } = scriptedApi({ 'app.info': { ok: false, error: offline }, 'session.get': { ok: true, value: signedOut } });
    const store = createSessionStore(api);
    await store.getState().load();
    expect(store.getState()).toMatchObject({ phase: 'failed', error: { action: 'load', info: offline } });
  });

  it('tracks pending while an action runs and adopts its snapshot', async () => {
    const { api } = scriptedApi({ 'session.startDemo': { ok: true, value: demoSession } });
    const store = createSessionStore(api);
    const running = store.getState().startDemo();
    expect(store.getState().pending).toBe('startDemo');
    await running;
    expect(store.getState()).toMatchObject({ pending: null, session: demoSession, error: null });
  });

  it('keeps the failure of an action, tagged with the action, until the next one', async () => {
    const refused = { code: 'unauthorized', message: 'The 360dialog Hub refused the credentials.' } as const;
    const { api } = scriptedApi({ 'session.signIn': { ok: false, error: refused }, 'session.refresh': { ok: true, value: signedOut } });
    const store = createSessionStore(api);
    const result = await store.getState().signIn({ method: 'api_key', partnerId: 'abcPA', apiKey: 'x'.repeat(20) });
    expect(result.ok).toBe(false);
    expect(store.getState().error).toEqual({ action: 'signIn', info: refused });
    await store.getState().refresh();
    expect(store.getState().error).toBeNull();
  });

  it('sends the sign-out options and the profile to switch to', async () => {
    const { api, requests } = scriptedApi({
      'session.signOut': { ok: true, value: signedOut },
      'session.switchProfile': { ok: true, value: demoSession },
    });
    const store = createSessionStore(api);
    await store.getState().signOut('p1');
    await store.getState().signOut('p2', false);
    await store.getState().switchProfile('p1');
    expect(requests).toEqual([
      { name: 'session.signOut', input: { profileId: 'p1', keepCache: true } },
      { name: 'session.signOut', input: { profileId: 'p2', keepCache: false } },
      { name: 'session.switchProfile', input: { profileId: 'p1' } },
    ]);
  });

  it('"Sign in again" leaves the active profile (keeping its cache) and prefills the form', async () => {
    const { api, requests } = scriptedApi({
      'app.info': { ok: true, value: appInfo },
      'session.get': { ok: true, value: demoSession },
      'session.signOut': { ok: true, value: signedOut },
    });
    const store = createSessionStore(api);
    await store.getState().load();
    const profile = demoSession.profiles[0]!;
    await store.getState().signInAgain(profile);
    expect(requests.at(-1)).toEqual({ name: 'session.signOut', input: { profileId: profile.id, keepCache: true } });
    const first = store.getState().signInPrefill;
    expect(first).toMatchObject({ partnerId: 'demoHubPA', hubUrl: profile.hubUrl });
    // Asking again for an inactive profile only refills the form, with a new sequence number.
    await store.getState().signInAgain(profile);
    expect(requests.filter((r) => r.name === 'session.signOut')).toHaveLength(1);
    expect(store.getState().signInPrefill?.seq).not.toBe(first?.seq);
  });
});
