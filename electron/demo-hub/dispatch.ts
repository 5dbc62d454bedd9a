/**
 * One request through the hub: offline check, latency, the faults that answer instead of the
 * server, routing, authentication, the handler, the faults that spoil an answer, and counting.
 * Both transports (in-process fetch and the HTTP server) go through here.
 */
import { authenticatePartner } from './auth';
import { htmlError, json, messagingError, metaError, oauthError, tooManyRequests, truncated, type HubReply } from './replies';
import type { HubContext, RequestContext } from './hub-context';
import type { RouteMatch, Router } from './router';

/**
 * What undici throws on a laptop without network: the Hub's name cannot be resolved. The request
 * provably never left, and the connection monitor reads the cause as "offline" (not "the Hub is down").
 */
export function offlineError(): TypeError {
  const cause = Object.assign(new Error('getaddrinfo ENOTFOUND hub.360dialog.io (demo hub offline)'), { code: 'ENOTFOUND' });
  return new TypeError('fetch failed', { cause });
}

/** What undici throws when the connection drops after the request went out: it may have been acted on. */
export function droppedError(): TypeError {
  const cause = Object.assign(new Error('other side closed (demo hub dropped the connection)'), { code: 'ECONNRESET' });
  return new TypeError('fetch failed', { cause });
}

export function isOfflineError(error: unknown): boolean {
  return error instanceof TypeError && error.message === 'fetch failed';
}

/** Paths that the network faults govern; control endpoints stay reachable. */
export function isGoverned(path: string): boolean {
  return ['/api', '/waba', '/waba-v2'].some((root) => path === root || path.startsWith(`${root}/`));
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortError(signal));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function routeKey(match: RouteMatch): string {
  if (match.kind === 'route') return match.route.template;
  return match.kind === 'method-not-allowed' ? match.template : '<unmatched>';
}

async function route(hub: HubContext, match: RouteMatch, req: RequestContext): Promise<HubReply> {
  if (match.kind === 'none') return metaError(404, `Not found: no endpoint ${req.method} ${req.path}`);
  if (match.kind === 'method-not-allowed') {
    return metaError(405, `Method ${req.method} not allowed; use ${match.allowed.join(', ')}`, { allow: match.allowed.join(', ') });
  }
  if (match.route.auth === 'partner') {
    const auth = authenticatePartner(req.headers, hub.apiKey, hub.tokens);
    if (!auth.ok) return metaError(401, auth.message);
    const pid = req.params.pid;
    if (pid !== undefined && pid !== hub.partnerId) return metaError(403, `Forbidden: these credentials do not belong to partner ${pid}`);
  }
  try {
    return await match.route.handler(hub, req);
  } catch (error) {
    return metaError(500, `Demo hub internal error: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A 401 in the shape each API uses: Cloud API `{error}`, On-Premise `meta`, OAuth for /token. */
function unauthorizedReply(path: string): HubReply {
  if (path.startsWith('/waba-v2/')) return json(401, { error: 'Invalid api key' });
  if (path.startsWith('/waba')) return messagingError(401, 'Invalid api key');
  if (path.endsWith('/token')) return oauthError(401, 'invalid_grant', 'Wrong email or password.');
  return metaError(401, 'Token expired or API key revoked');
}

/** Faults that answer in the server's place; the handler never runs, so nothing changes. */
function preempt(hub: HubContext, method: string, path: string): { reply: HubReply; fault: string } | null {
  if (hub.faults.take('unauthorized', method, path)) {
    return { reply: unauthorizedReply(path), fault: 'unauthorized' };
  }
  const limited = hub.faults.take('rateLimitBurst', method, path);
  if (limited) return { reply: tooManyRequests(limited.retryAfterSeconds ?? 1, 'Too many requests'), fault: 'rateLimitBurst' };
  const failing = hub.faults.take('serverErrors', method, path);
  if (failing) {
    const status = failing.status ?? 500;
    const html = (failing.body ?? (status === 500 ? 'meta' : 'html')) === 'html';
    return { reply: html ? htmlError(status) : metaError(status, 'Internal server error'), fault: 'serverErrors' };
  }
  return null;
}

export async function dispatch(hub: HubContext, router: Router, request: Request): Promise<HubReply> {
  const url = new URL(request.url);
  const path = url.pathname;
  const method = request.method.toUpperCase();
  if (request.signal.aborted) throw abortError(request.signal);
  if (isGoverned(path)) {
    if (hub.faults.offline) {
      hub.stats.dropped++;
      throw offlineError();
    }
    const delay = hub.faults.latency(() => hub.rng.float());
    if (delay > 0) {
      await sleep(delay, request.signal);
      if (hub.faults.offline) {
        hub.stats.dropped++;
        throw offlineError();
      }
    }
  }
  const at = hub.now();
  const match = router.match(method, path);
  let text: Promise<string> | null = null;
  const req: RequestContext = {
    method,
    path,
    url,
    headers: request.headers,
    params: match.kind === 'route' ? match.params : {},
    origin: url.origin,
    body: () => (text ??= request.text()),
  };
  if (isGoverned(path) && hub.faults.take('dropped', method, path)) {
    // The request reached the hub and the connection died before an answer; the hub did not act.
    hub.stats.dropped++;
    throw droppedError();
  }
  const pre = isGoverned(path) ? preempt(hub, method, path) : null;
  let reply = pre ? pre.reply : await route(hub, match, req);
  let fault = pre ? pre.fault : null;
  if (!pre && reply.status >= 200 && reply.status < 300 && isGoverned(path) && hub.faults.take('malformedJson', method, path)) {
    reply = truncated(reply);
    fault = 'malformedJson';
  }
  hub.stats.recordRequest(method, routeKey(match), path, reply.status, at, fault);
  return reply;
}
