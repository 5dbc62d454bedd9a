/**
 * Serves a demo hub over real HTTP on 127.0.0.1: for integration tests, benchmarks and
 * `partner-desk demo-server`. `/api` and `/waba` go through the same dispatcher as `hub.handle`
 * (its replies written straight to the socket); `/__demo/*` are control endpoints that keep working
 * while the `offline` fault drops everything else. With `replayListings`, a client or channel
 * listing page is rendered once and then replayed from memory (latency still applied), so that a
 * benchmark measures the app and not the simulator sharing the machine's cores; any change made
 * through the API forgets the pages.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { handleControl } from './control-routes';
import { isGoverned, isOfflineError } from './dispatch';
import { directReplier, type DemoHub } from './hub';

export interface DemoHubServer {
  /** Origin, e.g. http://127.0.0.1:40123; the Partner API base is `${url}/api/v2`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function toRequest(req: IncomingMessage, origin: string, body: Buffer): Request {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i] ?? '';
    // Hop-by-hop headers mean nothing to the hub and some are refused by the Request constructor.
    if (!/^(connection|keep-alive|transfer-encoding|upgrade|host|content-length)$/i.test(name))
      headers.append(name, req.rawHeaders[i + 1] ?? '');
  }
  const method = (req.method ?? 'GET').toUpperCase();
  const hasBody = method !== 'GET' && method !== 'HEAD' && body.length > 0;
  return new Request(new URL(req.url ?? '/', origin), { method, headers, body: hasBody ? new Uint8Array(body) : null });
}

async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  headers['content-length'] = String(body.length);
  res.writeHead(response.status, headers);
  res.end(body);
}

const LISTING = /^\/api\/v2\/partners\/[^/]+\/(clients|channels)$/;

async function serve(
  hub: DemoHub,
  listenOrigin: string,
  req: IncomingMessage,
  res: ServerResponse,
  pages: Map<string, Buffer> | null,
): Promise<void> {
  // The origin the caller used (Host header), so an API key's `address` points where it came from.
  const origin = req.headers.host ? `http://${req.headers.host}` : listenOrigin;
  const path = new URL(req.url ?? '/', origin).pathname;
  const body = await readBody(req);
  if (path.startsWith('/__demo/')) {
    const reply = handleControl(hub, (req.method ?? 'GET').toUpperCase(), path, body.toString('utf8'));
    res.writeHead(reply.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(reply.body) });
    res.end(reply.body);
    return;
  }
  if (isGoverned(path) && hub.faults.offline) {
    hub.stats.dropped++;
    req.socket.destroy();
    return;
  }
  const method = (req.method ?? 'GET').toUpperCase();
  if (pages && method !== 'GET' && method !== 'HEAD') pages.clear();
  const replayable = pages !== null && method === 'GET' && LISTING.test(path) && hub.faults.isClear();
  // Keyed by the credentials too: a request without the key never gets a page a keyed one rendered.
  const pageKey = `${req.url ?? ''}\n${String(req.headers['x-api-key'] ?? '')}\n${String(req.headers.authorization ?? '')}`;
  const replayed = replayable ? pages.get(pageKey) : undefined;
  if (replayed) {
    const delay = hub.faults.latency(Math.random);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': replayed.length }).end(replayed);
    return;
  }
  try {
    const request = toRequest(req, origin, body);
    const direct = directReplier(hub);
    if (!direct) {
      await writeResponse(res, await hub.handle(request));
      return;
    }
    const reply = await direct(request);
    if (replayable && reply.status === 200) pages.set(pageKey, Buffer.from(reply.body));
    res.statusCode = reply.status;
    for (const [name, value] of Object.entries(reply.headers)) res.setHeader(name, value);
    res.end(reply.body);
  } catch (error) {
    // Offline switched on mid-request (e.g. during latency): drop the connection like a dead network.
    if (isOfflineError(error)) req.socket.destroy();
    else if (!res.headersSent) {
      const text = JSON.stringify({ meta: { success: false, http_code: 500, developer_message: String(error) } });
      res.writeHead(500, { 'content-type': 'application/json' }).end(text);
    }
  }
}

export function startDemoHubServer(
  hub: DemoHub,
  options: { port?: number; host?: string; replayListings?: boolean } = {},
): Promise<DemoHubServer> {
  const host = options.host ?? '127.0.0.1';
  const sockets = new Set<Socket>();
  const pages = options.replayListings ? new Map<string, Buffer>() : null;
  let origin = '';
  const server = createServer((req, res) => {
    serve(hub, origin, req, res, pages).catch(() => req.socket.destroy());
  });
  server.keepAliveTimeout = 5_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      origin = `http://${shownHost}:${port}`;
      resolve({
        url: origin,
        port,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            // Keep-alive sockets would otherwise hold the process open after the tests end.
            server.closeAllConnections();
            for (const socket of sockets) socket.destroy();
          }),
      });
    });
  });
}
