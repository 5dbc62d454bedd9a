/**
 * Picks the records a journey needs from whatever the simulated Hub generated, instead of naming
 * them: the demo data is seeded but its generator evolves, and a test that hard-codes "Müller &
 * Söhne e.K." breaks the day the generator changes. Setup only: the journey itself then works
 * through the UI with the names found here.
 */
import type { ChannelListItem, ChannelPage, ClientListItem, ClientPage } from '@shared/accounts';
import type { ChannelTemplates } from '@shared/insights';
import type { DemoServer } from './demo-server';
import type { WebApp } from './web-app';

export interface JourneyTargets {
  /** A direct-payment client whose name has an umlaut, with a channel that has templates. */
  client: { id: string; name: string; email: string | null; maxChannels: number | null };
  /** The word of the client's name with the umlaut, lower-cased: what the user types. */
  fragment: string;
  /** That client's channel to open, cancel, and read templates of. */
  channel: ChannelListItem;
  /** A live channel of another client, for "a colleague cancels it in the Hub", and that client's name. */
  other: ChannelListItem;
  otherClientName: string;
}

const UMLAUT = /[äöüÄÖÜ]/;
const CANCELLABLE = new Set(['pending_deletion', 'draft']);

async function value<T>(promise: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** A channel's templates once the background refresh the first read starts has ended. */
async function settledTemplates(app: WebApp, channelId: string): Promise<ChannelTemplates> {
  for (let i = 0; i < 200; i += 1) {
    const templates = await value(app.request<ChannelTemplates>('channels.templates', { id: channelId }));
    if (!templates.refreshing) return templates;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`The templates of ${channelId} kept refreshing.`);
}

export async function findJourneyTargets(app: WebApp, hub: DemoServer): Promise<JourneyTargets> {
  const clients = await value(app.request<ClientPage>('clients.list', { limit: 1000 }));
  const candidates = clients.items.filter((c) => UMLAUT.test(c.name) && c.channelCount > 0);
  let probes = 0;
  for (const client of candidates) {
    // The balance endpoint answers only for direct-payment clients; it allows 5 calls per 30 s.
    if (++probes % 5 === 0) await hub.advanceClock(31_000);
    const balance = await hub.partnerRequest('GET', `/clients/${client.id}/info/balance`);
    if (!balance.ok) continue;
    const channels = await value(app.request<ChannelPage>('channels.list', { clientId: client.id, limit: 100 }));
    for (const channel of channels.items.filter((c) => !CANCELLABLE.has(c.status.state.id) && c.phoneE164)) {
      const templates = await settledTemplates(app, channel.id);
      if (templates.items.length < 2) continue;
      const live = await value(app.request<ChannelPage>('channels.list', { states: ['live'], limit: 200 }));
      const other = live.items.find((c) => c.clientId !== client.id && c.clientId !== null && !UMLAUT.test(c.companyName ?? ''));
      if (!other) continue;
      const otherClient = await value(app.request<ClientListItem>('clients.get', { id: other.clientId ?? '' }));
      const word = client.name.split(/\s+/).find((w) => UMLAUT.test(w)) ?? client.name;
      // Leave the app its full balance quota for the journey itself.
      await hub.advanceClock(31_000);
      return {
        client: { id: client.id, name: client.name, email: client.email, maxChannels: client.maxChannels },
        fragment: word.toLowerCase().replace(/[^\p{L}\p{N}]/gu, ''),
        channel,
        other,
        otherClientName: otherClient.name,
      };
    }
  }
  throw new Error(`No direct-payment client with an umlaut and templates among ${candidates.length} candidates.`);
}
