/**
 * The names of the contract's requests and events, without their schemas. The sandboxed preload
 * checks names before anything reaches IPC and must stay small: importing the contract itself would
 * bundle zod and every schema into it (214 KB). shared/contract.ts fails to compile when these lists
 * and its declarations differ, so a request added there must be named here too.
 */
export const REQUEST_NAME_LIST = [
  'app.info',
  'app.updateStatus',
  'app.checkForUpdates',
  'app.installUpdate',
  'app.revealDataFolder',
  'session.get',
  'session.signIn',
  'session.startDemo',
  'session.switchProfile',
  'session.refresh',
  'session.signOut',
  'session.networkChanged',
  'sync.now',
  'sync.status',
  'channels.list',
  'channels.get',
  'clients.list',
  'clients.get',
  'clients.balance',
  'channels.templates',
  'insights.cancel',
  'notifications.list',
  'notifications.markRead',
  'export.channels',
  'export.reveal',
  'actions.preview',
  'actions.cancelChannel',
  'actions.setMaxChannels',
  'actions.generateApiKey',
  'outbox.list',
  'outbox.retry',
  'outbox.cancel',
  'outbox.push',
  'channels.health',
  'channels.apiKey',
  'channels.copyApiKey',
  'partner.settings',
  'actions.setPartnerSettings',
  'actions.withdrawCancellation',
  'actions.setPartnerPayload',
  'onboarding.createLink',
  'onboarding.links',
  'onboarding.link',
  'onboarding.markShared',
  'onboarding.readRedirect',
  'store.status',
  'store.repair',
  'channels.history',
  'channels.counts',
  'channels.ids',
  'book.overview',
  'actions.bulkPreview',
  'actions.bulk',
] as const;

export const EVENT_NAME_LIST = [
  'session.changed',
  'sync.status',
  'notifications.changed',
  'app.command',
  'app.update',
  'outbox.changed',
  'insights.changed',
  'onboarding.changed',
  'store.changed',
] as const;

const requestNames: ReadonlySet<string> = new Set(REQUEST_NAME_LIST);
const eventNames: ReadonlySet<string> = new Set(EVENT_NAME_LIST);

export function isRequestName(name: unknown): name is (typeof REQUEST_NAME_LIST)[number] {
  return typeof name === 'string' && requestNames.has(name);
}

export function isEventName(name: unknown): name is (typeof EVENT_NAME_LIST)[number] {
  return typeof name === 'string' && eventNames.has(name);
}
