/**
 * Web mode: the same core and renderer without Electron. Serves the built renderer and the
 * contract (POST /api/request/<name>, GET /api/events as server-sent events) on 127.0.0.1 only,
 * guarded by a per-launch token and Host/Origin checks. A request that takes longer than a moment
 * is answered with a ticket (request-tickets.ts) and its result fetched later, so no request holds
 * one of the browser's few connections while it waits on the Hub.
 *
 * Against hostile local clients (connection-guard.ts): headers must arrive within 5 s and a whole
 * request within 10 s; a request refused before its body was read (no token, wrong host, too large,
 * unknown endpoint) is answered with `Connection: close` and its connection closed, so the unread
 * body can never be taken for the next request; at most 64 connections are open at once, and a new
 * one pushes out the oldest idle one first, then the oldest that has not yet been let in.
 */
import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Result } from '@shared/result';
import type { ErrorCode } from '@shared/errors';
import type { Core } from '@core';
import { checkApiRequest, checkHost, type GuardFailure } from './request-guard';
import { SECURITY_HEADERS, serveStatic } from './static-files';
import { openEventStream, type OpenStream } from './event-stream';
import { RequestTickets } from './request-tickets';
import { ConnectionGuard, closeAfterResponse, HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS } from './connection-guard';

export interface WebServerOptions {
  core: Core;
  rendererDir: string;
  host?: string;
  port?: number;
  /** Fixed token for tests; a fresh random one otherwise. */
  token?: string;
  maxBodyBytes?: number;
  /** At most this many connections at once (default 64). */
  maxConnections?: number;
}

export interface WebServer {
  /** The address to open, including the access token in the fragment (never sent to the server). */
  url: string;
  origin: string;
  port: number;
  token: string;
  /** Connections open now (at most the cap). */
  connectionCount(): number;
  /** Serves another core from now on (after a repair rebuilt it); open event streams end and reconnect to it. */
  setCore(core: Core): void;
  /** API requests wait until `until` settles (while the core is being rebuilt). */
  hold(until: Promise<unknown>): void;
  close(): Promise<void>;
}

const STATUS_FOR_CODE: Partial<Record<ErrorCode, number>> = { invalid_input: 400, unknown_request: 404 };

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1' && host !== 'localhost') throw new Error('Web mode binds to 127.0.0.1 only.');
  const token = options.token ?? randomBytes(32).toString('hex');
  const maxBody = options.maxBodyBytes ?? 1_000_000;
  const streams = new Set<OpenStream>();
  const tickets = new RequestTickets({ onSettled: (ticket) => streams.forEach((stream) => stream.send('pd:settled', { ticket })) });
  let port = 0;

  let core = options.core;
  let held: Promise<unknown> = Promise.resolve();
  const connections = new ConnectionGuard({ max: options.maxConnections ?? 64 });
  const server = http.createServer(
    { headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS, connectionsCheckingInterval: 1_000 },
    (req, res) => {
      connections.requestStarted(req, res);
      void handle(req, res).catch((error: unknown) => {
        core.log.error('web request failed', { url: req.url, error: String(error) });
        if (!res.headersSent)
          sendResult(res, 500, { ok: false, error: { code: 'internal', message: 'Partner Desk failed to answer this request.' } });
        else res.destroy();
      });
    },
  );

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    if (url.pathname.startsWith('/api/')) {
      const failure = checkApiRequest(req.headers, port, token);
      if (failure) return refuse(req, res, failure);
      connections.admitted(req);
      await held;
      if (url.pathname === '/api/events' && method === 'GET') {
        const stream: OpenStream = openEventStream(req, res, core.events, () => streams.delete(stream));
        streams.add(stream);
        return;
      }
      const result = /^\/api\/result\/([0-9a-f]{32})$/.exec(url.pathname);
      if (result?.[1]) {
        if (method !== 'GET')
          return closeAfterResponse(req, () =>
            sendResult(res, 405, fail('invalid_input', 'Results are read with GET.'), { Allow: 'GET', Connection: 'close' }),
          );
        const taken = tickets.take(result[1]);
        if (taken.kind === 'done') return sendResult(res, 200, taken.result);
        if (taken.kind === 'pending') return sendPending(res, result[1]);
        return sendResult(res, 404, fail('not_found', 'That request is unknown here (was `partner-desk web` restarted?). Try again.'));
      }
      const match = /^\/api\/request\/([A-Za-z0-9_.-]+)$/.exec(url.pathname);
      // Refused before the body is read: the connection closes with the answer (closeAfterResponse).
      const refuseUnread = (status: number, result: Result<never>, headers: Record<string, string> = {}): void =>
        closeAfterResponse(req, () => sendResult(res, status, result, { ...headers, Connection: 'close' }));
      if (!match?.[1]) return refuseUnread(404, fail('unknown_request', `There is no API endpoint ${url.pathname}.`));
      if (method !== 'POST') return refuseUnread(405, fail('invalid_input', 'Requests are sent with POST.'), { Allow: 'POST' });
      if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
        return refuseUnread(415, fail('invalid_input', 'Requests must be JSON (Content-Type: application/json).'));
      }
      const tooLarge = () => refuseUnread(413, fail('invalid_input', `The request is larger than ${maxBody} bytes.`));
      if (Number(req.headers['content-length'] ?? 0) > maxBody) return tooLarge();
      const body = await readBody(req, maxBody);
      if (body === null) return tooLarge();
      let input: unknown;
      try {
        input = body.length === 0 ? {} : JSON.parse(body);
      } catch {
        return sendResult(res, 400, fail('invalid_input', 'The request body is not valid JSON.'));
      }
      const answer = await tickets.answer(core.dispatch(match[1], input));
      if (answer.kind === 'pending') return sendPending(res, answer.ticket);
      const status = answer.result.ok ? 200 : (STATUS_FOR_CODE[answer.result.error.code] ?? 200);
      return sendResult(res, status, answer.result);
    }
    const hostFailure = checkHost(req.headers, port);
    if (hostFailure) return refuse(req, res, hostFailure);
    if (method !== 'GET' && method !== 'HEAD') {
      closeAfterResponse(req, () => res.writeHead(405, { Allow: 'GET, HEAD', Connection: 'close', ...SECURITY_HEADERS }).end());
      return;
    }
    connections.admitted(req);
    serveStatic(options.rendererDir, url.pathname, method, res);
  }

  server.on('connection', (socket) => connections.add(socket));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    connectionCount: () => connections.size,
    hold(until) {
      held = until.catch(() => undefined);
    },
    setCore(next) {
      core = next;
      for (const stream of streams) stream.end();
      streams.clear();
    },
    async close() {
      for (const stream of streams) stream.end();
      streams.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function fail(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

/** A request refused by the guard (its body unread): answered, then its connection closed. */
function refuse(req: IncomingMessage, res: ServerResponse, failure: GuardFailure): void {
  closeAfterResponse(req, () => sendResult(res, failure.status, fail(failure.code, failure.message), { Connection: 'close' }));
}

function sendResult(res: ServerResponse, status: number, result: Result<unknown>, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(result);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...SECURITY_HEADERS,
    ...headers,
  });
  res.end(body);
}

/** 202: still working; the result is fetched with GET /api/result/<ticket> (the event stream says when). */
function sendPending(res: ServerResponse, ticket: string): void {
  res.writeHead(202, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...SECURITY_HEADERS });
  res.end(JSON.stringify({ pending: ticket }));
}

async function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) return null;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
