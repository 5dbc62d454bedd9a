/**
 * Switch between profiles kept on this computer. A select plus a button rather than switching on
 * change: arrowing through a closed select fires change events, which would switch by accident.
 */
import { useState, type FormEvent } from 'react';
import type { SessionState } from '../../../../shared/contract';
import { BusyButton } from '../../components/BusyButton';
import { useSession } from '../../state/session-context';

export function ProfileSwitcher({ session }: { session: SessionState }) {
  const switchProfile = useSession((s) => s.switchProfile);
  const pending = useSession((s) => s.pending);
  const [selected, setSelected] = useState(session.activeProfileId ?? '');
  const same = selected === session.activeProfileId;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!pending && !same && selected) void switchProfile(selected);
  }

  return (
    <form className="switcher" onSubmit={submit}>
      <label className="visually-hidden" htmlFor="profile-switcher">
        Profile
      </label>
      <select id="profile-switcher" className="select" value={selected} onChange={(e) => setSelected(e.target.value)}>
        {session.profiles.map((profile) => (
          <option key={profile.id} value={profile.id}>
            {profile.label} ({profile.partnerId}){profile.authMethod === 'demo' ? ' · Demo data' : ''}
          </option>
        ))}
      </select>
      <BusyButton type="submit" className="btn" busy={pending === 'switchProfile'} blocked={pending !== null || same} busyLabel="Switching…">
        Switch
      </BusyButton>
    </form>
  );
}
