/**
 * The book at a glance (the Overview page): how many channels sit in each state and onboarding
 * step, quality and messaging limits across the book, what the clients must do, which clients are
 * near their channel limit or low on balance, and how the book changed day by day since the earliest
 * sync kept. Every number is a count of the local copy that a filtered list reproduces exactly
 * (the page links each one to that list).
 */
import { z } from 'zod';
import { ActionHintId, ChannelStateId, type ChannelStateId as StateId } from './status';

/**
 * Onboarding steps, in the order a channel goes through them. A reading of the classic-signup
 * statuses (reference §6.1, partly inferred there) grouped the way an account manager speaks of them:
 * - draft: the signup was started, no app yet;
 * - submitted: the account exists and its setup (consents, import, porting, migration) continues,
 *   or an Embedded Signup channel is still in sandbox;
 * - verification: Meta reviews the display name or the business (a rejected name waits here too);
 * - registration: approved; the number is registered or being registered, the API key can come;
 * - live: the account is live.
 * Channels pending deletion, in error, banned, restricted or flagged by Meta, or in a state this app
 * does not know are outside the funnel.
 */
export const FUNNEL_STEPS = [
  { id: 'draft', label: 'Draft', states: ['draft'] },
  {
    id: 'submitted',
    label: 'Submitted',
    states: [
      'created',
      'consents_signed',
      'imported',
      'porting_ready',
      'ready_for_migration',
      'migration_code_requested',
      'waiting_for_migration_code',
      'sandbox',
    ],
  },
  { id: 'verification', label: 'Verification', states: ['unverified', 'new_name_requested', 'modified', 'certificate_declined'] },
  { id: 'registration', label: 'Registration', states: ['verified', 'ready'] },
  { id: 'live', label: 'Live', states: ['live'] },
] as const satisfies readonly { id: string; label: string; states: readonly StateId[] }[];
export type FunnelStepId = (typeof FUNNEL_STEPS)[number]['id'];

/** States outside the onboarding funnel (every other state is in exactly one step). */
export const OUTSIDE_FUNNEL: readonly StateId[] = ['error', 'violation', 'restricted', 'banned', 'pending_deletion', 'unknown'];

/** A count with the label the list filter uses for it ("Not available" for no value). */
export const LabelCount = z.object({ label: z.string(), count: z.number().int() });
export type LabelCount = z.infer<typeof LabelCount>;

export const ClientNearLimit = z.object({
  clientId: z.string(),
  name: z.string(),
  channels: z.number().int(),
  /** The client's limit (the documented default of 2 when the Hub sends none). */
  maxChannels: z.number().int(),
});
export type ClientNearLimit = z.infer<typeof ClientNearLimit>;

export const ClientLowBalance = z.object({
  clientId: z.string(),
  name: z.string(),
  balance: z.number(),
  currency: z.string().nullable(),
  /** When the balance was read from the Hub (balances are read when a client is looked at). */
  fetchedAt: z.string(),
});
export type ClientLowBalance = z.infer<typeof ClientLowBalance>;

/** One day of the book as the last successful sync of that day (UTC) left it. */
export const BookDay = z.object({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  channels: z.number().int(),
  clients: z.number().int(),
  needsAction: z.number().int(),
  byState: z.record(z.string(), z.number().int()),
});
export type BookDay = z.infer<typeof BookDay>;

export const BookOverview = z.object({
  /** The last successful sync: the moment every number here describes. */
  asOf: z.string().nullable(),
  channels: z.number().int(),
  clients: z.number().int(),
  /** Channels with an action required of the client. */
  needsAction: z.number().int(),
  byState: z.array(z.object({ state: ChannelStateId, count: z.number().int() })),
  funnel: z.array(z.object({ step: z.string(), label: z.string(), states: z.array(ChannelStateId), count: z.number().int() })),
  quality: z.array(LabelCount),
  messagingLimit: z.array(LabelCount),
  actions: z.array(z.object({ id: ActionHintId, count: z.number().int() })),
  nearLimit: z.object({ total: z.number().int(), items: z.array(ClientNearLimit) }),
  balances: z.object({
    /** Clients whose balance this app has read (the Hub answers only for direct-payment clients). */
    known: z.number().int(),
    /** Known balances at or below the threshold, lowest first. */
    low: z.array(ClientLowBalance),
    threshold: z.number(),
  }),
  /** Oldest first; empty before the first sync that recorded its counts. */
  trend: z.array(BookDay),
});
export type BookOverview = z.infer<typeof BookOverview>;

/** What counts as "low": at or below this many units of the client's currency. */
export const LOW_BALANCE_THRESHOLD = 50;

/** Near the limit: at it or over, or one channel short of it when that is at least 75% used. */
export function isNearLimit(channels: number, maxChannels: number): boolean {
  return channels >= maxChannels || (maxChannels - channels <= 1 && channels / maxChannels >= 0.75);
}
