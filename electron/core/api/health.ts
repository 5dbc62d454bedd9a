/**
 * Reduces a `/v1/health` answer (§3.11, Meta's On-Premise schema) to one gateway status for a card.
 * Single node: `{health: {gateway_status}}`; multi-node: `{health: {"<host>": {gateway_status, role}}}`.
 * The whole of `health` is typed loosely by every public client, so anything else becomes "unknown"
 * instead of an error.
 */
import { z } from 'zod';

export const GATEWAY_STATUSES = ['connected', 'connecting', 'disconnected', 'uninitialized', 'unregistered'] as const;
export type GatewayStatus = (typeof GATEWAY_STATUSES)[number] | 'unknown';

export interface HealthNode {
  /** The `<host:container>` key in multi-node answers; null for a single node. */
  host: string | null;
  role: string | null;
  status: GatewayStatus;
  /** The value as sent, kept when it is not one of the known statuses. */
  rawStatus: string | null;
}

export interface HealthSummary {
  /** Worst status over all nodes: one disconnected node is enough to need a look. */
  status: GatewayStatus;
  nodes: HealthNode[];
  raw: unknown;
}

const NodeSchema = z.looseObject({ gateway_status: z.string().nullish(), role: z.string().nullish() });
const HealthBody = z.looseObject({ health: z.record(z.string(), z.unknown()) });

// Higher is worse; "unknown" sits below the definite failures so they still show.
const SEVERITY: Record<GatewayStatus, number> = { connected: 0, connecting: 1, unknown: 2, disconnected: 3, uninitialized: 4, unregistered: 5 };

function known(value: string | null | undefined): GatewayStatus {
  const lower = value?.trim().toLowerCase();
  return (GATEWAY_STATUSES as readonly string[]).includes(lower ?? '') ? (lower as GatewayStatus) : 'unknown';
}

export function summarizeHealth(raw: unknown): HealthSummary {
  const body = HealthBody.safeParse(raw);
  if (!body.success) return { status: 'unknown', nodes: [], raw };
  const health = body.data.health;
  const nodes: HealthNode[] = [];
  const single = NodeSchema.safeParse(health);
  if (single.success && single.data.gateway_status != null) {
    nodes.push({ host: null, role: single.data.role ?? null, status: known(single.data.gateway_status), rawStatus: single.data.gateway_status });
  } else {
    for (const [host, value] of Object.entries(health)) {
      const node = NodeSchema.safeParse(value);
      if (!node.success || node.data.gateway_status == null) continue;
      nodes.push({ host, role: node.data.role ?? null, status: known(node.data.gateway_status), rawStatus: node.data.gateway_status });
    }
  }
  const status = nodes.reduce<GatewayStatus | null>((worst, n) => (worst === null || SEVERITY[n.status] > SEVERITY[worst] ? n.status : worst), null);
  return { status: status ?? 'unknown', nodes, raw };
}
