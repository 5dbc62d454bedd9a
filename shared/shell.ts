/**
 * What the desktop shell tells the renderer, declared with zod for the contract: commands from the
 * application menu and from clicked OS notifications, and the state of the app's own updates.
 */
import { z } from 'zod';

export const APP_COMMANDS = ['sync-now', 'export-csv', 'show-notifications', 'preferences', 'sign-out', 'open-channel'] as const;
export const AppCommandName = z.enum(APP_COMMANDS);
export type AppCommandName = z.infer<typeof AppCommandName>;

/** A command for the renderer to carry out; `open-channel` names the channel to show. */
export const AppCommand = z
  .object({
    command: AppCommandName,
    channelId: z.string().min(1).max(100).optional(),
  })
  .strict()
  .refine((value) => value.command !== 'open-channel' || value.channelId !== undefined, {
    message: 'open-channel needs the channelId to open.',
    path: ['channelId'],
  });
export type AppCommand = z.infer<typeof AppCommand>;

export const UpdateStatus = z.enum([
  /** This build does not update itself (development, a .deb, updates switched off...): see message. */
  'unsupported',
  'idle',
  'checking',
  'downloading',
  /** Downloaded: "Update ready: restart to install". Installs on quit or on request. */
  'ready',
  /** The last check or download failed; shown quietly, retried at the next check. */
  'error',
]);
export type UpdateStatus = z.infer<typeof UpdateStatus>;

export const UpdateState = z.object({
  status: UpdateStatus,
  currentVersion: z.string(),
  /** The version being downloaded or ready to install. */
  version: z.string().nullable(),
  /** Plain text (never HTML): show as text. */
  releaseNotes: z.string().nullable(),
  /** Download progress, 0-100, while downloading. */
  progress: z.number().min(0).max(100).nullable(),
  /** One sentence for the user about this state. */
  message: z.string().nullable(),
  checkedAt: z.string().nullable(),
});
export type UpdateState = z.infer<typeof UpdateState>;
