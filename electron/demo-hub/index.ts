/**
 * The simulated 360dialog Partner Hub: seeded data, the Partner API and channel-level Messaging API,
 * fault switches and request counters, in-process (demo mode) or over HTTP (tests, CLI).
 */
export { createDemoHub, DEMO_HUB_IN_PROCESS_ORIGIN, type DemoClock, type DemoHub, type DemoHubOptions } from './hub';
export { startDemoHubServer, type DemoHubServer } from './server';
export { FaultConfig, FaultSwitches, type FaultSnapshot } from './faults';
export { HubStats, type HubStatsSnapshot, type MutationLogEntry } from './stats';
export type { ChannelPatch, ClientPatch, HubState, PartnerPatch } from './hub-state';
export { HEALTH_CACHE_MS } from './messaging-routes';
export {
  CHANNEL_STATUSES,
  CLASSIC_STATUSES,
  FB_ACCOUNT_STATUSES,
  GATEWAY_STATUSES,
  MESSAGING_LIMITS,
  OBO_STATUSES,
  QUALITY_RATINGS,
  TEMPLATE_CATEGORIES,
  TEMPLATE_STATUSES,
  WABA_STATUSES,
} from './vocabulary';
export type { DemoChannel, DemoClient, DemoPartner, DemoTemplate } from './types';
