/** Chooses the screen: notices until the session is known, then welcome or the connected profile. */
import { useEffect, useState } from 'react';
import { onTokenRefused } from './api';
import { ConnectedScreen } from './screens/connected/ConnectedScreen';
import { LoadFailedScreen, LoadingScreen } from './screens/NoticeScreens';
import { MissingTokenScreen } from './screens/NoticeScreens';
import { WelcomeScreen } from './screens/welcome/WelcomeScreen';
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
  return profile ? <ConnectedScreen session={session} profile={profile} /> : <WelcomeScreen />;
}
