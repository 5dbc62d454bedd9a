/**
 * Fault switches: make the simulated hub misbehave the way networks and servers do, on demand, for
 * the sync engine, the outbox and their tests. One zod schema serves the typed API and
 * `PUT /__demo/faults`, so the two transports can never disagree about what a fault means.
 */
import { z } from 'zod';

const match = {
  /** Substring of the path, or (in-process only) a RegExp tested against it. */
  path: z.union([z.string(), z.instanceof(RegExp)]).optional(),
  /** A RegExp source tested against the path; the JSON-friendly form of a RegExp `path`. */
  pathRegex: z
    .string()
    .refine((s) => {
      try {
        new RegExp(s);
        return true;
      } catch {
        return false;
      }
    }, 'not a valid regular expression')
    .optional(),
  method: z.string().min(1).optional(),
};
const counted = z.object({ count: z.number().int().min(0), ...match }).strict();

export const FaultConfig = z
  .object({
    latencyMs: z.number().min(0).optional(),
    latencyJitterMs: z.number().min(0).optional(),
    /** /api, /waba and /waba-v2 only: the in-process fetch rejects like undici, the server drops the socket. */
    offline: z.boolean().optional(),
    rateLimitBurst: counted
      .extend({ retryAfterSeconds: z.number().int().min(0).optional() })
      .nullable()
      .optional(),
    serverErrors: counted
      .extend({ status: z.number().int().min(500).max(599).optional(), body: z.enum(['html', 'meta']).optional() })
      .nullable()
      .optional(),
    malformedJson: counted.nullable().optional(),
    wrongTypes: counted
      .extend({ mode: z.enum(['types', 'missing', 'both']).optional() })
      .nullable()
      .optional(),
    limitCap: z.number().int().min(1).nullable().optional(),
    totalDrift: counted
      .extend({ insert: z.number().int().min(0).optional(), remove: z.number().int().min(0).optional() })
      .nullable()
      .optional(),
    unauthorized: counted.nullable().optional(),
    /** The request arrives, then the connection drops before any answer (the hub does not act): the caller cannot know. */
    dropped: counted.nullable().optional(),
    /**
     * The status the balance endpoint answers for a client without direct payment: the simulator's
     * 400 by default; the real service's answer is undocumented (403 or 404 are as likely, §11).
     */
    balanceRefusal: z.number().int().min(400).max(499).nullable().optional(),
    /**
     * List pages as other Partner API versions and stand-ins send them (§11): without `count`, without
     * `total` (the reader must page until a short page), or with the records under another known key
     * (`items`). Not counted: applies to every matching list request while set.
     */
    envelope: z
      .object({
        omit: z.array(z.enum(['count', 'total'])).default([]),
        itemsKey: z.enum(['items', 'data', 'results']).optional(),
        ...match,
      })
      .strict()
      .nullable()
      .optional(),
  })
  .strict();
export type FaultConfig = z.input<typeof FaultConfig>;

type Parsed = z.output<typeof FaultConfig>;
export type CountedFaultName =
  'rateLimitBurst' | 'serverErrors' | 'malformedJson' | 'wrongTypes' | 'totalDrift' | 'unauthorized' | 'dropped';
export type ActiveFault<N extends CountedFaultName> = NonNullable<Parsed[N]>;

/** JSON-friendly view of the current switches, with counts remaining. */
export type FaultSnapshot = Record<string, unknown>;

export class FaultSwitches {
  private config: Parsed = {};

  /** Merges: each key given replaces that fault; `null` (or count 0) clears it. Throws on invalid input. */
  set(config: FaultConfig): void {
    const parsed = FaultConfig.parse(config);
    this.config = { ...this.config, ...parsed };
  }

  reset(): void {
    this.config = {};
  }

  snapshot(): FaultSnapshot {
    const out: FaultSnapshot = {};
    for (const [key, value] of Object.entries(this.config)) {
      if (value === undefined || value === null) continue;
      if (typeof value !== 'object') {
        out[key] = value;
        continue;
      }
      if ('count' in value && value.count <= 0) continue; // used up: as good as off
      const copy: Record<string, unknown> = { ...value };
      if (value.path instanceof RegExp) {
        delete copy.path;
        copy.pathRegex = value.path.source;
      }
      out[key] = copy;
    }
    return out;
  }

  get offline(): boolean {
    return this.config.offline === true;
  }

  get limitCap(): number | null {
    return this.config.limitCap ?? null;
  }

  /** No fault is switched on but latency (a replayed page needs nothing else applied). */
  isClear(): boolean {
    return Object.keys(this.snapshot()).every((key) => key === 'latencyMs' || key === 'latencyJitterMs');
  }

  /** The status for a balance of a client without direct payment. */
  get balanceRefusal(): number {
    return this.config.balanceRefusal ?? 400;
  }

  /** How list envelopes are to be shaped for this request, if the envelope switch is set and matches. */
  envelope(method: string, path: string): { omit: ReadonlyArray<'count' | 'total'>; itemsKey?: string } | null {
    const envelope = this.config.envelope;
    if (!envelope || !FaultSwitches.matches(envelope, method, path)) return null;
    return envelope.itemsKey ? { omit: envelope.omit, itemsKey: envelope.itemsKey } : { omit: envelope.omit };
  }

  /** Delay for the next request, jitter drawn by the caller's random source. */
  latency(random: () => number): number {
    const base = this.config.latencyMs ?? 0;
    const jitter = this.config.latencyJitterMs ?? 0;
    return base + (jitter > 0 ? Math.floor(random() * (jitter + 1)) : 0);
  }

  /** If the named fault is armed and matches, uses up one of its count and returns it. */
  take<N extends CountedFaultName>(name: N, method: string, path: string): ActiveFault<N> | null {
    const fault = this.config[name] as ActiveFault<N> | null | undefined;
    if (!fault || fault.count <= 0 || !FaultSwitches.matches(fault, method, path)) return null;
    fault.count--;
    return fault;
  }

  /** Whether the named fault would strike, without using it up (for faults applied after handling). */
  armed(name: CountedFaultName, method: string, path: string): boolean {
    const fault = this.config[name];
    return !!fault && fault.count > 0 && FaultSwitches.matches(fault, method, path);
  }

  private static matches(
    fault: { path?: string | RegExp | undefined; pathRegex?: string | undefined; method?: string | undefined },
    method: string,
    path: string,
  ): boolean {
    if (fault.method && fault.method.toUpperCase() !== method.toUpperCase()) return false;
    if (typeof fault.path === 'string' && !path.includes(fault.path)) return false;
    if (fault.path instanceof RegExp && !fault.path.test(path)) return false;
    if (fault.pathRegex !== undefined && !new RegExp(fault.pathRegex).test(path)) return false;
    return true;
  }
}
