/**
 * The channel state badge: every documented status, the seed's precedence and the unknown fallback.
 * Expectations are written out by hand from the seed and the API reference, not read from the
 * module's tables, so a wrong table fails here.
 */
import { describe, expect, it } from 'vitest';
import { CHANNEL_STATES, ChannelStateId, channelStateDefinition, deriveChannelState } from '@shared/status';
import { classicChannel, liveChannel, sandboxDraftChannel, withWaba } from './channels';

describe('classic status -> state (sandbox channel with an app id)', () => {
  const expected: [status: string, label: string, tone: string][] = [
    ['created', 'Created', 'attention'],
    ['unverified', 'Unverified', 'progress'],
    ['verified', 'Verified', 'progress'],
    ['certificate_declined', 'Display name rejected', 'negative'],
    ['new_name_requested', 'New display name requested', 'progress'],
    ['ready', 'Ready', 'positive'],
    ['error', 'Error', 'negative'],
    ['modified', 'Modified', 'progress'],
    ['imported', 'Imported', 'progress'],
    ['consents_signed', 'Consents signed', 'progress'],
    ['porting_ready', 'Ready for porting', 'progress'],
    ['ready_for_migration', 'Ready for migration', 'progress'],
    ['waiting_for_migration_code', 'Waiting for migration code', 'progress'],
    ['migration_code_requested', 'Migration code requested', 'progress'],
  ];

  it.each(expected)('%s -> %s (%s)', (status, label, tone) => {
    const state = deriveChannelState(classicChannel(status));
    expect(state).toMatchObject({ id: status, label, tone });
    expect(state.description.length).toBeGreaterThan(10);
  });

  it('uses the seed words in descriptions', () => {
    expect(deriveChannelState(classicChannel('created')).description).toBe("The account was created but the number wasn't registered.");
    expect(deriveChannelState(classicChannel('ready')).description).toBe('The number was registered and the API key can be generated.');
    expect(deriveChannelState(classicChannel('verified')).description).toMatch(/approved in the Commerce Policy review/);
  });

  it('shows setup_info.error in the error description', () => {
    const raw = classicChannel('error', { setup_info: { error: 'Phone number already registered elsewhere' } });
    expect(deriveChannelState(raw).description).toBe('Setup error: Phone number already registered elsewhere');
    expect(deriveChannelState(classicChannel('error', { setup_info: { error: 42 } })).description).toBe(
      'The setup stopped because of an error.',
    );
  });
});

describe('precedence (seed: terminated_at, then account_mode live, then no app id, then status)', () => {
  const cases: [name: string, raw: () => unknown, id: string, label: string][] = [
    [
      'live + terminated_at -> pending deletion',
      () => ({ ...liveChannel(), terminated_at: '2024-07-01T00:00:00Z' }),
      'pending_deletion',
      'Pending deletion',
    ],
    [
      'terminated without app id -> pending deletion, not draft',
      () => ({ ...sandboxDraftChannel(), terminated_at: '2024-07-01' }),
      'pending_deletion',
      'Pending deletion',
    ],
    ['live + ready -> live', liveChannel, 'live', 'Live'],
    ['live with status created -> live', () => ({ ...liveChannel(), status: 'created' }), 'live', 'Live'],
    ['live with status error -> live', () => ({ ...liveChannel(), status: 'error' }), 'live', 'Live'],
    ['live without app id -> live (live beats draft)', () => ({ ...liveChannel(), integration: { app_id: null } }), 'live', 'Live'],
    ['live with an unknown status -> live', () => ({ ...liveChannel(), status: 'weird' }), 'live', 'Live'],
    ['sandbox + no app id -> draft', sandboxDraftChannel, 'draft', 'Draft'],
    ['sandbox + empty app id -> draft', () => classicChannel('ready', { integration: { app_id: '  ' } }), 'draft', 'Draft'],
    ['sandbox + no integration at all -> draft', () => classicChannel('ready', { integration: undefined }), 'draft', 'Draft'],
    [
      'top-level app_id counts as an app',
      () => classicChannel('verified', { integration: null, app_id: '104148' }),
      'verified',
      'Verified',
    ],
    ['numeric app id counts as an app', () => classicChannel('verified', { integration: { app_id: 104148 } }), 'verified', 'Verified'],
    ['terminated_at null -> not pending deletion', () => classicChannel('ready', { terminated_at: null }), 'ready', 'Ready'],
    ['terminated_at empty string -> not pending deletion', () => classicChannel('ready', { terminated_at: '' }), 'ready', 'Ready'],
    ['terminated_at of the wrong type -> ignored', () => classicChannel('ready', { terminated_at: 1720000000 }), 'ready', 'Ready'],
    ['account_mode LIVE (wrong case) is not live', () => classicChannel('created', { account_mode: 'LIVE' }), 'created', 'Created'],
  ];

  it.each(cases)('%s', (_name, raw, id, label) => {
    expect(deriveChannelState(raw())).toMatchObject({ id, label });
  });

  it('describes pending deletion as the seed does', () => {
    const state = deriveChannelState({ ...liveChannel(), terminated_at: '2024-07-01T00:00:00Z' });
    expect(state.description).toMatch(/still works until it is deleted at the end of the month/);
    expect(state.tone).toBe('negative');
  });
});

describe('unknown or missing status', () => {
  const cases: [raw: unknown, label: string][] = [
    [classicChannel('weird_new_status'), 'Unknown status (weird_new_status)'],
    [classicChannel(undefined), 'Unknown status'],
    [classicChannel(null), 'Unknown status'],
    [classicChannel(''), 'Unknown status'],
    [classicChannel(42), 'Unknown status (42)'],
    [classicChannel(['ready']), 'Unknown status (["ready"])'],
    [classicChannel({ value: 'ready' }), 'Unknown status ({"value":"ready"})'],
    [classicChannel('READY'), 'Unknown status (READY)'],
    [classicChannel('constructor'), 'Unknown status (constructor)'],
  ];

  it.each(cases)('%j -> %s', (raw, label) => {
    expect(deriveChannelState(raw)).toMatchObject({ id: 'unknown', label, tone: 'neutral' });
  });

  it('matches a status with stray whitespace', () => {
    expect(deriveChannelState(classicChannel(' ready ')).id).toBe('ready');
  });

  it('truncates a huge raw value', () => {
    const label = deriveChannelState(classicChannel('x'.repeat(500))).label;
    expect(label.length).toBeLessThan(90);
    expect(label).toMatch(/^Unknown status \(x+…\)$/);
  });

  it.each([undefined, null, 42, 'ready', [], [liveChannel()], true])('a non-object channel %j is a draft, never a crash', (raw) => {
    // No app id and no terminated_at: the seed's definition of a draft.
    expect(deriveChannelState(raw).id).toBe('draft');
  });
});

describe('the state list', () => {
  it('is in display order with unique labels and orders', () => {
    expect(CHANNEL_STATES.map((s) => [s.id, s.label])).toEqual([
      ['live', 'Live'],
      ['ready', 'Ready'],
      ['verified', 'Verified'],
      ['unverified', 'Unverified'],
      ['new_name_requested', 'New display name requested'],
      ['modified', 'Modified'],
      ['consents_signed', 'Consents signed'],
      ['imported', 'Imported'],
      ['porting_ready', 'Ready for porting'],
      ['ready_for_migration', 'Ready for migration'],
      ['migration_code_requested', 'Migration code requested'],
      ['waiting_for_migration_code', 'Waiting for migration code'],
      ['sandbox', 'Sandbox'],
      ['created', 'Created'],
      ['certificate_declined', 'Display name rejected'],
      ['error', 'Error'],
      ['violation', 'Violation'],
      ['restricted', 'Restricted'],
      ['banned', 'Banned'],
      ['draft', 'Draft'],
      ['pending_deletion', 'Pending deletion'],
      ['unknown', 'Unknown status'],
    ]);
    expect(CHANNEL_STATES.map((s) => s.order)).toEqual(CHANNEL_STATES.map((_s, i) => i));
  });

  it('has a zod enum that accepts every state id and refuses others', () => {
    for (const state of CHANNEL_STATES) expect(ChannelStateId.parse(state.id)).toBe(state.id);
    expect(ChannelStateId.safeParse('running').success).toBe(false);
    expect(ChannelStateId.options).toHaveLength(22);
  });

  it('gives a derived state the order of its definition', () => {
    expect(deriveChannelState(liveChannel()).order).toBe(0);
    expect(channelStateDefinition('draft')).toMatchObject({ label: 'Draft', order: 19 });
  });
});

describe("Meta's standing of the account (waba_account.status, reference §6.5) outranks live and the rest", () => {
  const cases: [name: string, raw: () => unknown, id: string, label: string][] = [
    ['live + account_banned -> banned', () => withWaba(liveChannel(), { status: 'account_banned' }), 'banned', 'Banned'],
    [
      'live + account_restriction -> restricted',
      () => withWaba(liveChannel(), { status: 'account_restriction' }),
      'restricted',
      'Restricted',
    ],
    ['live + account_violation -> violation', () => withWaba(liveChannel(), { status: 'account_violation' }), 'violation', 'Violation'],
    [
      'a classic ready channel on a banned account -> banned',
      () => withWaba(classicChannel('ready'), { status: 'account_banned' }),
      'banned',
      'Banned',
    ],
    [
      'a draft on a restricted account -> restricted',
      () => withWaba(sandboxDraftChannel(), { status: 'account_restriction' }),
      'restricted',
      'Restricted',
    ],
    [
      'an error channel on a violating account -> violation',
      () => withWaba(classicChannel('error'), { status: 'account_violation' }),
      'violation',
      'Violation',
    ],
    // Pending deletion still comes first: the number is going away whatever Meta thinks of it.
    [
      'banned and pending deletion -> pending deletion',
      () => withWaba({ ...liveChannel(), terminated_at: '2024-07-01' }, { status: 'account_banned' }),
      'pending_deletion',
      'Pending deletion',
    ],
    // Other WABA statuses are no standing.
    ['live + approved -> live', () => withWaba(liveChannel(), { status: 'approved' }), 'live', 'Live'],
    ['live + bsp_removed -> live', () => withWaba(liveChannel(), { status: 'bsp_removed' }), 'live', 'Live'],
    ['live + a WABA status of the wrong case -> live', () => withWaba(liveChannel(), { status: 'ACCOUNT_BANNED' }), 'live', 'Live'],
  ];

  it.each(cases)('%s', (_name, raw, id, label) => {
    expect(deriveChannelState(raw())).toMatchObject({ id, label });
  });

  it('is red and says the reason and the remedy in words', () => {
    for (const status of ['account_banned', 'account_restriction', 'account_violation']) {
      const state = deriveChannelState(withWaba(liveChannel(), { status }));
      expect(state.tone).toBe('negative');
      expect(state.description).toMatch(/Meta (disabled|restricted|found a policy violation)/);
      expect(state.description).toMatch(/Account quality in Meta Business Manager/);
      expect(state.description).not.toMatch(/ready to use/);
    }
    expect(deriveChannelState(withWaba(liveChannel(), { status: 'account_banned' })).description).toMatch(
      /cannot send or receive messages/,
    );
  });

  it("adds Meta's own reason when the record carries one", () => {
    const state = deriveChannelState(withWaba(liveChannel(), { status: 'account_violation', violation_type: 'SCAM' }));
    expect(state.description).toMatch(/Meta's reason: SCAM\.$/);
  });
});

describe('the version rule (seed: for Embedded Signup, version 2, "statuses from the channel.status field can be ignored")', () => {
  const v2 = (status: unknown, extra: Record<string, unknown> = {}) => ({ ...classicChannel(status), version: 2, ...extra });

  it.each(['ready', 'created', 'verified', 'unverified', 'error', 'certificate_declined', 'modified', 'something_new'])(
    'a version-2 sandbox channel whose status says %s is in sandbox',
    (status) => {
      expect(deriveChannelState(v2(status))).toMatchObject({ id: 'sandbox', label: 'Sandbox', tone: 'progress' });
    },
  );

  it('reads the version sent as a string too', () => {
    expect(deriveChannelState(v2('ready', { version: '2' })).id).toBe('sandbox');
    expect(deriveChannelState(v2('ready', { version: '1' })).id).toBe('ready');
    expect(deriveChannelState(v2('ready', { version: 1 })).id).toBe('ready');
  });

  it('still goes live, pending deletion, draft and Meta standing by the general rules', () => {
    expect(deriveChannelState(v2('created', { account_mode: 'live' })).id).toBe('live');
    expect(deriveChannelState(v2('ready', { terminated_at: '2024-07-01' })).id).toBe('pending_deletion');
    expect(deriveChannelState(v2('ready', { integration: { app_id: null } })).id).toBe('draft');
    expect(deriveChannelState(withWaba(v2('ready'), { status: 'account_banned' })).id).toBe('banned');
  });

  it('shows an account mode it does not know instead of guessing from status', () => {
    expect(deriveChannelState(v2('ready', { account_mode: 'paused' }))).toMatchObject({
      id: 'unknown',
      label: 'Unknown status (account mode paused)',
    });
    expect(deriveChannelState(v2('ready', { account_mode: null }))).toMatchObject({
      id: 'unknown',
      label: 'Unknown status (no account mode)',
    });
  });

  it('a version-1 channel keeps its classic status', () => {
    expect(deriveChannelState({ ...classicChannel('created'), version: 1 })).toMatchObject({ id: 'created', label: 'Created' });
  });
});
