/**
 * Reduces a channel's health answer (§3.11) to one status for a card, from either API:
 * - Cloud API, `GET {waba-v2}/health_status`: `{health_status: {can_send_message, entities: [{entity_type,
 *   id, can_send_message, errors: [{error_description, possible_solution}]}]}}`; the status is whether
 *   the number can send messages (available, limited, blocked), and each entity (phone number, WABA,
 *   business, app) becomes a node with its first problem.
 * - On-Premise (legacy), `GET {waba}/v1/health`, Meta's schema: `{health: {gateway_status}}`, or per
 *   node `{health: {"<host>": {gateway_status, role}}}`.
 * Both are typed loosely by every public client, so anything else becomes "unknown" instead of an error.
 */
import { z } from 'zod';

export const GATEWAY_STATUSES = ['connected', 'connecting', 'disconnected', 'uninitialized', 'unregistered'] as const;
/** Cloud API's `can_send_message`, lower-cased. */
export const SENDING_STATUSES = ['available', 'limited', 'blocked'] as const;
export type GatewayStatus = (typeof GATEWAY_STATUSES)[number] | (typeof SENDING_STATUSES)[number] | 'unknown';

export interface HealthNode {
  /** The `<host:container>` key in multi-node answers; null for a single node. */
  host: string | null;
  role: string | null;
  status: GatewayStatus;
  /** The value as sent, kept when it is not one of the known statuses. */
  rawStatus: string | null;
  /** Cloud API: the entity's first error and its suggested solution, as the API words them. */
  problem: string | null;
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
const SEVERITY: Record<GatewayStatus, number> = {
  connected: 0,
  available: 0,
  connecting: 1,
  limited: 1,
  unknown: 2,
  disconnected: 3,
  uninitialized: 4,
  unregistered: 5,
  blocked: 5,
};

function known(value: string | null | undefined, statuses: readonly string[] = GATEWAY_STATUSES): GatewayStatus {
  const lower = value?.trim().toLowerCase();
  return statuses.includes(lower ?? '') ? (lower as GatewayStatus) : 'unknown';
}

function worst(nodes: readonly HealthNode[]): GatewayStatus | null {
  return nodes.reduce<GatewayStatus | null>(
    (found, n) => (found === null || SEVERITY[n.status] > SEVERITY[found] ? n.status : found),
    null,
  );
}

const CloudError = z.looseObject({ error_description: z.string().nullish(), possible_solution: z.string().nullish() });
const CloudEntity = z.looseObject({
  entity_type: z.string().nullish(),
  id: z.union([z.string(), z.number()]).nullish(),
  can_send_message: z.string().nullish(),
  errors: z.array(z.unknown()).nullish(),
});
const CloudBody = z.looseObject({
  health_status: z.looseObject({ can_send_message: z.string().nullish(), entities: z.array(z.unknown()).nullish() }),
});

/** A Cloud API entity's first readable problem: "Phone number is not registered. Register it first." */
function firstProblem(errors: readonly unknown[] | null | undefined): string | null {
  for (const item of errors ?? []) {
    const error = CloudError.safeParse(item);
    if (!error.success) continue;
    const parts = [error.data.error_description, error.data.possible_solution].filter(
      (p): p is string => typeof p === 'string' && p.trim() !== '',
    );
    if (parts.length > 0) return parts.map((p) => p.trim()).join(' ');
  }
  return null;
}

/** A Cloud API `/health_status` answer. */
export function summarizeCloudHealth(raw: unknown): HealthSummary {
  const body = CloudBody.safeParse(raw);
  if (!body.success) return { status: 'unknown', nodes: [], raw };
  const nodes: HealthNode[] = [];
  for (const item of body.data.health_status.entities ?? []) {
    const entity = CloudEntity.safeParse(item);
    if (!entity.success) continue;
    const { entity_type: type, id, can_send_message: sending } = entity.data;
    nodes.push({
      host: type ?? null,
      role: id === null || id === undefined ? null : String(id),
      status: known(sending, SENDING_STATUSES),
      rawStatus: sending ?? null,
      problem: firstProblem(entity.data.errors),
    });
  }
  // The overall answer decides; an entity's worse status still shows when the overall one is missing.
  const overall = body.data.health_status.can_send_message;
  const status = overall ? known(overall, SENDING_STATUSES) : (worst(nodes) ?? 'unknown');
  return { status, nodes, raw };
}

/** An On-Premise `/v1/health` answer. */
export function summarizeHealth(raw: unknown): HealthSummary {
  const body = HealthBody.safeParse(raw);
  if (!body.success) return { status: 'unknown', nodes: [], raw };
  const health = body.data.health;
  const nodes: HealthNode[] = [];
  const single = NodeSchema.safeParse(health);
  if (single.success && single.data.gateway_status != null) {
    nodes.push({
      host: null,
      role: single.data.role ?? null,
      status: known(single.data.gateway_status),
      rawStatus: single.data.gateway_status,
      problem: null,
    });
  } else {
    for (const [host, value] of Object.entries(health)) {
      const node = NodeSchema.safeParse(value);
      if (!node.success || node.data.gateway_status == null) continue;
      nodes.push({
        host,
        role: node.data.role ?? null,
        status: known(node.data.gateway_status),
        rawStatus: node.data.gateway_status,
        problem: null,
      });
    }
  }
  return { status: worst(nodes) ?? 'unknown', nodes, raw };
}
