/**
 * Work that belongs on a worker thread, so the thread answering the window stays free; done here when
 * there is no worker (the CLI) or it failed: the answer is the same, only the wait moves.
 */
export async function onWorkerOrHere<T>(onWorker: (() => Promise<T>) | null, here: () => T): Promise<T> {
  if (onWorker) {
    try {
      return await onWorker();
    } catch {
      // Done here instead.
    }
  }
  return here();
}
