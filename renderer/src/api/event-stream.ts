/**
 * Reads the web mode's server-sent events with fetch + ReadableStream (EventSource cannot send the
 * Authorization header) and reconnects with exponential backoff when the stream ends or fails.
 */
import { parseSseBuffer, type SseFrame } from './sse-parser';

export interface EventStreamOptions {
  url: string;
  headers: Record<string, string>;
  fetch: typeof fetch;
  onFrame(frame: SseFrame): void;
  /** Called each time the stream is (re)established; `reconnected` is false the first time. */
  onOpen?(reconnected: boolean): void;
  /** Called when the server refuses the token: retrying cannot help, so the stream stops. */
  onRefused?(): void;
  minDelayMs?: number;
  maxDelayMs?: number;
}

export interface EventStream {
  close(): void;
}

export function openEventStream(options: EventStreamOptions): EventStream {
  const minDelay = options.minDelayMs ?? 1_000;
  const maxDelay = options.maxDelayMs ?? 15_000;
  const abort = new AbortController();

  async function run(): Promise<void> {
    let delay = minDelay;
    let opened = false;
    while (!abort.signal.aborted) {
      try {
        const response = await options.fetch(options.url, {
          headers: { ...options.headers, Accept: 'text/event-stream' },
          signal: abort.signal,
        });
        if (response.status === 401 || response.status === 403) {
          await response.body?.cancel().catch(() => undefined);
          options.onRefused?.();
          return;
        }
        if (response.ok && response.body) {
          options.onOpen?.(opened);
          opened = true;
          delay = minDelay;
          await pump(response.body, options.onFrame);
        } else {
          await response.body?.cancel().catch(() => undefined);
        }
      } catch {
        // Network failure, server gone or aborted: the loop decides whether to retry.
      }
      if (abort.signal.aborted) return;
      await sleep(delay, abort.signal);
      delay = Math.min(delay * 2, maxDelay);
    }
  }

  void run();
  return { close: () => abort.abort() };
}

/** Feeds the body's text through the SSE parser until the stream ends. */
async function pump(body: ReadableStream<Uint8Array>, onFrame: (frame: SseFrame) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      const { frames, rest } = parseSseBuffer(buffer);
      buffer = rest;
      for (const frame of frames) {
        try {
          onFrame(frame);
        } catch {
          // A failing listener must not tear down the stream for everyone else.
        }
      }
    }
  } finally {
    reader.releaseLock();
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
