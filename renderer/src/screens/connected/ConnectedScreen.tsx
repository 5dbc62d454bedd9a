/** Shown while a profile is active: who we are connected as, and what the app will do next. */
import type { ProfileSummary, SessionState } from '../../../../shared/contract';
import { AppFooter } from '../../components/AppFooter';
import { Brand } from '../../components/Logo';
import { NextSteps } from './NextSteps';
import { ProfileDetails } from './ProfileDetails';
import { ProfileSwitcher } from './ProfileSwitcher';
import { SignOutControl } from './SignOutControl';
import { StatusCard } from './StatusCard';

export function ConnectedScreen({ session, profile }: { session: SessionState; profile: ProfileSummary }) {
  const name = session.connection.partner?.name ?? profile.label;
  return (
    <div className="shell">
      <header className="topbar">
        <Brand />
        <nav className="topbar-actions" aria-label="Profile">
          {session.profiles.length > 1 && <ProfileSwitcher key={profile.id} session={session} />}
          <SignOutControl profile={profile} />
        </nav>
      </header>
      <main className="page">
        <StatusCard profile={profile} connection={session.connection} />
        <NextSteps partnerName={name} />
        <ProfileDetails profile={profile} />
      </main>
      <AppFooter />
    </div>
  );
}
