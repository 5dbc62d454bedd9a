/**
 * The left column, as in Linear or GitHub Desktop: who we are, the sections with their counts, the
 * sync status, and the profile button. Sections are buttons with aria-current, reachable by Tab
 * and by the "g" shortcuts.
 */
import type { ProfileSummary, SessionState } from '@shared/contract';
import { formatCount } from '@shared/format';
import { Icon, type IconName } from '../../components/Icon';
import { Logo } from '../../components/Logo';
import { openCount } from '../../state/outbox-store';
import type { Section } from '../../state/ui-store';
import { useWorkspace, useWs } from '../../state/workspace-context';
import { ProfileDialog } from './ProfileDialog';
import { SavedViewsNav } from './SavedViewsNav';
import { SyncPanel } from './SyncPanel';
import { UpdateNotice } from './UpdateNotice';

interface NavEntry {
  section: Section;
  label: string;
  icon: IconName;
  shortcut: string;
}

export const NAV: readonly NavEntry[] = [
  { section: 'overview', label: 'Overview', icon: 'chart', shortcut: 'G then V' },
  { section: 'accounts', label: 'WhatsApp accounts', icon: 'phone', shortcut: 'G then A' },
  { section: 'clients', label: 'Clients', icon: 'users', shortcut: 'G then C' },
  { section: 'notifications', label: 'Notifications', icon: 'bell', shortcut: 'G then N' },
  { section: 'outbox', label: 'Outbox', icon: 'outbox', shortcut: 'G then O' },
  { section: 'onboarding', label: 'Onboarding', icon: 'userPlus', shortcut: 'G then B' },
  { section: 'partner', label: 'Partner settings', icon: 'settings', shortcut: 'G then P' },
];

export function Sidebar({ session, profile, sections }: { session: SessionState; profile: ProfileSummary; sections: readonly Section[] }) {
  const ws = useWorkspace();
  const current = useWs('ui', (s) => s.section);
  const counts = useWs('sync', (s) => s.status?.counts ?? null);
  const unread = useWs('notifications', (s) => s.unread);
  const waiting = useWs('outbox', (s) => openCount(s.status));
  const needsAttention = useWs('outbox', (s) => (s.status ? s.status.counts.failed + s.status.counts.conflict : 0));
  const profileOpen = useWs('ui', (s) => s.profileOpen);
  const linksWaiting = useWs('onboarding', (s) => s.links.filter((link) => link.status === 'open').length);
  const name = session.connection.partner?.name ?? profile.label;

  function badge(section: Section): { text: string; label: string; strong?: boolean } | null {
    if (section === 'accounts' && counts) return { text: formatCount(counts.channels), label: `${formatCount(counts.channels)} channels` };
    if (section === 'clients' && counts) return { text: formatCount(counts.clients), label: `${formatCount(counts.clients)} clients` };
    if (section === 'notifications' && unread > 0)
      return { text: formatCount(unread), label: `${formatCount(unread)} unread`, strong: true };
    if (section === 'outbox' && waiting > 0) {
      return {
        text: formatCount(waiting),
        label: `${formatCount(waiting)} waiting${needsAttention > 0 ? `, ${needsAttention} need attention` : ''}`,
        strong: needsAttention > 0,
      };
    }
    if (section === 'onboarding' && linksWaiting > 0)
      return { text: formatCount(linksWaiting), label: `${formatCount(linksWaiting)} links waiting for the client` };
    return null;
  }

  return (
    <nav className="sidebar" aria-label="Workspace">
      <div className="sidebar-brand">
        <Logo size={22} />
        <span>Partner Desk</span>
      </div>
      <button
        type="button"
        className="partner-button"
        aria-haspopup="dialog"
        aria-label={`Profile: ${name}, ${profile.partnerId}${profile.authMethod === 'demo' ? ', demo data' : ''}`}
        onClick={() => ws.ui.getState().setProfileOpen(true)}
        title="Profile, connection and sign out"
      >
        <span className="partner-avatar" aria-hidden="true">
          {initials(name)}
        </span>
        <span className="partner-text">
          <span className="partner-name" dir="auto">
            {name}
          </span>
          <span className="partner-meta">
            {profile.partnerId}
            {profile.authMethod === 'demo' && <span className="tag tag-xs">Demo</span>}
          </span>
        </span>
        <Icon name="chevronDown" size={14} className="muted" />
      </button>
      <ul className="nav">
        {NAV.filter((entry) => sections.includes(entry.section)).map((entry) => {
          const info = badge(entry.section);
          return (
            <li key={entry.section}>
              <button
                type="button"
                className="nav-item"
                aria-current={current === entry.section ? 'page' : undefined}
                onClick={() => ws.ui.getState().go(entry.section)}
                title={`${entry.label} (${entry.shortcut})`}
              >
                <Icon name={entry.icon} />
                <span className="nav-label">{entry.label}</span>
                {info && (
                  <span className={info.strong ? 'nav-count nav-count-strong' : 'nav-count'}>
                    <span aria-hidden="true">{info.text}</span>
                    <span className="visually-hidden">, {info.label}</span>
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
      <SavedViewsNav />
      <div className="sidebar-foot">
        <UpdateNotice />
        <SyncPanel />
        <button type="button" className="btn btn-ghost btn-sm shortcuts-button" onClick={() => ws.ui.getState().setShortcutsOpen(true)}>
          <Icon name="keyboard" />
          Keyboard shortcuts
        </button>
      </div>
      {profileOpen && <ProfileDialog session={session} profile={profile} onClose={() => ws.ui.getState().setProfileOpen(false)} />}
    </nav>
  );
}

function initials(name: string): string {
  const letters = name
    .split(/\s+/)
    .map((word) => [...word.replace(/[^\p{L}\p{N}]/gu, '')][0] ?? '')
    .filter(Boolean);
  return (letters.slice(0, 2).join('') || '?').toUpperCase();
}
