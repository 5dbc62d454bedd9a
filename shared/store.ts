/** The local database's health as the window sees it: damaged or not, what a repair keeps, the backups. */
import { z } from 'zod';

export const BackupSummary = z.object({ takenAt: z.string(), reason: z.string(), bytes: z.number().int(), file: z.string() });
export type BackupSummary = z.infer<typeof BackupSummary>;

export const SalvagePreview = z.object({
  queuedActions: z.array(z.object({ id: z.string(), kind: z.string(), target: z.string(), state: z.string(), createdAt: z.string() })),
  keyRecords: z.array(z.object({ profileId: z.string(), channelId: z.string(), generatedAt: z.string() })),
  counts: z.record(z.string(), z.number().int()),
  /** Tables of which some rows could not be read. */
  incomplete: z.array(z.string()),
  /** Nothing could be read, and why. */
  unreadable: z.string().nullable(),
});
export type SalvagePreview = z.infer<typeof SalvagePreview>;

export const StoreStatus = z.object({
  state: z.enum(['healthy', 'damaged']),
  file: z.string(),
  /** When damaged: SQLite's words, when it was found, and the whole message for a person. */
  reason: z.string().nullable(),
  detectedAt: z.string().nullable(),
  message: z.string().nullable(),
  /** When damaged: what a repair would keep (read from the damaged file, which is not changed). */
  salvage: SalvagePreview.nullable(),
  lastCheckAt: z.string().nullable(),
  backups: z.array(BackupSummary),
});
export type StoreStatus = z.infer<typeof StoreStatus>;

export const RepairResult = z.object({
  /** Where the damaged file now is. */
  movedTo: z.string(),
  restored: z.record(z.string(), z.number().int()),
  rejected: z.record(z.string(), z.number().int()),
  /** Whether Partner Desk restarts by itself with the repaired database (else: start it again). */
  restarting: z.boolean(),
  message: z.string(),
});
export type RepairResult = z.infer<typeof RepairResult>;
