/**
 * The session as the UI sees it: app info, the session snapshot (kept current by `session.changed`)
 * and which action is in flight or failed. A vanilla zustand store built around an injected API, so
 * it works the same over Electron IPC, web mode, or a fake in tests.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PartnerDeskApi } from '@shared/api';
import type { AppInfo, ProfileSummary, SessionState, SignInInput } from '@shared/contract';
import type { ErrorInfo } from '@shared/errors';
import type { Result } from '@shared/result';

export type SessionAction = 'load' | 'startDemo' | 'signIn' | 'signOut' | 'switchProfile' | 'refresh';

export interface SessionStoreState {
  phase: 'idle' | 'loading' | 'ready' | 'failed';
  info: AppInfo | null;
  session: SessionState | null;
  /** The action in flight; the UI disables competing controls meanwhile. */
  pending: SessionAction | null;
  /** The last failed action and why, shown next to the control that caused it. */
  error: { action: SessionAction; info: ErrorInfo } | null;
  /** Fills the sign-in form when the user chose "Sign in again" for a known profile. */
  signInPrefill: SignInPrefill | null;

  load(): Promise<void>;
  startDemo(): Promise<Result<SessionState>>;
  signIn(input: SignInInput): Promise<Result<SessionState>>;
  signOut(profileId: string, keepCache?: boolean): Promise<Result<SessionState>>;
  switchProfile(profileId: string): Promise<Result<SessionState>>;
  refresh(): Promise<Result<SessionState>>;
  /** Back to the sign-in form for a profile whose key is missing; leaves it first if it is active. */
  signInAgain(profile: ProfileSummary): Promise<void>;
  dismissError(): void;
  /** Stops listening to events (tests, hot reload). */
  dispose(): void;
}

export type SessionStore = StoreApi<SessionStoreState>;

export interface SignInPrefill {
  partnerId: string;
  hubUrl: string;
  /** Changes on every request, so asking twice for the same profile still refills the form. */
  seq: number;
}

export function createSessionStore(api: PartnerDeskApi): SessionStore {
  let unsubscribe: (() => void) | null = null;
  let prefillSeq = 0;

  return createStore<SessionStoreState>()((set, get) => {
    /** Runs one session request, tracking pending/error and adopting the returned snapshot. */
    async function run(action: SessionAction, call: () => Promise<Result<SessionState>>): Promise<Result<SessionState>> {
      set({ pending: action, error: null });
      const result = await call();
      if (result.ok) set({ session: result.value, pending: null });
      else set({ pending: null, error: { action, info: result.error } });
      return result;
    }

    return {
      phase: 'idle',
      info: null,
      session: null,
      pending: null,
      error: null,
      signInPrefill: null,

      async load() {
        set({ phase: 'loading', pending: 'load', error: null });
        // Subscribe before reading, so a change between the read and the subscription is not lost.
        unsubscribe ??= api.on('session.changed', (session) => set({ session }));
        const [info, session] = await Promise.all([api.request('app.info', {}), api.request('session.get', {})]);
        if (!info.ok || !session.ok) {
          const failure = !info.ok ? info.error : !session.ok ? session.error : null;
          set({ phase: 'failed', pending: null, error: failure && { action: 'load', info: failure } });
          return;
        }
        set({ phase: 'ready', pending: null, info: info.value, session: session.value });
      },

      startDemo: () => run('startDemo', () => api.request('session.startDemo', {})),
      signIn: (input) => run('signIn', () => api.request('session.signIn', input)),
      signOut: (profileId, keepCache = true) => run('signOut', () => api.request('session.signOut', { profileId, keepCache })),
      switchProfile: (profileId) => run('switchProfile', () => api.request('session.switchProfile', { profileId })),
      refresh: () => run('refresh', () => api.request('session.refresh', {})),

      async signInAgain(profile) {
        // Set first, so the form is filled the moment the welcome screen appears.
        set({ signInPrefill: { partnerId: profile.partnerId, hubUrl: profile.hubUrl, seq: ++prefillSeq } });
        if (get().session?.activeProfileId !== profile.id) return;
        const left = await run('signOut', () => api.request('session.signOut', { profileId: profile.id, keepCache: true }));
        if (!left.ok) set({ signInPrefill: null });
      },

      dismissError() {
        if (get().error) set({ error: null });
      },

      dispose() {
        unsubscribe?.();
        unsubscribe = null;
      },
    };
  });
}

/** The active profile's summary, or null on the welcome screen. */
export function activeProfile(session: SessionState | null): ProfileSummary | null {
  if (!session?.activeProfileId) return null;
  return session.profiles.find((p) => p.id === session.activeProfileId) ?? null;
}
