/**
 * Everything the workspace of one profile keeps: the stores, built around one API, and the wiring
 * between them (a finished sync refreshes the lists and the open details). Built when a profile
 * becomes active and disposed when it is left, so switching profiles can never mix their data.
 */
import type { PartnerDeskApi } from '@shared/api';
import { createChannelList, type ChannelListStore } from './channel-list';
import { createClientList, type ClientListStore } from './client-list';
import { createDetailsStore, type DetailsStore } from './details-store';
import { createNotificationsStore, type NotificationsStore } from './notifications-store';
import { createOnboardingStore, type OnboardingStore } from './onboarding-store';
import { createOutboxStore, type OutboxStore } from './outbox-store';
import { createSyncStore, type SyncStore } from './sync-store';
import { createUiStore, type PreferenceStorage, type UiStore } from './ui-store';
import { throttle } from './throttle';
import { createOverviewStore, type OverviewStore } from './overview-store';
import { createSelectionStore, type SelectionStore } from './selection-store';
import { createViewsStore, type ViewsStore } from './views-store';
import { readPrefs, toFilters, writePrefs, type WorkspacePrefs } from './workspace-prefs';

/** A replaying outbox announces every step; the lists are re-read at most this often meanwhile. */
const OUTBOX_REFRESH_MS = 250;

export interface Workspace {
  api: PartnerDeskApi;
  sync: SyncStore;
  channels: ChannelListStore;
  clients: ClientListStore;
  notifications: NotificationsStore;
  details: DetailsStore;
  outbox: OutboxStore;
  onboarding: OnboardingStore;
  ui: UiStore;
  views: ViewsStore;
  selection: SelectionStore;
  overview: OverviewStore;
  /** Loads the first data and starts listening to main's events. */
  start(): void;
  /** Stops listening (the profile was left, or React unmounted the workspace). */
  dispose(): void;
  /** Something changed the local data (a sync, a queued action): re-read what is shown. */
  refreshData(): void;
}

export function createWorkspace(api: PartnerDeskApi, storage: PreferenceStorage | null, profileId: string | null = null): Workspace {
  // Where the user left this profile's workspace (section, list filters, saved views), if anywhere.
  const prefs = profileId ? readPrefs(storage, profileId) : null;
  const sync = createSyncStore(api);
  const channels = createChannelList(api, 100, toFilters(prefs?.filters ?? null));
  const clients = createClientList(api);
  const notifications = createNotificationsStore(api);
  const details = createDetailsStore(api);
  const outbox = createOutboxStore(api);
  const onboarding = createOnboardingStore(api);
  const ui = createUiStore(storage, prefs?.section ?? 'accounts');
  const views = createViewsStore(api, { views: prefs?.views ?? [], columns: prefs?.columns ?? null });
  const selection = createSelectionStore(api, channels);
  const overview = createOverviewStore(api);
  let offs: Array<() => void> = [];
  const outboxRefresh = throttle(refreshData, OUTBOX_REFRESH_MS);

  function refreshData(): void {
    channels.getState().invalidate();
    clients.getState().invalidate();
    details.getState().invalidate();
    void views.getState().refreshCounts();
    overview.getState().invalidate();
  }

  let written = '';
  /** Remembers the workspace as it is now (a few hundred bytes; written only when something changed). */
  function persist(): void {
    if (!profileId) return;
    const next: WorkspacePrefs = {
      version: 1,
      section: ui.getState().section,
      filters: channels.getState().query,
      columns: views.getState().columns,
      views: views.getState().views,
    };
    const text = JSON.stringify(next);
    if (text === written) return;
    written = text;
    writePrefs(storage, profileId, next);
  }

  return {
    api,
    sync,
    channels,
    clients,
    notifications,
    details,
    outbox,
    onboarding,
    ui,
    views,
    selection,
    overview,
    refreshData,
    start() {
      offs.push(
        sync.subscribe((state, previous) => {
          const before = previous.status?.lastSucceededAt;
          const after = state.status?.lastSucceededAt;
          // A new successful sync wrote new data. The first status read is not news.
          if (previous.status && state.status && after && after !== before) refreshData();
        }),
        // A queued, sent or settled action changes what the lists show (pending overlays, optimistic
        // effects such as a new channel limit): re-read what is on screen, once per burst of a replay.
        api.on('outbox.changed', () => outboxRefresh.call()),
        () => outboxRefresh.cancel(),
        details.getState().listen(),
        ui.subscribe(persist),
        channels.subscribe((state, previous) => {
          if (state.query !== previous.query) persist();
        }),
        views.subscribe(persist),
      );
      void views.getState().refreshCounts();
      void sync.getState().load();
      void notifications.getState().load();
      void outbox.getState().load();
      void onboarding.getState().load();
    },
    dispose() {
      offs.forEach((off) => off());
      offs = [];
      sync.getState().dispose();
      notifications.getState().dispose();
      outbox.getState().dispose();
      onboarding.getState().dispose();
    },
  };
}
