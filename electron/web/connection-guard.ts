/**
 * Web mode's connections under hostile local clients. Node's own limits (headersTimeout,
 * requestTimeout, checked every second) end connections that send their headers or body too
 * slowly. This adds the rest:
 *
 * - closeAfterResponse: a request answered before its body was read (refused by the guard, too
 *   large, unknown) gets `Connection: close`; its connection stops reading, lets the answer reach
 *   the client, and is destroyed a moment later. Left open, the unread body would be parsed as the
 *   next request on that keep-alive connection (after a 413, the request after next failed with
 *   ECONNRESET), and a client trickling a body would hold the socket for minutes.
 * - ConnectionGuard: at most `max` connections; a new one over the cap pushes out the oldest idle
 *   connection, else the oldest whose request has not been let in (no token yet: headers or body
 *   still arriving), and only if neither exists is the new one turned away. A page that was let
 *   in (its event stream, a request being answered) is never pushed out by strangers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export const HEADERS_TIMEOUT_MS = 5_000;
export const REQUEST_TIMEOUT_MS = 10_000;
/** How long a refused connection may take to read its answer before it is destroyed. */
export const LINGER_MS = 1_000;

/** Sends the answer, then closes the connection without reading the rest of the request. */
export function closeAfterResponse(req: IncomingMessage, send: () => void): void {
  const socket = req.socket as Socket | null;
  send();
  // Already gone (pushed out by the cap, or the client left): nothing to close.
  if (!socket || socket.destroyed) return;
  // Discard what still arrives (so the answer is not lost to a reset while the client is sending),
  // end our side, and destroy the socket shortly after in any case.
  req.resume();
  const timer = setTimeout(() => socket.destroy(), LINGER_MS);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
}

interface Tracked {
  socket: Socket;
  openedAt: number;
  /** Requests under way on it. */
  active: number;
  /** Whether its current request passed the guard (the page's own). */
  admitted: boolean;
  lastActiveAt: number;
}

export class ConnectionGuard {
  private readonly tracked = new Map<Socket, Tracked>();
  private seq = 0;

  constructor(private readonly options: { max: number }) {}

  get size(): number {
    return this.tracked.size;
  }

  add(socket: Socket): void {
    if (this.tracked.size >= this.options.max && !this.evictOne()) {
      socket.destroy();
      return;
    }
    const entry: Tracked = { socket, openedAt: this.tick(), active: 0, admitted: false, lastActiveAt: this.seq };
    this.tracked.set(socket, entry);
    socket.once('close', () => this.tracked.delete(socket));
  }

  requestStarted(req: IncomingMessage, res: ServerResponse): void {
    const entry = this.tracked.get(req.socket);
    if (!entry) return;
    entry.active += 1;
    entry.admitted = false;
    entry.lastActiveAt = this.tick();
    res.once('close', () => {
      entry.active = Math.max(0, entry.active - 1);
      entry.lastActiveAt = this.tick();
    });
  }

  /** The request passed the guard: its connection is the page's and is not pushed out. */
  admitted(req: IncomingMessage): void {
    const entry = this.tracked.get(req.socket);
    if (entry) entry.admitted = true;
  }

  private evictOne(): boolean {
    const entries = [...this.tracked.values()];
    const idle = entries.filter((e) => e.active === 0).sort((a, b) => a.lastActiveAt - b.lastActiveAt)[0];
    const stranger = entries.filter((e) => e.active > 0 && !e.admitted).sort((a, b) => a.openedAt - b.openedAt)[0];
    const victim = idle ?? stranger;
    if (!victim) return false;
    this.tracked.delete(victim.socket);
    victim.socket.destroy();
    return true;
  }

  private tick(): number {
    this.seq += 1;
    return this.seq;
  }
}
