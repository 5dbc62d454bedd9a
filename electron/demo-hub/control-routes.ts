/**
 * HTTP control endpoints for a served hub (`/__demo/*`): read and reset stats, set and clear
 * faults, step the clock. Served only by the HTTP server, never by the in-process fetch, and never
 * affected by the faults they control.
 */
import { FaultConfig } from './faults';
import type { DemoHub } from './hub';

export interface ControlReply {
  status: number;
  body: string;
}

const ok = (value: unknown, status = 200): ControlReply => ({ status, body: JSON.stringify(value) });
const fail = (status: number, message: string, details?: unknown): ControlReply =>
  ok({ meta: { success: false, http_code: status, developer_message: message, ...(details === undefined ? {} : { details }) } }, status);

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: text.trim() === '' ? {} : JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function clockState(hub: DemoHub): { now: number; offsetMs: number } {
  return { now: hub.clock.now(), offsetMs: hub.clock.offsetMs };
}

type Handler = (hub: DemoHub, body: string) => ControlReply;

const ROUTES: Readonly<Record<string, Readonly<Record<string, Handler>>>> = {
  '/__demo/stats': { GET: (hub) => ok(hub.stats.snapshot()) },
  '/__demo/stats/reset': {
    POST: (hub) => {
      hub.stats.reset();
      return ok(hub.stats.snapshot());
    },
  },
  '/__demo/faults': {
    GET: (hub) => ok(hub.faults.snapshot()),
    PUT: (hub, body) => {
      const json = parseJson(body);
      if (!json.ok) return fail(400, 'Fault config must be JSON');
      const parsed = FaultConfig.safeParse(json.value);
      if (!parsed.success) {
        return fail(
          400,
          'Invalid fault config',
          parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
        );
      }
      hub.faults.set(parsed.data);
      return ok(hub.faults.snapshot());
    },
    DELETE: (hub) => {
      hub.faults.reset();
      return ok(hub.faults.snapshot());
    },
  },
  '/__demo/clock': {
    GET: (hub) => ok(clockState(hub)),
    POST: (hub, body) => {
      const json = parseJson(body);
      const advance =
        json.ok && typeof json.value === 'object' && json.value !== null ? (json.value as { advanceMs?: unknown }).advanceMs : undefined;
      if (typeof advance !== 'number' || !Number.isFinite(advance)) return fail(400, 'Expected {"advanceMs": <number>}');
      hub.clock.advance(advance);
      return ok(clockState(hub));
    },
  },
  // The partner revokes its key and makes a new one (tests of a refused key); the answer carries the new key.
  '/__demo/partner-key': {
    POST: (hub) => ok({ apiKey: hub.rotateApiKey() }),
  },
  // Demo credentials are fake by design; tools like `partner-desk demo-server` print them.
  '/__demo/info': {
    GET: (hub) => ok({ partnerId: hub.partnerId, apiKey: hub.apiKey, username: hub.username, password: hub.password }),
  },
};

export function handleControl(hub: DemoHub, method: string, path: string, body: string): ControlReply {
  const route = ROUTES[path.replace(/\/+$/, '')];
  if (!route) return fail(404, `Unknown control endpoint ${path}`);
  const handler = route[method];
  if (!handler) return fail(405, `Method ${method} not allowed on ${path}; use ${Object.keys(route).join(', ')}`);
  return handler(hub, body);
}
