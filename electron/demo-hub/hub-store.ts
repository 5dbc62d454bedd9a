/**
 * The hub's live records and the indexes the routes need (by id, by client, by API key, by WABA).
 * Every change goes through `touch*` so cached JSON, search text and sorted views never go stale.
 */
import { clientSummary, generateChannels, type ChannelIds } from './generate-channels';
import { generateClients } from './generate-clients';
import { Rng } from './prng';
import type { ChannelEntry, ClientEntry, DemoPartner } from './types';

/** Limits partners actually set; a generated client over its limit is raised to the next one. */
const LIMIT_STEPS = [1, 2, 3, 5, 10, 20, 50, 100];

export interface WabaRef {
  namespace: string;
  clientId: string;
  channels: number;
}

export class HubStore {
  readonly partner: DemoPartner;
  readonly ids: ChannelIds = { channels: new Set(), wabas: new Set(), phones: new Set() };
  readonly clientIds = new Set<string>();
  /** Bumped on every change; list views cached under an older version are discarded. */
  version = 0;
  private readonly clients: ClientEntry[] = [];
  private readonly channels: ChannelEntry[] = [];
  private readonly clientById = new Map<string, ClientEntry>();
  private readonly channelById = new Map<string, ChannelEntry>();
  private readonly channelsByClient = new Map<string, ChannelEntry[]>();
  private readonly channelByKey = new Map<string, ChannelEntry>();
  private readonly wabaRefs = new Map<string, WabaRef>();

  constructor(
    readonly seed: number,
    clientCount: number,
    channelCount: number,
    partnerId: string,
  ) {
    this.partner = {
      id: partnerId,
      brand_name: 'Demo Partner GmbH',
      logo_url: null,
      country: 'DE',
      webhook_url: 'https://partner-desk.example/webhooks/360dialog',
      partner_redirect_url: 'https://partner-desk.example/onboarding/done',
      allow_client_to_add_phone_no: true,
      settings: { default_max_channels: 2 },
    };
    const rng = Rng.for(seed, 'data', clientCount, channelCount);
    const generated = generateClients(rng, clientCount, this.clientIds);
    for (const client of generated) this.insertClient(client.entry);
    for (const channel of generateChannels(rng, generated, channelCount, this.ids)) this.insertChannel(channel);
    // A client never starts above its own limit; PATCH tests can then push it either way.
    for (const client of this.clients) {
      let active = 0;
      for (const channel of this.channelsByClient.get(client.record.id) ?? []) if (channel.record.terminated_at === null) active++;
      if (active > client.record.max_channels) client.record.max_channels = LIMIT_STEPS.find((n) => n >= active) ?? active;
    }
  }

  clientList(): readonly ClientEntry[] {
    return this.clients;
  }

  channelList(): readonly ChannelEntry[] {
    return this.channels;
  }

  client(id: string): ClientEntry | undefined {
    return this.clientById.get(id);
  }

  channel(id: string): ChannelEntry | undefined {
    return this.channelById.get(id);
  }

  channelsOf(clientId: string): ChannelEntry[] {
    return [...(this.channelsByClient.get(clientId) ?? [])];
  }

  channelForKey(apiKey: string): ChannelEntry | undefined {
    return this.channelByKey.get(apiKey);
  }

  waba(id: string): WabaRef | undefined {
    return this.wabaRefs.get(id);
  }

  insertClient(entry: ClientEntry): void {
    this.clients.push(entry);
    this.clientById.set(entry.record.id, entry);
    this.clientIds.add(entry.record.id);
    this.version++;
  }

  insertChannel(entry: ChannelEntry): void {
    const { record } = entry;
    this.channels.push(entry);
    this.channelById.set(record.id, entry);
    // Generated channels are already in the id sets; channels added later (tests) may not be.
    this.ids.channels.add(record.id);
    this.ids.phones.add(record.setup_info.phone_number);
    const siblings = this.channelsByClient.get(record.client_id);
    if (siblings) siblings.push(entry);
    else this.channelsByClient.set(record.client_id, [entry]);
    this.addWabaRef(entry);
    if (entry.apiKey) this.channelByKey.set(entry.apiKey, entry);
    this.version++;
  }

  deleteChannel(entry: ChannelEntry): void {
    const index = this.channels.indexOf(entry);
    if (index < 0) return;
    this.channels.splice(index, 1);
    this.channelById.delete(entry.record.id);
    const siblings = this.channelsByClient.get(entry.record.client_id);
    const at = siblings ? siblings.indexOf(entry) : -1;
    if (siblings && at >= 0) siblings.splice(at, 1);
    this.dropWabaRef(entry);
    if (entry.apiKey) this.channelByKey.delete(entry.apiKey);
    this.version++;
  }

  deleteClient(entry: ClientEntry): void {
    const index = this.clients.indexOf(entry);
    if (index < 0) return;
    for (const channel of this.channelsOf(entry.record.id)) this.deleteChannel(channel);
    this.clients.splice(index, 1);
    this.clientById.delete(entry.record.id);
    this.channelsByClient.delete(entry.record.id);
    this.version++;
  }

  /** Replaces the channel's key: the previous one stops working at once. */
  setApiKey(entry: ChannelEntry, key: string): void {
    if (entry.apiKey) this.channelByKey.delete(entry.apiKey);
    entry.apiKey = key;
    entry.keyGeneration++;
    this.channelByKey.set(key, entry);
  }

  touchClient(entry: ClientEntry): void {
    entry.json = undefined;
    entry.search = undefined;
    // Channels embed a client summary; keep it in step with the client record.
    for (const channel of this.channelsByClient.get(entry.record.id) ?? []) {
      channel.record.client = clientSummary(entry);
      channel.json = undefined;
      channel.search = undefined;
    }
    this.version++;
  }

  /** Call with the record as it was before the change, so WABA references can be moved. */
  touchChannel(entry: ChannelEntry, previousWabaId?: string | null): void {
    entry.json = undefined;
    entry.search = undefined;
    if (previousWabaId !== undefined && previousWabaId !== (entry.record.waba_account?.id ?? null)) {
      if (previousWabaId) this.releaseWaba(previousWabaId);
      this.addWabaRef(entry);
    }
    this.version++;
  }

  private addWabaRef(entry: ChannelEntry): void {
    const waba = entry.record.waba_account;
    if (!waba) return;
    const ref = this.wabaRefs.get(waba.id);
    if (ref) ref.channels++;
    else this.wabaRefs.set(waba.id, { namespace: waba.namespace, clientId: waba.client_id, channels: 1 });
    this.ids.wabas.add(waba.id);
  }

  private dropWabaRef(entry: ChannelEntry): void {
    const id = entry.record.waba_account?.id;
    if (id) this.releaseWaba(id);
  }

  private releaseWaba(id: string): void {
    const ref = this.wabaRefs.get(id);
    if (!ref) return;
    ref.channels--;
    if (ref.channels <= 0) this.wabaRefs.delete(id);
  }
}
