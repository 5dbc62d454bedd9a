/** The "action required" hint: each hint, the precedence between them, and when there is none. */
import { describe, expect, it } from 'vitest';
import { ACTION_HINT_SHORT, ACTION_HINTS, actionHintTone, deriveChannelStatus } from '@shared/status';
import { classicChannel, liveChannel, sandboxDraftChannel, withWaba } from './channels';

const hintOf = (raw: unknown) => deriveChannelStatus(raw).actionRequired;

describe('each hint', () => {
  const cases: [name: string, raw: () => unknown, id: string, text: string][] = [
    [
      'banned WABA',
      () => withWaba(liveChannel(), { status: 'account_banned' }),
      'review_account_ban',
      'Review the ban in Meta Business Manager',
    ],
    [
      'restricted WABA',
      () => withWaba(liveChannel(), { status: 'account_restriction' }),
      'review_account_restriction',
      'Review the restriction in Business Manager',
    ],
    [
      'WABA violation',
      () => withWaba(liveChannel(), { status: 'account_violation' }),
      'review_account_violation',
      'Review the violation in Business Manager',
    ],
    [
      'setup error with a message',
      () => classicChannel('error', { setup_info: { error: 'Number is already in use' } }),
      'fix_setup_error',
      'Fix the setup error: Number is already in use',
    ],
    ['setup error without a message', () => classicChannel('error'), 'fix_setup_error', 'Fix the setup error'],
    [
      'setup error with a non-string message',
      () => classicChannel('error', { setup_info: { error: { code: 1 } } }),
      'fix_setup_error',
      'Fix the setup error',
    ],
    ['draft', sandboxDraftChannel, 'finish_signup', 'Finish the WhatsApp signup'],
    ['display name rejected', () => classicChannel('certificate_declined'), 'choose_display_name', 'Choose a display name Meta accepts'],
    ['created', () => classicChannel('created'), 'register_number', 'Register the phone number'],
    [
      'verification pending_submission',
      () => withWaba(liveChannel(), { fb_account_status: 'pending_submission' }),
      'submit_business_verification',
      'Submit the business for Meta verification',
    ],
    [
      'OBO rejected',
      () => withWaba(liveChannel(), { on_behalf_of_business_info: { status: 'rejected' } }),
      'accept_message_on_behalf',
      'Accept the message-on-behalf request',
    ],
    [
      'OBO denied',
      () => withWaba(liveChannel(), { on_behalf_of_business_info: { status: 'denied' } }),
      'accept_message_on_behalf',
      'Accept the message-on-behalf request',
    ],
  ];
  for (const status of ['not_verified', 'pending_need_more_info', 'rejected', 'failed']) {
    cases.push([
      `verification ${status}`,
      () => withWaba(liveChannel(), { fb_account_status: status }),
      'complete_business_verification',
      'Complete business verification with Meta',
    ]);
  }

  it.each(cases)('%s', (_name, raw, id, text) => {
    expect(hintOf(raw())).toEqual({ id, text, tone: actionHintTone(id as never) });
  });

  it('is red where Meta acted on the account or the setup stopped, amber where a next step is asked', () => {
    const red = ACTION_HINTS.filter((h) => h.tone === 'negative').map((h) => h.id);
    expect(red).toEqual(['review_account_ban', 'review_account_restriction', 'review_account_violation', 'fix_setup_error']);
    expect(ACTION_HINTS.filter((h) => h.tone !== 'negative').every((h) => h.tone === 'attention')).toBe(true);
  });

  it('orders every hint by severity: all red ones before any amber one', () => {
    const tones = ACTION_HINTS.map((h) => h.tone);
    expect(tones.lastIndexOf('negative')).toBeLessThan(tones.indexOf('attention'));
  });

  it('keeps every fixed hint short enough for two lines of the narrowest card (42 characters)', () => {
    for (const hint of ACTION_HINTS) expect(hint.text.length, hint.text).toBeLessThanOrEqual(42);
  });

  it("has a few words of each hint for the table's Action column, which start as the sentence does", () => {
    for (const hint of ACTION_HINTS) {
      const short = ACTION_HINT_SHORT[hint.id];
      expect(short.length, short).toBeLessThanOrEqual(31);
      expect(hint.text.startsWith(short.split(' ')[0]!)).toBe(true);
    }
  });

  it('truncates a long setup error to one short line', () => {
    const error = `Meta says:\n${'the number could not be verified '.repeat(10)}`;
    const hint = hintOf(classicChannel('error', { setup_info: { error } }));
    expect(hint?.text.startsWith('Fix the setup error: Meta says: the number')).toBe(true);
    expect(hint?.text.endsWith('…')).toBe(true);
    expect(hint?.text).not.toContain('\n');
    expect(hint!.text.length).toBeLessThanOrEqual('Fix the setup error: '.length + 80);
  });

  it('lists every hint once, most urgent first', () => {
    expect(ACTION_HINTS.map((h) => h.id)).toEqual([
      'review_account_ban',
      'review_account_restriction',
      'review_account_violation',
      'fix_setup_error',
      'finish_signup',
      'choose_display_name',
      'register_number',
      'complete_business_verification',
      'submit_business_verification',
      'accept_message_on_behalf',
    ]);
  });
});

describe('no hint', () => {
  it.each<[string, unknown]>([
    ['live and healthy', liveChannel()],
    ['ready, verified, OBO approved', classicChannel('ready')],
    ['verification pending (Meta is deciding)', withWaba(liveChannel(), { fb_account_status: 'pending' })],
    ['OBO submitted (waiting for Meta or the client)', withWaba(liveChannel(), { on_behalf_of_business_info: { status: 'submitted' } })],
    ['WABA status unknown', withWaba(liveChannel(), { status: 'something_new' })],
    [
      'pending deletion, even when everything is wrong',
      withWaba({ ...classicChannel('error'), terminated_at: '2024-07-01' }, { status: 'account_banned', fb_account_status: 'rejected' }),
    ],
    ['unknown channel status', classicChannel('brand_new_status')],
  ])('%s', (_name, raw) => {
    expect(hintOf(raw)).toBeNull();
  });
});

describe('precedence', () => {
  const cases: [name: string, raw: () => unknown, id: string][] = [
    ['ban beats setup error', () => withWaba(classicChannel('error'), { status: 'account_banned' }), 'review_account_ban'],
    [
      'ban beats a rejected business verification',
      () => withWaba(liveChannel(), { status: 'account_banned', fb_account_status: 'rejected' }),
      'review_account_ban',
    ],
    ['violation beats draft', () => withWaba(sandboxDraftChannel(), { status: 'account_violation' }), 'review_account_violation'],
    [
      'setup error beats business verification',
      () => withWaba(classicChannel('error'), { fb_account_status: 'failed' }),
      'fix_setup_error',
    ],
    ['draft beats verification not submitted', () => sandboxDraftChannel(), 'finish_signup'],
    [
      'display name beats business verification',
      () => withWaba(classicChannel('certificate_declined'), { fb_account_status: 'not_verified' }),
      'choose_display_name',
    ],
    [
      'register number beats business verification',
      () => withWaba(classicChannel('created'), { fb_account_status: 'rejected' }),
      'register_number',
    ],
    [
      'verification to complete beats OBO',
      () => withWaba(liveChannel(), { fb_account_status: 'failed', on_behalf_of_business_info: { status: 'denied' } }),
      'complete_business_verification',
    ],
    [
      'verification to submit beats OBO',
      () => withWaba(liveChannel(), { fb_account_status: 'pending_submission', on_behalf_of_business_info: { status: 'rejected' } }),
      'submit_business_verification',
    ],
  ];

  it.each(cases)('%s', (_name, raw, id) => {
    expect(hintOf(raw())?.id).toBe(id);
  });

  it('lists every other thing to do after the first, most severe first', () => {
    const status = deriveChannelStatus(
      withWaba(liveChannel(), {
        status: 'account_banned',
        fb_account_status: 'rejected',
        on_behalf_of_business_info: { status: 'denied' },
      }),
    );
    expect(status.actionRequired?.id).toBe('review_account_ban');
    expect(status.otherActions.map((a) => a.id)).toEqual(['complete_business_verification', 'accept_message_on_behalf']);
    expect(deriveChannelStatus(liveChannel()).otherActions).toEqual([]);
    // Pending deletion asks nothing at all, however much else is wrong.
    expect(
      deriveChannelStatus(withWaba({ ...liveChannel(), terminated_at: '2024-07-01' }, { status: 'account_banned' })).otherActions,
    ).toEqual([]);
  });

  it('a live channel is not told to register because its ignored status says created', () => {
    expect(hintOf({ ...liveChannel(), status: 'created' })).toBeNull();
    expect(hintOf({ ...liveChannel(), status: 'error', setup_info: { error: 'old' } })).toBeNull();
  });
});
