/**
 * The permission_links table: every permission link made (who it is for, when, its state, how it was
 * shared) and what came back. JSON columns are validated when read; a damaged one reads as empty
 * rather than breaking the list.
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { LinkResult, ShareMethod, type PermissionLink } from '@shared/onboarding';
import { parseJsonOr } from '../store/json-column';
import type { LinkCandidate } from './redirect';

const Row = z.object({
  id: z.string(),
  profile_id: z.string(),
  state: z.string().nullable(),
  url: z.string().nullable(),
  origin: z.enum(['link', 'redirect']),
  client_id: z.string().nullable(),
  email: z.string().nullable(),
  name: z.string().nullable(),
  number: z.string().nullable(),
  partner_payload: z.string().nullable(),
  redirect_url: z.string().nullable(),
  language: z.string().nullable(),
  created_at: z.string(),
  shared: z.string(),
  used_at: z.string().nullable(),
  matched_by: z.enum(['redirect', 'sync']).nullable(),
  result: z.string().nullable(),
  notified: z.string(),
});

const Shared = z.array(z.object({ method: ShareMethod, at: z.string() }));
const Ids = z.array(z.string());

export interface StoredLink {
  id: string;
  profileId: string;
  state: string | null;
  url: string | null;
  origin: 'link' | 'redirect';
  clientId: string | null;
  email: string | null;
  name: string | null;
  number: string | null;
  partnerPayload: string | null;
  redirectUrl: string | null;
  language: string | null;
  createdAt: string;
  shared: PermissionLink['shared'];
  usedAt: string | null;
  matchedBy: 'redirect' | 'sync' | null;
  result: LinkResult | null;
  /** Channels whose grant (or revocation) was already announced. */
  notified: string[];
}

export type NewLink = Omit<StoredLink, 'shared' | 'usedAt' | 'matchedBy' | 'result' | 'notified'>;

function parse(raw: unknown): StoredLink {
  const r = Row.parse(raw);
  return {
    id: r.id,
    profileId: r.profile_id,
    state: r.state,
    url: r.url,
    origin: r.origin,
    clientId: r.client_id,
    email: r.email,
    name: r.name,
    number: r.number,
    partnerPayload: r.partner_payload,
    redirectUrl: r.redirect_url,
    language: r.language,
    createdAt: r.created_at,
    shared: Shared.safeParse(parseJsonOr(r.shared, [])).data ?? [],
    usedAt: r.used_at,
    matchedBy: r.matched_by,
    result: r.result === null ? null : (LinkResult.safeParse(parseJsonOr(r.result, null)).data ?? null),
    notified: Ids.safeParse(parseJsonOr(r.notified, [])).data ?? [],
  };
}

export class LinkStore {
  constructor(private readonly db: Database.Database) {}

  insert(link: NewLink): StoredLink {
    this.db
      .prepare(
        `INSERT INTO permission_links (id, profile_id, state, url, origin, client_id, email, name, number, partner_payload, redirect_url, language, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        link.id,
        link.profileId,
        link.state,
        link.url,
        link.origin,
        link.clientId,
        link.email,
        link.name,
        link.number,
        link.partnerPayload,
        link.redirectUrl,
        link.language,
        link.createdAt,
      );
    return this.require(link.profileId, link.id);
  }

  get(profileId: string, id: string): StoredLink | null {
    const row = this.db.prepare('SELECT * FROM permission_links WHERE profile_id = ? AND id = ?').get(profileId, id);
    return row ? parse(row) : null;
  }

  require(profileId: string, id: string): StoredLink {
    const link = this.get(profileId, id);
    if (!link) throw new Error(`permission link ${id} vanished`);
    return link;
  }

  /** Newest first. */
  list(profileId: string, limit: number): StoredLink[] {
    return this.db
      .prepare('SELECT * FROM permission_links WHERE profile_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?')
      .all(profileId, limit)
      .map(parse);
  }

  /** Links still waiting for an answer, oldest first. */
  open(profileId: string): StoredLink[] {
    return this.db
      .prepare("SELECT * FROM permission_links WHERE profile_id = ? AND used_at IS NULL AND origin = 'link' ORDER BY created_at")
      .all(profileId)
      .map(parse);
  }

  candidates(profileId: string): LinkCandidate[] {
    const rows = this.db
      .prepare('SELECT id, state, client_id, used_at, created_at FROM permission_links WHERE profile_id = ?')
      .all(profileId) as Array<{
      id: string;
      state: string | null;
      client_id: string | null;
      used_at: string | null;
      created_at: string;
    }>;
    return rows.map((r) => ({
      id: r.id,
      state: r.state,
      clientId: r.client_id,
      status: r.used_at === null ? 'open' : 'used',
      createdAt: r.created_at,
    }));
  }

  recordShared(profileId: string, id: string, method: PermissionLink['shared'][number]['method'], at: string): StoredLink {
    const link = this.require(profileId, id);
    // One entry per method: the first time it was shared that way is what matters.
    if (!link.shared.some((s) => s.method === method)) {
      this.db.prepare('UPDATE permission_links SET shared = ? WHERE id = ?').run(JSON.stringify([...link.shared, { method, at }]), id);
    }
    return this.require(profileId, id);
  }

  /** What came back: a redirect (replacing an earlier one: channels are those of the last visit) or a sync's match. */
  recordResult(profileId: string, id: string, result: LinkResult, matchedBy: 'redirect' | 'sync', at: string): StoredLink {
    this.db
      .prepare('UPDATE permission_links SET result = ?, matched_by = ?, used_at = coalesce(used_at, ?) WHERE profile_id = ? AND id = ?')
      .run(JSON.stringify(result), matchedBy, at, profileId, id);
    return this.require(profileId, id);
  }

  markNotified(profileId: string, id: string, channelIds: readonly string[]): void {
    const link = this.require(profileId, id);
    const all = [...new Set([...link.notified, ...channelIds])];
    this.db.prepare('UPDATE permission_links SET notified = ? WHERE profile_id = ? AND id = ?').run(JSON.stringify(all), profileId, id);
  }
}
