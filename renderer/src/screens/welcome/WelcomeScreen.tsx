/** Shown when no profile is active: what the app is, and the two ways in. */
import { AppFooter } from '../../components/AppFooter';
import { Logo } from '../../components/Logo';
import { useScreenFocus } from '../../components/use-screen-focus';
import { useSession } from '../../state/session-context';
import { DemoChoice } from './DemoChoice';
import { ProfileList } from './ProfileList';
import { SignInForm } from './SignInForm';

export function WelcomeScreen() {
  const profiles = useSession((s) => s.session?.profiles);
  const prefill = useSession((s) => s.signInPrefill);
  const heading = useScreenFocus<HTMLHeadingElement>();

  return (
    <div className="shell">
      <main className="welcome" aria-labelledby="welcome-title">
        <header className="hero">
          <Logo size={44} />
          <h1 id="welcome-title" ref={heading} tabIndex={-1}>
            Partner Desk
          </h1>
          <p className="lead">
            Every client and WhatsApp channel of your 360dialog partner account on your laptop: browse, search and export them, even
            offline.
          </p>
        </header>
        <div className="choices">
          <section className="card choice" aria-labelledby="sign-in-title">
            <div className="choice-intro">
              <h2 id="sign-in-title">Sign in with a Partner API key</h2>
              <p className="muted">Use your partner ID and a Partner API key issued by 360dialog.</p>
            </div>
            <SignInForm key={prefill?.seq ?? 0} prefill={prefill} />
          </section>
          <DemoChoice />
        </div>
        {profiles && profiles.length > 0 && <ProfileList profiles={profiles} />}
        <p className="keychain-note">
          <LockIcon />
          Your Partner API key is kept in the system keychain, never on disk.
        </p>
      </main>
      <AppFooter />
    </div>
  );
}

function LockIcon() {
  return (
    <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path
        d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2h.5A1 1 0 0 1 13 8v6a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1zm1.5 0h4V5a2 2 0 0 0-4 0z"
        fill="currentColor"
      />
    </svg>
  );
}
