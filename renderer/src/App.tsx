/** Chooses the screen: notices until the session is known, then welcome or the workspace of the active profile. */
import { useEffect, useState } from 'react';
import type { StoreStatus } from '@shared/store';
import { connectApi, onTokenRefused } from './api';
import { StoreDamagedScreen } from './screens/StoreDamagedScreen';
import { LoadFailedScreen, LoadingScreen } from './screens/NoticeScreens';
import { MissingTokenScreen } from './screens/NoticeScreens';
import { WelcomeScreen } from './screens/welcome/WelcomeScreen';
import { WorkspaceScreen } from './screens/workspace/WorkspaceScreen';
import { activeProfile } from './state/session-store';
import { useSession } from './state/session-context';

export function App() {
  const phase = useSession((s) => s.phase);
  const session = useSession((s) => s.session);
  const loadError = useSession((s) => (s.error?.action === 'load' ? s.error.info : null));
  const load = useSession((s) => s.load);
  const [tokenRefused, setTokenRefused] = useState(false);
  const connection = connectApi();
  const api = connection.kind === 'missing-token' ? null : connection.api;
  const [store, setStore] = useState<StoreStatus | null>(null);

  useEffect(() => onTokenRefused(() => setTokenRefused(true)), []);
  // The database's health: a damaged file takes the whole window (store.changed says when it is found).
  useEffect(() => {
    if (!api) return;
    const off = api.on('store.changed', setStore);
    void api.request('store.status', {}).then((answer) => answer.ok && setStore(answer.value));
    return off;
  }, [api]);
  useEffect(() => {
    void load();
  }, [load]);

  if (tokenRefused) return <MissingTokenScreen refused />;
  if (api && store?.state === 'damaged') return <StoreDamagedScreen status={store} api={api} />;
  if (phase === 'failed') return <LoadFailedScreen error={loadError} onRetry={() => void load()} />;
  if (phase !== 'ready' || !session) return <LoadingScreen />;

  const profile = activeProfile(session);
  // Keyed by profile: another profile gets fresh stores, never a glimpse of the previous one's data.
  return profile ? <WorkspaceScreen key={profile.id} session={session} profile={profile} /> : <WelcomeScreen />;
}
