/**
 * What the workspace remembers per profile across reloads and restarts: where the user was (the
 * section), the WhatsApp accounts list as they left it (search, filters, sort, cards or table, the
 * table's columns) and their saved views. Kept where the app keeps its other preferences
 * (localStorage: the desktop app's own profile folder, the browser's storage in web mode), one key
 * per profile, validated when read: a damaged or older entry falls back to defaults, never breaks
 * the page. Saved views are preferences, not data: they name filters, they hold no records.
 */
import { z } from 'zod';
import { ChannelSort } from '@shared/accounts';
import { ActionHintId, ChannelStateId } from '@shared/status';
import { DEFAULT_CHANNEL_FILTERS, type ChannelFilters } from './channel-list';
import type { PreferenceStorage, Section, ViewMode } from './ui-store';

const Strings = z.array(z.string().max(200)).max(50).catch([]);
/** Unknown states or hints (a newer version wrote them) are dropped one by one, not the whole entry. */
const tolerantArray = <T extends z.ZodType>(item: T) =>
  z
    .array(z.unknown())
    .max(60)
    .catch([])
    .transform((values) =>
      values.flatMap((value) => {
        const parsed = item.safeParse(value);
        return parsed.success ? [parsed.data as z.output<T>] : [];
      }),
    );

export const StoredFilters = z.object({
  search: z.string().max(200).catch(''),
  states: tolerantArray(ChannelStateId),
  messageOnBehalf: Strings,
  metaBusinessVerification: Strings,
  numberRegistration: Strings,
  client: z
    .object({ id: z.string().max(100), name: z.string().max(300) })
    .nullable()
    .catch(null),
  actionRequired: z.boolean().catch(false),
  actions: tolerantArray(ActionHintId),
  qualityRating: Strings,
  messagingLimit: Strings,
  sort: ChannelSort.catch('company'),
  direction: z.enum(['asc', 'desc']).catch('asc'),
});

export const SavedView = z.object({
  id: z.string().max(64),
  name: z.string().min(1).max(80),
  filters: StoredFilters,
  viewMode: z.enum(['cards', 'table']).nullable().catch(null),
});
export type SavedView = z.infer<typeof SavedView>;

const SECTIONS = [
  'overview',
  'accounts',
  'clients',
  'notifications',
  'outbox',
  'onboarding',
  'partner',
] as const satisfies readonly Section[];

export const WorkspacePrefs = z.object({
  version: z.literal(1),
  section: z.enum(SECTIONS).catch('accounts'),
  filters: StoredFilters.nullable().catch(null),
  /** The table's optional columns the user chose (null: as many as fit). */
  columns: z.array(z.string().max(40)).max(30).nullable().catch(null),
  views: z
    .array(z.unknown())
    .max(100)
    .catch([])
    .transform((views) =>
      views.flatMap((view) => {
        const parsed = SavedView.safeParse(view);
        return parsed.success ? [parsed.data] : [];
      }),
    ),
});
export type WorkspacePrefs = z.infer<typeof WorkspacePrefs>;

export const prefsKey = (profileId: string): string => `partner-desk.workspace.${profileId}`;

export const DEFAULT_PREFS: WorkspacePrefs = { version: 1, section: 'accounts', filters: null, columns: null, views: [] };

export function readPrefs(storage: PreferenceStorage | null, profileId: string): WorkspacePrefs {
  try {
    const text = storage?.getItem(prefsKey(profileId));
    if (!text) return DEFAULT_PREFS;
    const parsed = WorkspacePrefs.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : DEFAULT_PREFS;
  } catch {
    return DEFAULT_PREFS;
  }
}

export function writePrefs(storage: PreferenceStorage | null, profileId: string, prefs: WorkspacePrefs): void {
  try {
    storage?.setItem(prefsKey(profileId), JSON.stringify(prefs));
  } catch {
    // Storage full or disabled: remembered for this window only.
  }
}

/** Stored filters as the list uses them (fields a newer or older entry lacks take their defaults). */
export function toFilters(stored: z.infer<typeof StoredFilters> | null): ChannelFilters {
  return stored ? { ...DEFAULT_CHANNEL_FILTERS, ...stored } : DEFAULT_CHANNEL_FILTERS;
}

export type { ViewMode };
