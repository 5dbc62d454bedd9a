/**
 * Where the user is in the workspace: the section, the open channel or client, the details tab,
 * and the cards/table choice (remembered across launches in localStorage: a preference, not data).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';

export type Section = 'overview' | 'accounts' | 'clients' | 'notifications' | 'outbox' | 'onboarding' | 'partner';
export type DetailsTab = 'overview' | 'history' | 'templates' | 'insights' | 'actions';
export type ViewMode = 'cards' | 'table';

export interface UiState {
  section: Section;
  viewMode: ViewMode;
  openChannel: { id: string; tab: DetailsTab } | null;
  openClientId: string | null;
  shortcutsOpen: boolean;
  exportOpen: boolean;
  profileOpen: boolean;
  /** The permission-link dialog: for an existing client (add numbers) or a new one (clientId null). */
  linkDialog: { clientId: string | null } | null;
  /** The dialog that reads a pasted redirect back. */
  redirectOpen: boolean;
  /** A permission link's panel (what it is, what came back). */
  openLinkId: string | null;
  go(section: Section): void;
  setViewMode(mode: ViewMode): void;
  openChannelDetails(id: string, tab?: DetailsTab): void;
  setDetailsTab(tab: DetailsTab): void;
  closeChannelDetails(): void;
  openClient(id: string): void;
  closeClient(): void;
  setShortcutsOpen(open: boolean): void;
  setExportOpen(open: boolean): void;
  setProfileOpen(open: boolean): void;
  openLinkDialog(clientId: string | null): void;
  closeLinkDialog(): void;
  setRedirectOpen(open: boolean): void;
  openLink(id: string): void;
  closeLink(): void;
}

export type UiStore = StoreApi<UiState>;

/** The part of localStorage used here; absent (tests, storage disabled) means "not remembered". */
export interface PreferenceStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const VIEW_MODE_KEY = 'partner-desk.view-mode';

function readViewMode(storage: PreferenceStorage | null): ViewMode {
  try {
    return storage?.getItem(VIEW_MODE_KEY) === 'table' ? 'table' : 'cards';
  } catch {
    return 'cards';
  }
}

export function createUiStore(storage: PreferenceStorage | null, section: Section = 'accounts'): UiStore {
  return createStore<UiState>()((set, get) => ({
    section,
    viewMode: readViewMode(storage),
    openChannel: null,
    openClientId: null,
    shortcutsOpen: false,
    exportOpen: false,
    profileOpen: false,
    linkDialog: null,
    redirectOpen: false,
    openLinkId: null,

    go(section) {
      if (get().section !== section) set({ section });
    },
    setViewMode(viewMode) {
      set({ viewMode });
      try {
        storage?.setItem(VIEW_MODE_KEY, viewMode);
      } catch {
        // Storage full or disabled: the choice lasts for this window only.
      }
    },
    openChannelDetails(id, tab = 'overview') {
      set({ openChannel: { id, tab } });
    },
    setDetailsTab(tab) {
      const open = get().openChannel;
      if (open && open.tab !== tab) set({ openChannel: { ...open, tab } });
    },
    closeChannelDetails() {
      set({ openChannel: null });
    },
    openClient(id) {
      set({ openClientId: id });
    },
    closeClient() {
      set({ openClientId: null });
    },
    setShortcutsOpen(shortcutsOpen) {
      set({ shortcutsOpen });
    },
    setExportOpen(exportOpen) {
      // The export belongs to the accounts page (its button, its current view).
      set(exportOpen ? { exportOpen, section: 'accounts' } : { exportOpen });
    },
    setProfileOpen(profileOpen) {
      set({ profileOpen });
    },
    openLinkDialog(clientId) {
      set({ linkDialog: { clientId } });
    },
    closeLinkDialog() {
      set({ linkDialog: null });
    },
    setRedirectOpen(redirectOpen) {
      set({ redirectOpen });
    },
    openLink(id) {
      set({ openLinkId: id });
    },
    closeLink() {
      set({ openLinkId: null });
    },
  }));
}
