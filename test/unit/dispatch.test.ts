import { describe, expect, it, vi } from 'vitest';
import { createDispatch, type Handlers } from '@shared/dispatch';
import { AppError } from '@shared/errors';
import { REQUEST_NAMES, requests, type SessionState } from '@shared/contract';
import type { SyncStatus } from '@shared/accounts';
import type { UpdateState } from '@shared/shell';
import type { OutboxStatus } from '@shared/outbox';
import { signedOut } from './renderer/fixtures';

const state: SessionState = signedOut;

const syncStatus: SyncStatus = {
  profileId: null,
  state: 'idle',
  phase: 'idle',
  done: 0,
  total: null,
  lastSucceededAt: null,
  lastAttemptAt: null,
  error: null,
  counts: { clients: 0, channels: 0 },
};

const update: UpdateState = {
  status: 'unsupported',
  currentVersion: '1',
  version: null,
  releaseNotes: null,
  progress: null,
  message: null,
  checkedAt: null,
};

const outbox: OutboxStatus = {
  profileId: null,
  counts: { queued: 0, sending: 0, done: 0, failed: 0, conflict: 0, cancelled: 0 },
  paused: null,
  online: null,
  nextAttemptAt: null,
};

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const base: Handlers = {
    'app.info': () => ({ name: 'Partner Desk', version: '1', runMode: 'web', dataDir: '/tmp/x', keychainAvailable: true, notices: [] }),
    'app.updateStatus': () => update,
    'app.checkForUpdates': () => update,
    'app.installUpdate': () => ({ accepted: false }),
    'app.revealDataFolder': () => ({ revealed: false }),
    'session.get': () => state,
    'session.signIn': () => state,
    'session.startDemo': () => state,
    'session.switchProfile': () => state,
    'session.refresh': () => state,
    'session.signOut': () => state,
    'sync.now': () => syncStatus,
    'sync.status': () => syncStatus,
    'channels.list': () => ({ total: 0, offset: 0, items: [], countsByState: {} }),
    'channels.get': () => {
      throw new AppError('not_found', 'no channel');
    },
    'clients.list': () => ({ total: 0, offset: 0, items: [] }),
    'clients.get': () => {
      throw new AppError('not_found', 'no client');
    },
    'clients.balance': ({ id }) => ({
      clientId: id,
      available: false,
      reason: null,
      currency: null,
      balance: null,
      lastRenewal: null,
      usage: [],
      fetchedAt: null,
      refreshing: false,
      refreshError: null,
    }),
    'channels.templates': ({ id }) => ({
      channelId: id,
      wabaAccountId: null,
      items: [],
      fetchedAt: null,
      refreshing: false,
      refreshError: null,
    }),
    'insights.cancel': () => ({ cancelled: false }),
    'notifications.list': () => ({ unread: 0, items: [] }),
    'notifications.markRead': () => ({ unread: 0 }),
    'channels.history': ({ id }) => ({ channelId: id, items: [], truncated: false, watchingSince: null }),
    'channels.counts': ({ queries }) => ({ totals: queries.map(() => 0) }),
    'channels.ids': () => ({ total: 0, items: [] }),
    'book.overview': () => {
      throw new Error('not used here');
    },
    'actions.bulkPreview': () => {
      throw new Error('not used here');
    },
    'actions.bulk': () => {
      throw new Error('not used here');
    },
    'export.channels': () => ({ status: 'cancelled' }),
    'export.reveal': () => ({ revealed: false }),
    'actions.preview': () => ({ kind: 'cancel_channel', title: '', message: '', confirmationRequired: true }),
    'actions.cancelChannel': () => {
      throw new AppError('not_found', 'no channel');
    },
    'actions.setMaxChannels': () => {
      throw new AppError('not_found', 'no client');
    },
    'actions.generateApiKey': () => {
      throw new AppError('not_found', 'no channel');
    },
    'outbox.list': () => ({ ...outbox, items: [] }),
    'outbox.retry': () => {
      throw new AppError('not_found', 'no action');
    },
    'outbox.cancel': () => {
      throw new AppError('not_found', 'no action');
    },
    'outbox.push': () => ({ ...outbox, attempted: 0, message: 'The queue is empty.' }),
    'session.networkChanged': () => state,
    'channels.health': ({ channelId }) => ({
      channelId,
      source: 'none',
      checkedAt: null,
      ageMs: null,
      nextCheckAt: null,
      gatewayStatus: null,
      nodes: [],
      phoneNumber: null,
      lastError: null,
      action: null,
      message: '',
    }),
    'channels.apiKey': ({ channelId }) => ({ channelId, present: false, address: null, keyId: null, appId: null, generatedAt: null }),
    'channels.copyApiKey': () => ({ copied: false, clearAfterMs: 60_000, message: '' }),
    'partner.settings': () => ({
      partnerId: 'p',
      brandName: null,
      webhookUrl: null,
      redirectUrl: null,
      allowClientToAddPhoneNo: null,
      rows: [],
      warnings: [],
      source: 'none',
      fetchedAt: null,
      error: null,
      pending: [],
    }),
    'actions.setPartnerSettings': () => {
      throw new AppError('invalid_input', 'no settings');
    },
    'actions.withdrawCancellation': () => {
      throw new AppError('not_found', 'no channel');
    },
    'actions.setPartnerPayload': () => {
      throw new AppError('not_found', 'no client');
    },
    'onboarding.createLink': () => {
      throw new AppError('invalid_input', 'no link');
    },
    'onboarding.links': () => ({ items: [] }),
    'onboarding.link': () => {
      throw new AppError('not_found', 'no link');
    },
    'onboarding.markShared': () => {
      throw new AppError('not_found', 'no link');
    },
    'onboarding.readRedirect': () => {
      throw new AppError('invalid_input', 'no redirect');
    },
    'store.status': () => ({
      state: 'healthy',
      file: '/tmp/db',
      reason: null,
      detectedAt: null,
      message: null,
      salvage: null,
      lastCheckAt: null,
      backups: [],
    }),
    'store.repair': () => {
      throw new AppError('conflict', 'nothing to repair');
    },
  };
  return { ...base, ...overrides };
}

describe('createDispatch', () => {
  it('covers every request of the contract', () => {
    expect(Object.keys(handlers()).sort()).toEqual([...REQUEST_NAMES].sort());
    expect(REQUEST_NAMES.length).toBe(Object.keys(requests).length);
  });

  it('wraps a handler value as ok', async () => {
    const dispatch = createDispatch(handlers());
    await expect(dispatch('session.get', {})).resolves.toEqual({ ok: true, value: state });
  });

  it('refuses unknown names without running anything', async () => {
    const dispatch = createDispatch(handlers());
    const result = await dispatch('session.deleteEverything', {});
    expect(result).toEqual({ ok: false, error: { code: 'unknown_request', message: expect.stringContaining('session.deleteEverything') } });
    expect((await dispatch('__proto__', {})).ok).toBe(false);
    expect((await dispatch('toString', {})).ok).toBe(false);
  });

  it('validates input before the handler runs, with a readable message', async () => {
    const signIn = vi.fn(() => state);
    const dispatch = createDispatch(handlers({ 'session.signIn': signIn }));
    const result = await dispatch('session.signIn', { method: 'api_key', partnerId: 'bad id!', apiKey: 'short' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.message).toMatch(/partnerId: A partner id contains only letters/);
    expect(result.error.message).toMatch(/apiKey: The Partner API key looks too short/);
    expect(signIn).not.toHaveBeenCalled();
  });

  it('refuses extra fields on strict inputs', async () => {
    const dispatch = createDispatch(handlers());
    const result = await dispatch('session.get', { sneaky: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('passes parsed input with defaults to the handler', async () => {
    const signOut = vi.fn(() => state);
    const dispatch = createDispatch(handlers({ 'session.signOut': signOut }));
    await dispatch('session.signOut', { profileId: 'p1' });
    expect(signOut).toHaveBeenCalledWith({ profileId: 'p1', keepCache: true });
  });

  it('returns AppErrors as they are and hides unexpected errors behind a generic message', async () => {
    const onUnexpectedError = vi.fn();
    const dispatch = createDispatch(
      handlers({
        'session.refresh': () => {
          throw new AppError('offline', 'You are offline.');
        },
        'session.get': () => {
          throw new Error('SQLITE_BUSY: secret internals');
        },
      }),
      { onUnexpectedError },
    );
    await expect(dispatch('session.refresh', {})).resolves.toEqual({ ok: false, error: { code: 'offline', message: 'You are offline.' } });
    const hidden = await dispatch('session.get', {});
    expect(hidden).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(hidden)).not.toContain('secret internals');
    expect(onUnexpectedError).toHaveBeenCalledWith('session.get', expect.any(Error));
  });

  it('strips fields a handler returns that the contract does not declare', async () => {
    const leaky = { ...state, apiKey: 'must-not-leave-main' };
    const dispatch = createDispatch(handlers({ 'session.get': () => leaky }));
    const result = await dispatch('session.get', {});
    expect(JSON.stringify(result)).not.toContain('must-not-leave-main');
  });

  it('treats an output that breaks its schema as an internal error', async () => {
    const dispatch = createDispatch(handlers({ 'session.get': () => ({ profiles: 'nope' }) as unknown as SessionState }));
    await expect(dispatch('session.get', {})).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
