/**
 * The three paged lists: clients, channels (§3.1, §3.4) and a WABA's templates (§3.8). The list
 * faults live here because they change what a page contains: `limitCap` shrinks pages, `totalDrift`
 * changes the data between pages, `wrongTypes` spoils records inside an otherwise valid page.
 */
import { renderPage, selectEntries, type EngineSpec, type ViewCache } from './list-engine';
import { parseListQuery, DEFAULT_LIMIT, type ListQuery } from './list-query';
import { CHANNEL_SPEC, CLIENT_SPEC, TEMPLATE_SPEC } from './list-specs';
import { metaError, rawJson, tooManyRequests, type HubReply } from './replies';
import type { HubContext, RequestContext } from './hub-context';
import { generateTemplates } from './templates';
import type { Entry } from './types';

type Resource = 'clients' | 'channels';

function maxLimit(hub: HubContext): number {
  const cap = hub.faults.limitCap;
  return cap === null ? DEFAULT_LIMIT : Math.min(cap, DEFAULT_LIMIT);
}

/** totalDrift: records appear and vanish between page requests, as when others work in the Hub. */
function drift<T>(hub: HubContext, req: RequestContext, resource: Resource, query: ListQuery, view: () => Entry<T>[]): void {
  const fault = hub.faults.take('totalDrift', req.method, req.path);
  if (!fault) return;
  hub.stats.recordFault('totalDrift');
  const current = view();
  // Removing records already served shifts later pages back, so a naive pager skips one.
  const pool = query.offset > 0 ? current.slice(0, query.offset) : current.slice();
  for (let i = 0; i < (fault.remove ?? 0) && pool.length > 0; i++) {
    const [victim] = pool.splice(hub.rng.int(0, pool.length - 1), 1);
    const id = (victim?.record as { id?: unknown } | undefined)?.id;
    if (typeof id !== 'string') continue;
    if (resource === 'clients') hub.state.removeClient(id);
    else hub.state.removeChannel(id);
  }
  for (let i = 0; i < (fault.insert ?? 1); i++) {
    if (resource === 'clients') hub.state.addClient();
    else {
      const clients = hub.store.clientList();
      if (clients.length === 0) break;
      hub.state.addChannel(hub.rng.pick(clients).record.id);
    }
  }
}

function page<T>(hub: HubContext, req: RequestContext, spec: EngineSpec<T>, view: Entry<T>[], query: ListQuery): HubReply {
  const nonEmpty = view.length > query.offset && query.limit > 0;
  const fault = nonEmpty ? hub.faults.take('wrongTypes', req.method, req.path) : null;
  if (fault) hub.stats.recordFault('wrongTypes');
  if (hub.faults.limitCap !== null) hub.stats.recordFault('limitCap');
  const envelope = hub.faults.envelope(req.method, req.path);
  if (envelope) hub.stats.recordFault('envelope');
  return rawJson(200, renderPage(view, query, spec, { corrupt: fault ? (fault.mode ?? 'both') : null, envelope }).body);
}

function listStore<T>(
  hub: HubContext,
  req: RequestContext,
  resource: Resource,
  spec: EngineSpec<T>,
  all: () => readonly Entry<T>[],
  cache: ViewCache<T>,
): HubReply {
  const parsed = parseListQuery(req.url.searchParams, spec, maxLimit(hub));
  if (!parsed.ok) return metaError(400, parsed.message);
  const query = parsed.query;
  const view = (): Entry<T>[] => cache.get(hub.store.version, query, () => selectEntries(all(), query, spec));
  drift(hub, req, resource, query, view);
  return page(hub, req, spec, view(), query);
}

export function listClients(hub: HubContext, req: RequestContext): HubReply {
  return listStore(hub, req, 'clients', CLIENT_SPEC, () => hub.store.clientList(), hub.views.clients);
}

export function listChannels(hub: HubContext, req: RequestContext): HubReply {
  return listStore(hub, req, 'channels', CHANNEL_SPEC, () => hub.store.channelList(), hub.views.channels);
}

export function listTemplates(hub: HubContext, req: RequestContext): HubReply {
  const limit = hub.limiters.templates.take('all', hub.now());
  if (!limit.ok)
    return tooManyRequests(limit.retryAfterSeconds, 'Rate limit exceeded: a maximum of 400 total requests per minute is allowed');
  const wabaId = req.params.waid ?? '';
  const waba = hub.store.waba(wabaId);
  if (!waba) return metaError(404, `WABA account ${wabaId} not found`);
  const parsed = parseListQuery(req.url.searchParams, TEMPLATE_SPEC, maxLimit(hub));
  if (!parsed.ok) return metaError(400, parsed.message);
  let entries = hub.templates.get(wabaId);
  if (!entries) {
    entries = generateTemplates(hub.seed, hub.partnerId, wabaId, waba.namespace).map((record) => ({ record }));
    hub.templates.set(wabaId, entries);
  }
  return page(hub, req, TEMPLATE_SPEC, selectEntries(entries, parsed.query, TEMPLATE_SPEC), parsed.query);
}
