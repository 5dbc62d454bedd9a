/**
 * Request counting, so tests can assert what reached the "server": how often each route was hit,
 * that a queued action arrived exactly once, that health was not polled more than every 5 minutes.
 */

export interface MutationLogEntry {
  method: string;
  path: string;
  /** Route template, e.g. `PATCH /api/v2/partners/:pid/clients/:cid`. */
  route: string;
  status: number;
  /** Hub clock (ms) when the request arrived. */
  at: number;
  /** True when the handler ran and answered 2xx, i.e. the action took effect (even if a fault then spoiled the body). */
  applied: boolean;
  fault: string | null;
}

export interface HubStatsSnapshot {
  total: number;
  /** `${METHOD} ${template}` -> count; unknown paths count under `${METHOD} <unmatched>`. */
  byRoute: Record<string, number>;
  byStatus: Record<string, number>;
  /** Non-GET requests to /api and /waba, oldest first (the last 10,000). */
  mutations: MutationLogEntry[];
  /** Channel id -> hub-clock times (ms) of authenticated GET /waba/v1/health calls. */
  healthCalls: Record<string, number[]>;
  /** Channel id -> how often its health was recomputed (cache misses). */
  healthRefreshes: Record<string, number>;
  /** Fault name -> how often it struck. */
  faults: Record<string, number>;
  /** Requests refused by the `offline` fault; they never reached a route. */
  dropped: number;
}

const MAX_LOG = 10_000;

export class HubStats {
  total = 0;
  dropped = 0;
  readonly byRoute = new Map<string, number>();
  readonly byStatus = new Map<number, number>();
  readonly mutations: MutationLogEntry[] = [];
  readonly healthCalls = new Map<string, number[]>();
  readonly healthRefreshes = new Map<string, number>();
  readonly faults = new Map<string, number>();

  /** Count for one route, e.g. `count('GET', '/api/v2/partners/:pid/channels')`. */
  count(method: string, template: string): number {
    return this.byRoute.get(`${method.toUpperCase()} ${template}`) ?? 0;
  }

  /** Logged mutations whose template or path contains `fragment`. */
  mutationsTo(fragment: string): MutationLogEntry[] {
    return this.mutations.filter((m) => m.route.includes(fragment) || m.path.includes(fragment));
  }

  healthCallCount(channelId: string): number {
    return this.healthCalls.get(channelId)?.length ?? 0;
  }

  recordRequest(method: string, route: string, path: string, status: number, at: number, fault: string | null): void {
    this.total++;
    const key = `${method} ${route}`;
    this.byRoute.set(key, (this.byRoute.get(key) ?? 0) + 1);
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
    if (fault) this.recordFault(fault);
    if (method !== 'GET' && method !== 'HEAD') {
      const handled = fault === null || fault === 'malformedJson';
      this.mutations.push({ method, path, route, status, at, applied: handled && status >= 200 && status < 300, fault });
      if (this.mutations.length > MAX_LOG) this.mutations.shift();
    }
  }

  recordFault(name: string): void {
    this.faults.set(name, (this.faults.get(name) ?? 0) + 1);
  }

  recordHealth(channelId: string, at: number, refreshed: boolean): void {
    let list = this.healthCalls.get(channelId);
    if (!list) this.healthCalls.set(channelId, (list = []));
    list.push(at);
    if (refreshed) this.healthRefreshes.set(channelId, (this.healthRefreshes.get(channelId) ?? 0) + 1);
  }

  reset(): void {
    this.total = 0;
    this.dropped = 0;
    this.byRoute.clear();
    this.byStatus.clear();
    this.mutations.length = 0;
    this.healthCalls.clear();
    this.healthRefreshes.clear();
    this.faults.clear();
  }

  snapshot(): HubStatsSnapshot {
    return {
      total: this.total,
      byRoute: Object.fromEntries(this.byRoute),
      byStatus: Object.fromEntries([...this.byStatus].map(([k, v]) => [String(k), v])),
      mutations: this.mutations.map((m) => ({ ...m })),
      healthCalls: Object.fromEntries([...this.healthCalls].map(([k, v]) => [k, [...v]])),
      healthRefreshes: Object.fromEntries(this.healthRefreshes),
      faults: Object.fromEntries(this.faults),
      dropped: this.dropped,
    };
  }
}
