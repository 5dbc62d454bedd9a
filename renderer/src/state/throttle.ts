/**
 * Runs `fn` at once, then at most once per `waitMs`: calls within the window are merged into one
 * call at its end, so the last of a burst is always followed by a run. For events that come in bursts
 * (a replaying outbox announces every action it sends and settles) and each cost a refetch.
 */
export interface Throttled {
  call(): void;
  /** Drops a pending trailing run (on dispose). */
  cancel(): void;
}

export function throttle(fn: () => void, waitMs: number): Throttled {
  let windowEndsAt = 0;
  let pending = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const endWindow = (): void => {
    timer = null;
    if (!pending) return;
    pending = false;
    windowEndsAt = Date.now() + waitMs;
    timer = setTimeout(endWindow, waitMs);
    fn();
  };

  return {
    call() {
      if (timer === null && Date.now() >= windowEndsAt) {
        windowEndsAt = Date.now() + waitMs;
        timer = setTimeout(endWindow, waitMs);
        fn();
        return;
      }
      pending = true;
    },
    cancel() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      pending = false;
    },
  };
}
