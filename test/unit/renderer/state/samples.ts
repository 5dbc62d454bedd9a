/** Contract-valid sample values for the workspace store tests. */
import type { ChannelListItem, NotificationItem, SyncStatus } from '@shared/accounts';
import type { OutboxAction, OutboxStatus } from '@shared/outbox';
import { deriveChannelStatus } from '@shared/status';

export function syncStatus(overrides: Partial<SyncStatus> = {}): SyncStatus {
  return {
    profileId: 'p1',
    state: 'succeeded',
    phase: 'idle',
    done: 0,
    total: null,
    lastSucceededAt: '2025-06-18T10:00:00.000Z',
    lastAttemptAt: '2025-06-18T10:00:00.000Z',
    error: null,
    counts: { clients: 120, channels: 200 },
    ...overrides,
  };
}

export function channel(id: string, overrides: Partial<ChannelListItem> = {}): ChannelListItem {
  return {
    id,
    clientId: 'c1',
    companyName: 'Müller & Söhne GmbH',
    displayName: 'Müller Support',
    phoneNumber: '4930123456',
    phoneE164: '+4930123456',
    email: 'info@mueller.example',
    status: deriveChannelStatus({ id, account_mode: 'live', status: 'ready', setup_info: { phone_number: '4930123456' } }),
    createdAt: '2024-01-01T00:00:00Z',
    syncedAt: '2025-06-18T10:00:00.000Z',
    removedAt: null,
    ...overrides,
  };
}

export function notification(id: number, clientId: string | null, createdAt: string, readAt: string | null = null): NotificationItem {
  return {
    id,
    createdAt,
    clientId,
    channelId: `ch${id}`,
    title: `Acme ${id} +4930123456`,
    body: 'Channel state: Draft → Live',
    changes: [{ field: 'state', from: 'Draft', to: 'Live' }],
    readAt,
  };
}

export function outboxStatus(overrides: Partial<OutboxStatus['counts']> = {}, online: boolean | null = true): OutboxStatus {
  return {
    profileId: 'p1',
    counts: { queued: 0, sending: 0, done: 0, failed: 0, conflict: 0, cancelled: 0, ...overrides },
    paused: null,
    online,
    nextAttemptAt: null,
  };
}

export function action(id: string, state: OutboxAction['state'], targetId = 'ch1', createdAt = '2025-06-18T10:00:00.000Z'): OutboxAction {
  return {
    id,
    kind: 'cancel_channel',
    state,
    target: { type: 'channel', id: targetId },
    title: `Cancel ${targetId}`,
    detail: null,
    createdAt,
    updatedAt: createdAt,
    attempts: 0,
    nextAttemptAt: null,
    lastError: null,
    conflict: null,
    outcome: null,
    canRetry: state === 'failed',
    canCancel: state === 'queued' || state === 'failed',
  };
}
