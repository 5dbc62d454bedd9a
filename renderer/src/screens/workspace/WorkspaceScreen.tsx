/**
 * The workspace of the active profile: sidebar, the current section, the offline banner, and the
 * panels (channel details, client, export, shortcuts). Its stores live as long as the profile is
 * active; App mounts it keyed by profile, so switching profiles starts from a clean slate.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ProfileSummary, SessionState } from '@shared/contract';
import { getApi } from '../../api';
import { AppFooter } from '../../components/AppFooter';
import { focusNewScreen } from '../../components/use-screen-focus';
import type { Section } from '../../state/ui-store';
import { createWorkspace } from '../../state/workspace';
import { useWorkspace, useWs, WorkspaceProvider } from '../../state/workspace-context';
import { AccountsPage } from '../accounts/AccountsPage';
import { ClientSheet } from '../clients/ClientSheet';
import { ClientsPage } from '../clients/ClientsPage';
import { ChannelDetailsSheet } from '../details/ChannelDetailsSheet';
import { NotificationsPage } from '../notifications/NotificationsPage';
import { OutboxPage } from '../outbox/OutboxPage';
import { LinkSheet } from '../onboarding/LinkSheet';
import { OnboardingPage } from '../onboarding/OnboardingPage';
import { OverviewPage } from '../overview/OverviewPage';
import { PermissionLinkDialog } from '../onboarding/PermissionLinkDialog';
import { RedirectDialog } from '../onboarding/RedirectDialog';
import { PartnerSettingsPage } from '../partner/PartnerSettingsPage';
import { ConnectionBanner } from './ConnectionBanner';
import { ShortcutsDialog } from './ShortcutsDialog';
import { Sidebar } from './Sidebar';
import { useAppCommands } from './use-app-commands';
import { useBrowserConnectivity } from './use-browser-connectivity';
import { useGlobalShortcuts } from './use-global-shortcuts';
import { useSectionFocus } from './use-section-focus';

const SECTIONS: readonly Section[] = ['overview', 'accounts', 'clients', 'notifications', 'outbox', 'onboarding', 'partner'];

function preferenceStorage() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function WorkspaceScreen({ session, profile }: { session: SessionState; profile: ProfileSummary }) {
  const [workspace] = useState(() => createWorkspace(getApi(), preferenceStorage(), profile.id));
  useEffect(() => {
    workspace.start();
    return () => workspace.dispose();
  }, [workspace]);
  return (
    <WorkspaceProvider workspace={workspace}>
      <WorkspaceLayout session={session} profile={profile} />
    </WorkspaceProvider>
  );
}

function WorkspaceLayout({ session, profile }: { session: SessionState; profile: ProfileSummary }) {
  const ui = useWs('ui', (s) => s);
  const workspace = useWorkspace();
  const shortcuts = useMemo(
    () => ({
      go: (section: Section) => workspace.ui.getState().go(section),
      showHelp: () => workspace.ui.getState().setShortcutsOpen(true),
      hasSearch: () => ['accounts', 'clients'].includes(workspace.ui.getState().section),
      sections: SECTIONS,
    }),
    [workspace],
  );
  useGlobalShortcuts(shortcuts);
  useAppCommands();
  useBrowserConnectivity();
  useSectionFocus(ui.section);
  // Arriving from the welcome screen: start at the page's heading (see focusNewScreen).
  useEffect(() => focusNewScreen(document.getElementById('page-title')), []);

  return (
    <div className="app">
      <Sidebar session={session} profile={profile} sections={SECTIONS} />
      <main className="main" id="main">
        <ConnectionBanner connection={session.connection} profile={profile} />
        {ui.section === 'overview' && <OverviewPage />}
        {ui.section === 'accounts' && <AccountsPage />}
        {ui.section === 'clients' && <ClientsPage />}
        {ui.section === 'notifications' && <NotificationsPage />}
        {ui.section === 'outbox' && <OutboxPage />}
        {ui.section === 'onboarding' && <OnboardingPage />}
        {ui.section === 'partner' && <PartnerSettingsPage />}
        <AppFooter />
      </main>
      {ui.openChannel && <ChannelDetailsSheet key={ui.openChannel.id} id={ui.openChannel.id} tab={ui.openChannel.tab} />}
      {ui.openClientId && <ClientSheet key={ui.openClientId} id={ui.openClientId} />}
      {ui.openLinkId && <LinkSheet key={ui.openLinkId} id={ui.openLinkId} />}
      {ui.linkDialog && <PermissionLinkDialog client={null} onClose={() => workspace.ui.getState().closeLinkDialog()} />}
      {ui.redirectOpen && <RedirectDialog onClose={() => workspace.ui.getState().setRedirectOpen(false)} />}
      {ui.shortcutsOpen && <ShortcutsDialog onClose={() => workspace.ui.getState().setShortcutsOpen(false)} />}
    </div>
  );
}
