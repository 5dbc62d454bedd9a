/**
 * The typed face of the hub's data for tests and demo tooling: read records, and change them "as if
 * done elsewhere" (in the 360 Client Hub, by Meta, by another partner user). Reads return copies so a
 * test cannot change the hub behind its caches; changes bump `modified_at` like the real service.
 */
import { makeChannel } from './generate-channels';
import { makeClient } from './generate-clients';
import type { HubStore } from './hub-store';
import { LOCALES, type Locale } from './locales';
import { isoSeconds, Rng } from './prng';
import type { ChannelEntry, ClientEntry, DemoChannel, DemoClient, DemoPartner } from './types';

export type ClientPatch = Partial<Omit<DemoClient, 'id'>>;
export type ChannelPatch = Partial<Omit<DemoChannel, 'id' | 'client_id' | 'client'>>;

export type PartnerPatch = Partial<
  Pick<DemoPartner, 'webhook_url' | 'partner_redirect_url' | 'allow_client_to_add_phone_no' | 'brand_name'>
>;

export interface HubState {
  readonly partner: DemoPartner;
  /** Changes the partner's settings, as in the Partner Hub's Integration tab (or `PATCH /partners/{pid}`). */
  updatePartner(patch: PartnerPatch): DemoPartner;
  /** Increases on every change; handy to assert that something did (not) change. */
  readonly version: number;
  clientCount(): number;
  channelCount(): number;
  getClient(id: string): DemoClient | undefined;
  getChannel(id: string): DemoChannel | undefined;
  listClients(): DemoClient[];
  /** All channels, or those of one client. */
  listChannels(clientId?: string): DemoChannel[];
  isDirectPayment(clientId: string): boolean;
  setDirectPayment(clientId: string, direct: boolean): void;
  hasApiKeyPermission(channelId: string): boolean;
  setApiKeyPermission(channelId: string, shared: boolean): void;
  /** The channel's latest generated D360-API-KEY, or null if none was generated. */
  currentApiKey(channelId: string): string | null;
  updateClient(clientId: string, patch: ClientPatch): DemoClient;
  setMaxChannels(clientId: string, maxChannels: number): DemoClient;
  updateChannel(channelId: string, patch: ChannelPatch): DemoChannel;
  /** Sets `terminated_at` (pending deletion), as if cancelled in the Client Hub. */
  cancelChannel(channelId: string): DemoChannel;
  revokeCancellation(channelId: string): DemoChannel;
  addClient(patch?: ClientPatch): DemoClient;
  addChannel(clientId: string, patch?: ChannelPatch): DemoChannel;
  removeChannel(channelId: string): boolean;
  /** Removes the client and its channels. */
  removeClient(clientId: string): boolean;
}

function copy<T>(value: T): T {
  return structuredClone(value);
}

export class DemoHubState implements HubState {
  private readonly rng: Rng;
  private added = 0;

  constructor(
    readonly store: HubStore,
    private readonly now: () => number,
  ) {
    this.rng = Rng.for(store.seed, 'runtime-records');
  }

  get partner(): DemoPartner {
    return copy(this.store.partner);
  }

  get version(): number {
    return this.store.version;
  }

  updatePartner(patch: PartnerPatch): DemoPartner {
    Object.assign(this.store.partner, copy(patch));
    this.store.version++;
    return copy(this.store.partner);
  }

  clientCount(): number {
    return this.store.clientList().length;
  }

  channelCount(): number {
    return this.store.channelList().length;
  }

  getClient(id: string): DemoClient | undefined {
    const entry = this.store.client(id);
    return entry && copy(entry.record);
  }

  getChannel(id: string): DemoChannel | undefined {
    const entry = this.store.channel(id);
    return entry && copy(entry.record);
  }

  listClients(): DemoClient[] {
    return this.store.clientList().map((e) => copy(e.record));
  }

  listChannels(clientId?: string): DemoChannel[] {
    const entries = clientId === undefined ? this.store.channelList() : this.store.channelsOf(clientId);
    return entries.map((e) => copy(e.record));
  }

  isDirectPayment(clientId: string): boolean {
    return this.clientEntry(clientId).directPayment;
  }

  setDirectPayment(clientId: string, direct: boolean): void {
    this.clientEntry(clientId).directPayment = direct;
  }

  hasApiKeyPermission(channelId: string): boolean {
    return this.channelEntry(channelId).apiKeyPermission;
  }

  setApiKeyPermission(channelId: string, shared: boolean): void {
    this.channelEntry(channelId).apiKeyPermission = shared;
  }

  currentApiKey(channelId: string): string | null {
    return this.channelEntry(channelId).apiKey;
  }

  updateClient(clientId: string, patch: ClientPatch): DemoClient {
    const entry = this.clientEntry(clientId);
    Object.assign(entry.record, copy(patch));
    if (patch.modified_at === undefined) entry.record.modified_at = this.bumped(entry.record.modified_at);
    this.store.touchClient(entry);
    return copy(entry.record);
  }

  setMaxChannels(clientId: string, maxChannels: number): DemoClient {
    return this.updateClient(clientId, { max_channels: maxChannels });
  }

  updateChannel(channelId: string, patch: ChannelPatch): DemoChannel {
    const entry = this.channelEntry(channelId);
    const previousWaba = entry.record.waba_account?.id ?? null;
    Object.assign(entry.record, copy(patch));
    if (patch.modified_at === undefined) entry.record.modified_at = this.bumped(entry.record.modified_at);
    this.store.touchChannel(entry, previousWaba);
    return copy(entry.record);
  }

  cancelChannel(channelId: string): DemoChannel {
    return this.updateChannel(channelId, { terminated_at: isoSeconds(this.now()) });
  }

  revokeCancellation(channelId: string): DemoChannel {
    return this.updateChannel(channelId, { terminated_at: null });
  }

  addClient(patch: ClientPatch = {}): DemoClient {
    const generated = makeClient(this.rng, 100_000 + this.added++, this.store.clientIds, this.now());
    Object.assign(generated.entry.record, copy(patch));
    this.store.insertClient(generated.entry);
    return copy(generated.entry.record);
  }

  addChannel(clientId: string, patch: ChannelPatch = {}): DemoChannel {
    const owner = this.clientEntry(clientId);
    const createdMs = this.now();
    const locale: Locale = LOCALES.find((l) => l.country === owner.record.contact_info?.country) ?? (LOCALES[0] as Locale);
    const wabas = this.store.channelsOf(clientId).flatMap((c) => (c.record.waba_account ? [c.record.waba_account] : []));
    // Index past the curated range so runtime channels are drawn by weight, not walked.
    const entry = makeChannel(
      this.rng,
      { entry: owner, locale, channelWeight: 1, createdMs },
      1_000_000 + this.added++,
      this.store.ids,
      wabas,
      createdMs,
    );
    entry.record.modified_at = isoSeconds(createdMs);
    Object.assign(entry.record, copy(patch));
    this.store.insertChannel(entry);
    return copy(entry.record);
  }

  removeChannel(channelId: string): boolean {
    const entry = this.store.channel(channelId);
    if (!entry) return false;
    this.store.deleteChannel(entry);
    return true;
  }

  removeClient(clientId: string): boolean {
    const entry = this.store.client(clientId);
    if (!entry) return false;
    this.store.deleteClient(entry);
    return true;
  }

  /** A newer `modified_at` even if the injected clock runs behind the generated history. */
  bumped(previousIso: string): string {
    const previous = Date.parse(previousIso);
    return isoSeconds(Number.isNaN(previous) ? this.now() : Math.max(this.now(), previous + 1000));
  }

  clientEntry(id: string): ClientEntry {
    const entry = this.store.client(id);
    if (!entry) throw new Error(`Demo hub has no client ${id}`);
    return entry;
  }

  channelEntry(id: string): ChannelEntry {
    const entry = this.store.channel(id);
    if (!entry) throw new Error(`Demo hub has no channel ${id}`);
    return entry;
  }
}
