/**
 * The last health answer per channel, and when a check was last sent. The 5-minute rule (§3.11:
 * "do not call more than once every 5 minutes") must hold across restarts and across processes (the
 * CLI is a new process each time), so it counts from `requested_at` in the database, written before
 * a request goes out; the in-memory limiter of the channel API is only a second guard.
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { ActionError, HealthNode } from '@shared/outbox';
import { parseJsonOr } from '../store/json-column';
import { durably } from './outbox-store';

export const HEALTH_INTERVAL_MS = 5 * 60_000;

const SENDING_TEXT: Record<string, string> = {
  available: 'the number can send messages',
  limited: 'sending messages is limited',
  blocked: 'sending messages is blocked',
};

/** A health answer in words: Cloud API "sending messages is limited", On-Premise "gateway connected". */
export function healthAnswerText(status: string, phoneNumber: string | null): string {
  const health = SENDING_TEXT[status.toLowerCase()] ?? `gateway ${status}`;
  return `${health}${phoneNumber ? `, number +${phoneNumber}` : ''}`;
}

const Row = z.object({
  requested_at: z.number().int().nullable(),
  checked_at: z.number().int().nullable(),
  gateway_status: z.string().nullable(),
  nodes: z.string().nullable(),
  phone_number: z.string().nullable(),
  error: z.string().nullable(),
});

export interface HealthRecord {
  requestedAt: number | null;
  checkedAt: number | null;
  gatewayStatus: string | null;
  nodes: HealthNode[];
  phoneNumber: string | null;
  lastError: ActionError | null;
}

export interface HealthAnswer {
  checkedAt: number;
  gatewayStatus: string;
  nodes: HealthNode[];
  phoneNumber: string | null;
  /** The phone-number check may fail while health answered; kept beside the answer. */
  error: ActionError | null;
}

export class HealthStore {
  constructor(private readonly db: Database.Database) {}

  get(profileId: string, channelId: string): HealthRecord | null {
    const row = Row.safeParse(
      this.db
        .prepare(
          'SELECT requested_at, checked_at, gateway_status, nodes, phone_number, error FROM health_checks WHERE profile_id = ? AND channel_id = ?',
        )
        .get(profileId, channelId),
    );
    if (!row.success) return null;
    const nodes = z.array(HealthNode).safeParse(parseJsonOr(row.data.nodes, []));
    const error = ActionError.safeParse(parseJsonOr(row.data.error, null));
    return {
      requestedAt: row.data.requested_at,
      checkedAt: row.data.checked_at,
      gatewayStatus: row.data.gateway_status,
      nodes: nodes.success ? nodes.data : [],
      phoneNumber: row.data.phone_number,
      lastError: error.success ? error.data : null,
    };
  }

  /** The earliest moment another check may be sent, or null if none was ever sent. */
  nextCheckAt(record: HealthRecord | null): number | null {
    const last = Math.max(record?.requestedAt ?? -Infinity, record?.checkedAt ?? -Infinity);
    return Number.isFinite(last) ? last + HEALTH_INTERVAL_MS : null;
  }

  /** Notes (durably) that a check is about to go out; returns the previous value, to give back if it never left. */
  markRequested(profileId: string, channelId: string, at: number): number | null {
    return durably(this.db, () =>
      this.db
        .transaction(() => {
          const previous = this.get(profileId, channelId)?.requestedAt ?? null;
          this.db
            .prepare(
              'INSERT INTO health_checks (profile_id, channel_id, requested_at) VALUES (?, ?, ?) ON CONFLICT (profile_id, channel_id) DO UPDATE SET requested_at = excluded.requested_at',
            )
            .run(profileId, channelId, at);
          return previous;
        })
        .immediate(),
    );
  }

  /** The check never reached the server (offline): it does not use up the channel's 5 minutes. */
  restoreRequested(profileId: string, channelId: string, previous: number | null): void {
    this.db
      .prepare('UPDATE health_checks SET requested_at = ? WHERE profile_id = ? AND channel_id = ?')
      .run(previous, profileId, channelId);
  }

  /** Call inside the transaction that marks the check done. */
  writeAnswer(db: Database.Database, profileId: string, channelId: string, answer: HealthAnswer): void {
    db.prepare(
      `INSERT INTO health_checks (profile_id, channel_id, requested_at, checked_at, gateway_status, nodes, phone_number, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (profile_id, channel_id) DO UPDATE SET checked_at = excluded.checked_at, gateway_status = excluded.gateway_status,
         nodes = excluded.nodes, phone_number = excluded.phone_number, error = excluded.error`,
    ).run(
      profileId,
      channelId,
      answer.checkedAt,
      answer.checkedAt,
      answer.gatewayStatus,
      JSON.stringify(answer.nodes),
      answer.phoneNumber,
      answer.error ? JSON.stringify(answer.error) : null,
    );
  }

  /** A failed check keeps the previous answer and notes why it failed. */
  writeError(profileId: string, channelId: string, error: ActionError): void {
    this.db
      .prepare('UPDATE health_checks SET error = ? WHERE profile_id = ? AND channel_id = ?')
      .run(JSON.stringify(error), profileId, channelId);
  }
}
