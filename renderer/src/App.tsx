/** Chooses the screen: notices until the session is known, then welcome or the workspace of the active profile. */
import { useEffect, useState } from 'react';
import { onTokenRefused } from './api';
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

  useEffect(() => onTokenRefused(() => setTokenRefused(true)), []);
  useEffect(() => {
    void load();
  }, [load]);

  if (tokenRefused) return <MissingTokenScreen refused />;
  if (phase === 'failed') return <LoadFailedScreen error={loadError} onRetry={() => void load()} />;
  if (phase !== 'ready' || !session) return <LoadingScreen />;

  const profile = activeProfile(session);
  // Keyed by profile: another profile gets fresh stores, never a glimpse of the previous one's data.
  return profile ? <WorkspaceScreen key={profile.id} session={session} profile={profile} /> : <WelcomeScreen />;
}
