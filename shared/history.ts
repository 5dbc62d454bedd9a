/**
 * A channel's history as the app saw it: every status change a sync noticed (the notifications it
 * wrote), every action queued from this desk for the channel or its client with when it was sent and
 * how it ended, and the two dates the Hub itself reports (created, last changed). Nothing here is
 * invented: an entry exists only where a stored row says so, and the app cannot know what happened
 * between two syncs.
 */
import { z } from 'zod';
import { ActionKind, ActionState } from './outbox';

export const HistoryEntry = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('status'),
    /** When the sync that saw the change wrote it (not when it happened at Meta or the Hub). */
    at: z.string(),
    notificationId: z.number().int(),
    title: z.string(),
    changes: z.array(z.object({ field: z.string(), from: z.string().nullable(), to: z.string().nullable() })),
    body: z.string(),
  }),
  z.object({
    kind: z.literal('action'),
    /** When the action was queued. */
    at: z.string(),
    actionId: z.string(),
    action: ActionKind,
    state: ActionState,
    /** Whose record it changes: this channel, or its client (a channel limit, a tag). */
    scope: z.enum(['channel', 'client']),
    title: z.string(),
    detail: z.string().nullable(),
    /** When it last went to the Hub (null: never sent, e.g. cancelled while queued). */
    sentAt: z.string().nullable(),
    /** When it ended (done, cancelled, failed for good). */
    finishedAt: z.string().nullable(),
    outcome: z.string().nullable(),
    error: z.string().nullable(),
  }),
  z.object({
    kind: z.literal('hub'),
    at: z.string(),
    /** `created`: the Hub's created_at; `modified`: its modified_at (the last change the Hub recorded). */
    event: z.enum(['created', 'modified']),
  }),
]);
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const ChannelHistoryInput = z
  .object({ id: z.string().min(1).max(100), limit: z.number().int().min(1).max(1000).default(300) })
  .strict();

export const ChannelHistory = z.object({
  channelId: z.string(),
  /** Newest first. */
  items: z.array(HistoryEntry),
  /** More entries exist than `limit` allowed. */
  truncated: z.boolean(),
  /** The first successful sync of this profile: status changes before it cannot have been seen. */
  watchingSince: z.string().nullable(),
});
export type ChannelHistory = z.infer<typeof ChannelHistory>;
