/**
 * The offline outbox: queued user actions (cancel a channel, change a client's channel limit,
 * generate a channel API key, check a channel's health), persisted with their optimistic effect,
 * replayed exactly once when the connection returns, with results classified and conflicts shown.
 */
export { ChannelChecks, CLIPBOARD_CLEAR_MS } from './channel-checks';
export { ChannelKeyStore, fingerprintOf } from './channel-keys';
export { HEALTH_INTERVAL_MS, HealthStore } from './health-store';
export { LocalRecords } from './local-records';
export { OutboxLease } from './outbox-lease';
export { OutboxRunner, type FlushReport } from './outbox-runner';
export { OutboxService } from './outbox-service';
export { OutboxStore } from './outbox-store';
