/**
 * Server-sent events for web mode: forwards every core event to one connected renderer, with a
 * keep-alive comment so proxies and idle timers do not cut the stream. The transport's own frames
 * (a request's result is ready: `pd:settled`) go through `send`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CoreEvents } from '@core/events';
import { SECURITY_HEADERS } from './static-files';

export function formatEvent(event: string, payload: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
}

export interface OpenStream {
  /** Ends it (also called when the client leaves). */
  end(): void;
  send(event: string, payload: unknown): void;
}

export function openEventStream(
  req: IncomingMessage,
  res: ServerResponse,
  events: CoreEvents,
  onClosed: () => void,
  keepAliveMs = 15_000,
): OpenStream {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    ...SECURITY_HEADERS,
  });
  res.write(': connected\n\n');
  const unsubscribe = events.onAny((event, payload) => res.write(formatEvent(event, payload)));
  const ping = setInterval(() => res.write(': ping\n\n'), keepAliveMs);
  let ended = false;
  const end = (): void => {
    if (ended) return;
    ended = true;
    clearInterval(ping);
    unsubscribe();
    res.end();
    onClosed();
  };
  req.on('close', end);
  return { end, send: (event, payload) => !ended && res.write(formatEvent(event, payload)) };
}
