/**
 * The entry point end to end: the reference examples, robustness against any input, the
 * fingerprint and the notification texts.
 */
import { describe, expect, it } from 'vitest';
import { DerivedChannelStatus, describeStatusChanges, deriveChannelStatus } from '@shared/status';
import { classicChannel, liveChannel, sandboxDraftChannel, withWaba } from './channels';

describe('the API reference §8.2 examples', () => {
  it('derives the live channel', () => {
    const status = deriveChannelStatus(liveChannel());
    expect(status).toMatchObject({
      state: { id: 'live', label: 'Live', tone: 'positive' },
      messageOnBehalf: { value: 'approved', label: 'Approved' },
      metaBusinessVerification: { value: 'verified', label: 'Verified' },
      numberRegistration: { value: 'ready', label: 'Registered' },
      actionRequired: null,
      otherActions: [],
      displayName: 'Acme Support',
      qualityRating: { value: 'GREEN', label: 'High', tone: 'positive' },
      messagingLimit: { value: 'TIER_1K', label: '1K conversations / 24 h' },
    });
  });

  it('derives the sandbox channel without an app id', () => {
    const status = deriveChannelStatus(sandboxDraftChannel());
    expect(status).toMatchObject({
      state: { id: 'draft', label: 'Draft' },
      messageOnBehalf: { value: 'submitted', label: 'Submitted' },
      metaBusinessVerification: { value: 'pending_submission', label: 'Pending submission' },
      numberRegistration: { value: 'unverified', label: 'In progress' },
      actionRequired: { id: 'finish_signup', text: 'Finish the WhatsApp signup', tone: 'attention' },
      otherActions: [{ id: 'submit_business_verification', text: 'Submit the business for Meta verification', tone: 'attention' }],
      displayName: 'Acme Sales',
      qualityRating: null,
      messagingLimit: null,
    });
  });
});

describe('never throws, whatever it is given', () => {
  const cyclic: Record<string, unknown> = { account_mode: 'sandbox', integration: { app_id: 'x' } };
  cyclic.status = cyclic;
  const hostile = new Proxy(
    {},
    {
      get: () => {
        throw new Error('boom');
      },
      has: () => {
        throw new Error('boom');
      },
      getOwnPropertyDescriptor: () => {
        throw new Error('boom');
      },
    },
  );

  const inputs: [string, unknown][] = [
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['a string', 'channel'],
    ['an array', [liveChannel()]],
    ['an empty object', {}],
    ['setup_info: 42', { ...liveChannel(), setup_info: 42 }],
    ['waba_account missing', { ...liveChannel(), waba_account: undefined }],
    ['waba_account: null', { ...liveChannel(), waba_account: null }],
    ['waba_account: []', { ...liveChannel(), waba_account: [] }],
    ['integration: "104148"', classicChannel('ready', { integration: '104148' })],
    [
      'every field a number',
      {
        status: 1,
        account_mode: 2,
        terminated_at: 3,
        current_limit: 4,
        current_quality_rating: 5,
        setup_info: 6,
        waba_account: 7,
        integration: 8,
      },
    ],
    [
      'every field an array',
      {
        status: [],
        account_mode: [],
        terminated_at: [],
        current_limit: [],
        current_quality_rating: [],
        setup_info: [],
        waba_account: [],
        integration: [],
      },
    ],
    ['a cyclic status', cyclic],
    ['a prototype-polluting key', JSON.parse('{"__proto__": {"status": "ready"}, "integration": {"app_id": "1"}}')],
    ['a hostile proxy', hostile],
    ['an object without prototype', Object.assign(Object.create(null), { status: 'ready', integration: { app_id: '1' } })],
  ];

  it.each(inputs)('%s', (_name, raw) => {
    const status = deriveChannelStatus(raw);
    expect(DerivedChannelStatus.parse(status)).toEqual(status);
    expect(typeof status.fingerprint).toBe('string');
  });

  it('renders missing pieces as "Not available" and wrong types as "Unknown (...)"', () => {
    const status = deriveChannelStatus({ status: 1, account_mode: 2, setup_info: 42, waba_account: 7, integration: { app_id: 'a' } });
    expect(status.state.label).toBe('Unknown status (1)');
    expect(status.messageOnBehalf.label).toBe('Not available');
    expect(status.metaBusinessVerification.label).toBe('Not available');
    expect(status.numberRegistration.label).toBe('Unknown (1)');
    expect(status.otherActions).toEqual([]);
    expect(status.displayName).toBeNull();
  });

  it('treats a cyclic status as unknown without recursing forever', () => {
    expect(deriveChannelStatus(cyclic).state.id).toBe('unknown');
  });

  it('does not read inherited keys', () => {
    expect(deriveChannelStatus(JSON.parse('{"__proto__": {"status": "ready"}, "integration": {"app_id": "1"}}')).state.label).toBe(
      'Unknown status',
    );
  });
});

describe('fingerprint', () => {
  const fp = (raw: unknown) => deriveChannelStatus(raw).fingerprint;

  it('is equal for equal statuses and ignores fields users do not see as status', () => {
    expect(fp(liveChannel())).toBe(fp(liveChannel()));
    expect(fp({ ...liveChannel(), created_at: '2030-01-01', id: 'other' })).toBe(fp(liveChannel()));
    expect(fp({ ...liveChannel(), setup_info: { phone_number: '1', phone_name: 'Renamed' } })).toBe(fp(liveChannel()));
    // A live channel's ignored status changes nothing that is shown.
    expect(fp({ ...liveChannel(), status: 'created' })).toBe(fp(liveChannel()));
    expect(fp({ ...liveChannel(), current_quality_rating: 'NA' })).toBe(fp({ ...liveChannel(), current_quality_rating: 'UNKNOWN' }));
  });

  it.each<[string, unknown]>([
    ['state', { ...liveChannel(), terminated_at: '2024-07-01' }],
    ['message on behalf', withWaba(liveChannel(), { on_behalf_of_business_info: { status: 'submitted' } })],
    ['business verification', withWaba(liveChannel(), { fb_account_status: 'pending' })],
    ['number registration', { ...liveChannel(), account_mode: 'sandbox', status: 'verified' }],
    ['action required', withWaba(liveChannel(), { status: 'account_violation' })],
    ['quality', { ...liveChannel(), current_quality_rating: 'YELLOW' }],
    ['limit', { ...liveChannel(), current_limit: 'TIER_10K' }],
    ['limit to missing', { ...liveChannel(), current_limit: null }],
    ['one unknown value to another', { ...liveChannel(), current_quality_rating: 'BLUE' }],
  ])('changes when %s changes', (_name, raw) => {
    expect(fp(raw)).not.toBe(fp(liveChannel()));
  });

  it('changes when the setup error message changes', () => {
    const a = fp(classicChannel('error', { setup_info: { error: 'A' } }));
    expect(fp(classicChannel('error', { setup_info: { error: 'B' } }))).not.toBe(a);
  });

  it('differs exactly when describeStatusChanges finds something', () => {
    const samples = [
      liveChannel(),
      sandboxDraftChannel(),
      { ...liveChannel(), status: 'created' },
      { ...liveChannel(), terminated_at: '2024-07-01' },
      classicChannel('created'),
      classicChannel('ready'),
      classicChannel('error', { setup_info: { error: 'x' } }),
      classicChannel('mystery'),
      withWaba(liveChannel(), { fb_account_status: 'failed' }),
      { ...liveChannel(), current_quality_rating: 'NA' },
      { ...liveChannel(), current_quality_rating: 'UNKNOWN' },
      null,
    ].map(deriveChannelStatus);
    for (const a of samples) {
      for (const b of samples) {
        expect(a.fingerprint === b.fingerprint).toBe(describeStatusChanges(a, b).length === 0);
      }
    }
  });
});

describe('describeStatusChanges', () => {
  it('reports nothing for identical statuses', () => {
    expect(describeStatusChanges(deriveChannelStatus(liveChannel()), deriveChannelStatus(liveChannel()))).toEqual([]);
  });

  it('describes a classic channel going live', () => {
    const before = deriveChannelStatus(withWaba(classicChannel('ready'), { fb_account_status: 'pending' }));
    const after = deriveChannelStatus(liveChannel());
    expect(describeStatusChanges(before, after)).toEqual([
      { field: 'state', from: 'Ready', to: 'Live', text: 'Channel state: Ready → Live' },
      { field: 'metaBusinessVerification', from: 'Pending', to: 'Verified', text: 'Meta business verification: Pending → Verified' },
    ]);
  });

  it('describes onboarding progress in field order, including the hint', () => {
    const before = deriveChannelStatus(
      withWaba(classicChannel('created', { current_limit: null, current_quality_rating: null }), {
        fb_account_status: 'pending_submission',
        on_behalf_of_business_info: { status: 'submitted' },
      }),
    );
    const after = deriveChannelStatus(liveChannel());
    expect(describeStatusChanges(before, after).map((change) => change.text)).toEqual([
      'Channel state: Created → Live',
      'Message on behalf: Submitted → Approved',
      'Meta business verification: Pending submission → Verified',
      'Number registration: Not registered → Registered',
      'Action required: Register the phone number → None',
      'Quality rating: Not available → High',
      'Messaging limit: Not available → 1K conversations / 24 h',
    ]);
  });

  it('describes a cancellation and a new hint', () => {
    const changes = describeStatusChanges(
      deriveChannelStatus(liveChannel()),
      deriveChannelStatus({ ...liveChannel(), terminated_at: '2024-07-01' }),
    );
    expect(changes).toEqual([{ field: 'state', from: 'Live', to: 'Pending deletion', text: 'Channel state: Live → Pending deletion' }]);
    const hint = describeStatusChanges(
      deriveChannelStatus(liveChannel()),
      deriveChannelStatus(withWaba(liveChannel(), { status: 'account_banned' })),
    );
    expect(hint).toEqual([
      { field: 'state', from: 'Live', to: 'Banned', text: 'Channel state: Live → Banned' },
      {
        field: 'actionRequired',
        from: 'None',
        to: 'Review the ban in Meta Business Manager',
        text: 'Action required: None → Review the ban in Meta Business Manager',
      },
    ]);
  });

  it('tells when an account enters and leaves a standing, and moves between them', () => {
    const of = (status: string) => deriveChannelStatus(withWaba(liveChannel(), { status }));
    const states = (before: string, after: string) =>
      describeStatusChanges(of(before), of(after))
        .filter((c) => c.field === 'state')
        .map((c) => c.text);
    expect(states('approved', 'account_restriction')).toEqual(['Channel state: Live → Restricted']);
    expect(states('account_restriction', 'account_banned')).toEqual(['Channel state: Restricted → Banned']);
    expect(states('account_violation', 'approved')).toEqual(['Channel state: Violation → Live']);
  });

  it('says nothing when only the ignored status of a version-2 sandbox channel changes', () => {
    const v2 = (status: string) => deriveChannelStatus({ ...classicChannel(status), version: 2 });
    expect(describeStatusChanges(v2('created'), v2('ready'))).toEqual([]);
  });

  it('keeps unknown raw values visible in the text', () => {
    const changes = describeStatusChanges(deriveChannelStatus(classicChannel('verified')), deriveChannelStatus(classicChannel('mystery')));
    expect(changes.map((c) => c.text)).toEqual([
      'Channel state: Verified → Unknown status (mystery)',
      'Number registration: In progress → Unknown (mystery)',
    ]);
  });
});
