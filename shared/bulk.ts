/**
 * Bulk actions on a selection: each record gets its own action in the outbox (queued, sent, retried
 * and settled one by one like any other), and the user gets one confirmation that lists them all
 * and one summary of what was queued, what was already queued and what was skipped and why.
 */
import { z } from 'zod';
import { MaxChannels } from './outbox';

/** One confirmation for more than this is not something a person reads; split the selection. */
export const BULK_MAX = 5_000;

const Ids = z
  .array(z.string().trim().min(1).max(100))
  .min(1, 'Select at least one record.')
  .max(BULK_MAX, `At most ${BULK_MAX.toLocaleString('en')} records at once.`);

export const BulkRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('cancel_channel'), channelIds: Ids }).strict(),
  z.object({ kind: z.literal('set_max_channels'), clientIds: Ids, maxChannels: MaxChannels }).strict(),
]);
export type BulkRequest = z.infer<typeof BulkRequest>;

export const BulkRunInput = z.object({ request: BulkRequest, confirmed: z.boolean().default(false) }).strict();
export const BulkPreviewInput = z.object({ request: BulkRequest }).strict();

/**
 * `ready`: will be queued; `queued`: the same action is already waiting (nothing new is queued);
 * `skipped`: cannot be done (already pending deletion, no longer listed, the limit is already that).
 */
export const BulkItemStatus = z.enum(['ready', 'queued', 'skipped']);
export const BulkItem = z.object({
  id: z.string(),
  /** "+49 151 2345678 · Acme GmbH" or the client's name. */
  label: z.string(),
  status: BulkItemStatus,
  /** Why it is skipped, or what it changes ("2 → 5"). */
  note: z.string().nullable(),
});
export type BulkItem = z.infer<typeof BulkItem>;

export const BulkPreview = z.object({
  kind: z.enum(['cancel_channel', 'set_max_channels']),
  /** "Request cancellation of 3 channels". */
  title: z.string(),
  /** The consequence, once for all. */
  message: z.string(),
  items: z.array(BulkItem),
  ready: z.number().int(),
  confirmationRequired: z.boolean(),
});
export type BulkPreview = z.infer<typeof BulkPreview>;

export const BulkResult = z.object({
  kind: z.enum(['cancel_channel', 'set_max_channels']),
  queued: z.number().int(),
  alreadyQueued: z.number().int(),
  skipped: z.array(BulkItem),
  actionIds: z.array(z.string()),
  /** One line for a person: "3 cancellations queued; 1 skipped (already pending deletion)". */
  summary: z.string(),
});
export type BulkResult = z.infer<typeof BulkResult>;
