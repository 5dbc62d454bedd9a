/**
 * Keeps the WAL from growing without blocking the thread that answers the window. No connection
 * checkpoints as part of a commit (database.ts); a sync's worker checkpoints after its write, and
 * this asks the search index worker, once a minute, to copy whatever else accumulated (actions,
 * notifications, balances) when the WAL holds anything. A passive checkpoint never waits for readers
 * and never holds up a writer.
 */
import fs from 'node:fs';
import type { Logger } from '../log';

export interface CheckpointOptions {
  walFile: string;
  checkpoint(): Promise<void>;
  log: Logger;
  everyMs?: number;
}

export function startCheckpoints(options: CheckpointOptions): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running || (fs.statSync(options.walFile, { throwIfNoEntry: false })?.size ?? 0) === 0) return;
    running = true;
    options
      .checkpoint()
      .catch((error: unknown) => options.log.debug('checkpoint skipped', { error: error instanceof Error ? error.message : String(error) }))
      .finally(() => (running = false));
  }, options.everyMs ?? 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
