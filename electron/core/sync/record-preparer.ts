/**
 * The per-record work of a sync (serialise, hash, validate, derive the status) done as each page
 * arrives, while the next pages are still on the network, instead of all at once after the last
 * one. Results are memoised per item object, so the write phase only looks them up. Nothing is
 * written here: an interrupted sync still changes nothing.
 */
import { deriveChannelStatus, type DerivedChannelStatus } from '../../../shared/status';
import { pick, pickText } from '../../../shared/status/pick';
import { parseChannel, parseClient, type Channel, type Client, type FetchPage, type ParseResult } from '../api';
import { clientSummary, contentHash, type ClientSummary } from './record-rows';

export interface PreparedClient {
  raw: string;
  hash: string;
  id: string | null;
  parsed: ParseResult<Client>;
  summary: ClientSummary | null;
}

export interface PreparedChannel {
  raw: string;
  id: string | null;
  clientId: string | null;
  parsed: ParseResult<Channel>;
  derived: DerivedChannelStatus | null;
}

export function rawText(item: unknown): string {
  return JSON.stringify(item) ?? 'null';
}

export function idOf(item: unknown): string | null {
  const id = pick(item, 'id');
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
}

export class RecordPreparer {
  private readonly clients = new WeakMap<object, PreparedClient>();
  private readonly channels = new WeakMap<object, PreparedChannel>();

  client(item: unknown): PreparedClient {
    const cached = isObject(item) ? this.clients.get(item) : undefined;
    if (cached) return cached;
    const raw = rawText(item);
    const parsed = parseClient(item);
    const prepared: PreparedClient = {
      raw,
      hash: contentHash(raw),
      id: idOf(item),
      parsed,
      summary: parsed.ok ? clientSummary(parsed.value, parsed.value.id) : null,
    };
    if (isObject(item)) this.clients.set(item, prepared);
    return prepared;
  }

  channel(item: unknown): PreparedChannel {
    const cached = isObject(item) ? this.channels.get(item) : undefined;
    if (cached) return cached;
    const parsed = parseChannel(item);
    const prepared: PreparedChannel = {
      raw: rawText(item),
      id: idOf(item),
      clientId: pickText(item, 'client_id'),
      parsed,
      derived: parsed.ok ? deriveChannelStatus(parsed.value) : null,
    };
    if (isObject(item)) this.channels.set(item, prepared);
    return prepared;
  }

  /** Wraps a page fetcher so every page's clients are prepared as soon as the page arrives. */
  clientPages(fetchPage: FetchPage): FetchPage {
    return async (request) => {
      const page = await fetchPage(request);
      for (const item of page.items) this.client(item);
      return page;
    };
  }

  channelPages(fetchPage: FetchPage): FetchPage {
    return async (request) => {
      const page = await fetchPage(request);
      for (const item of page.items) this.channel(item);
      return page;
    };
  }
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}
