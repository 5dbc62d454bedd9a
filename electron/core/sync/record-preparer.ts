/**
 * The per-record work of a sync, done as each page arrives while the next pages are still on the
 * network. Each page's parsed objects are replaced at once by compact prepared records (the raw JSON
 * text, its hash and, for a record that changed since the last sync, its validated row parts), so the
 * parsed pages are garbage before the listing ends instead of living on until the write.
 *
 * Hash first: a record whose raw hash equals the stored one is not validated or derived here at all;
 * it passed validation when it was stored and nothing about it changed. Should the write phase find
 * that it must be rewritten after all (its client was renamed, or another writer changed the stored
 * row since the listing began), the work is done then, from the raw text. Nothing is written here: an
 * interrupted sync still changes nothing.
 */
import { pick } from '@shared/status/pick';
import { parseChannel, parseClient, type FetchPage } from '../api';
import { channelOwn, clientRow, clientSummary, contentHash, type ChannelOwn, type ClientSummary } from './record-rows';
import type { RecordRow } from '../store/record-tables';

export type Outcome<T> = { ok: true; value: T } | { ok: false; reason: string };

export class PreparedClient {
  /** Validated and turned into a row: at once when the record changed, else only if it must be written. */
  row: Outcome<RecordRow> | undefined;
  constructor(
    readonly id: string | null,
    readonly raw: string,
    readonly hash: string,
    /** What the client's channels show of it, read from the record without validating it. */
    readonly summary: ClientSummary | null,
  ) {}
}

export class PreparedChannel {
  /** Validated and derived: at once when the record changed, else only if it must be written. */
  own: Outcome<ChannelOwn> | undefined;
  constructor(
    readonly id: string | null,
    readonly raw: string,
    readonly rawHash: string,
    readonly clientId: string | null,
  ) {}
}

/** Stored hashes by record id, read before the listing: they decide which records to prepare early. */
export interface KnownHashes {
  clients: ReadonlyMap<string, string>;
  /** The raw record's part of each channel's stored hash (see `rawHashOf`). */
  channels: ReadonlyMap<string, string>;
}

export function rawText(item: unknown): string {
  return JSON.stringify(item) ?? 'null';
}

export function idOf(item: unknown): string | null {
  const id = pick(item, 'id');
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
}

export class RecordPreparer {
  constructor(private readonly known: KnownHashes = { clients: new Map(), channels: new Map() }) {}

  /**
   * A listing's item as a prepared client (items of a listing fetched through `clientPages` already
   * are). `text`: the item's JSON as the server sent it, if known (else the item is serialised).
   */
  client(item: unknown, text?: string): PreparedClient {
    if (item instanceof PreparedClient) return item;
    const raw = text ?? rawText(item);
    const id = idOf(item);
    const prepared = new PreparedClient(id, raw, contentHash(raw), id === null ? null : clientSummary(item, id));
    if (id === null || this.known.clients.get(id) !== prepared.hash) this.validateClient(prepared, item);
    return prepared;
  }

  channel(item: unknown, text?: string): PreparedChannel {
    if (item instanceof PreparedChannel) return item;
    const raw = text ?? rawText(item);
    const id = idOf(item);
    const clientId = pick(item, 'client_id');
    const prepared = new PreparedChannel(id, raw, contentHash(raw), typeof clientId === 'string' ? clientId : null);
    if (id === null || this.known.channels.get(id) !== prepared.rawHash) this.validateChannel(prepared, item);
    return prepared;
  }

  /** The client's row, validating it now if that was left for later. */
  clientRow(prepared: PreparedClient): Outcome<RecordRow> {
    return prepared.row ?? this.validateClient(prepared, JSON.parse(prepared.raw));
  }

  /** The channel's own row part and derived status, validating it now if that was left for later. */
  channelOwn(prepared: PreparedChannel): Outcome<ChannelOwn> {
    return prepared.own ?? this.validateChannel(prepared, JSON.parse(prepared.raw));
  }

  /** Wraps a page fetcher so each page arrives as prepared clients. */
  clientPages(fetchPage: FetchPage): FetchPage {
    return async (request) => {
      const page = await fetchPage(request);
      const { itemTexts, ...rest } = page;
      return { ...rest, items: page.items.map((item, i) => this.client(item, itemTexts?.[i])) };
    };
  }

  channelPages(fetchPage: FetchPage): FetchPage {
    return async (request) => {
      const page = await fetchPage(request);
      const { itemTexts, ...rest } = page;
      return { ...rest, items: page.items.map((item, i) => this.channel(item, itemTexts?.[i])) };
    };
  }

  private validateClient(prepared: PreparedClient, item: unknown): Outcome<RecordRow> {
    const parsed = parseClient(item);
    prepared.row = parsed.ok
      ? {
          ok: true,
          value: clientRow(
            parsed.value.id,
            parsed.value,
            prepared.raw,
            prepared.hash,
            prepared.summary ?? clientSummary(parsed.value, parsed.value.id),
          ),
        }
      : { ok: false, reason: parsed.reason };
    return prepared.row;
  }

  private validateChannel(prepared: PreparedChannel, item: unknown): Outcome<ChannelOwn> {
    const parsed = parseChannel(item);
    prepared.own = parsed.ok ? { ok: true, value: channelOwn(parsed.value.id, parsed.value) } : { ok: false, reason: parsed.reason };
    return prepared.own;
  }
}
