import type { ProfileSummary } from '../../../../shared/contract';
import { describeMethod } from '../profile-labels';

/** The active profile's facts, for the "which account am I in?" question. No secret is ever shown. */
export function ProfileDetails({ profile }: { profile: ProfileSummary }) {
  const credential = profile.authMethod === 'demo' ? 'Built into the demo' : profile.hasSecret ? 'In the system keychain' : 'Missing: sign in again';
  return (
    <section className="card" aria-labelledby="profile-title">
      <h2 id="profile-title">This profile</h2>
      <dl className="details">
        <dt>Partner ID</dt>
        <dd>{profile.partnerId}</dd>
        <dt>Sign-in method</dt>
        <dd>{describeMethod(profile.authMethod)}</dd>
        <dt>Hub</dt>
        <dd>{profile.hubUrl}</dd>
        <dt>Credential</dt>
        <dd>{credential}</dd>
      </dl>
    </section>
  );
}
