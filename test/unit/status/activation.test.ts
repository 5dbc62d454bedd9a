/**
 * The CSV's three account activation statuses. Expected words are written by hand from the brief,
 * the seed and the API reference §6.4-6.7.
 */
import { describe, expect, it } from 'vitest';
import {
  ACTIVATION_COLUMNS,
  ACTIVATION_FIELDS,
  deriveActivationStatuses,
  deriveMessageOnBehalf,
  deriveMetaBusinessVerification,
  deriveNumberRegistration,
} from '@shared/status';
import { classicChannel, liveChannel, withWaba } from './channels';

const NOT_AVAILABLE = { value: null, label: 'Not available', tone: 'neutral' };

it('has the CSV column titles verbatim, in the seed order', () => {
  expect(ACTIVATION_FIELDS.map((field) => ACTIVATION_COLUMNS[field])).toEqual([
    'Message on behalf',
    'Meta business verification',
    'Number registration',
  ]);
});

describe('Message on behalf <- waba_account.on_behalf_of_business_info.status', () => {
  const obo = (status: unknown) => withWaba(liveChannel(), { on_behalf_of_business_info: { id: '1', status } });

  it.each([
    ['submitted', 'Submitted', 'progress'],
    ['approved', 'Approved', 'positive'],
    ['rejected', 'Rejected', 'negative'],
    ['denied', 'Denied', 'negative'],
  ])('%s -> %s', (value, label, tone) => {
    expect(deriveMessageOnBehalf(obo(value))).toEqual({ value, label, tone });
  });

  it.each<[string, unknown, unknown]>([
    ['unknown string', obo('revoked'), { value: 'revoked', label: 'Unknown (revoked)', tone: 'neutral' }],
    ['number', obo(3), { value: '3', label: 'Unknown (3)', tone: 'neutral' }],
    ['array', obo(['approved']), { value: '["approved"]', label: 'Unknown (["approved"])', tone: 'neutral' }],
    ['null status', obo(null), NOT_AVAILABLE],
    ['empty status', obo(''), NOT_AVAILABLE],
    ['OBO object null', withWaba(liveChannel(), { on_behalf_of_business_info: null }), NOT_AVAILABLE],
    ['OBO object is a string', withWaba(liveChannel(), { on_behalf_of_business_info: 'approved' }), NOT_AVAILABLE],
    ['waba_account missing', { ...liveChannel(), waba_account: undefined }, NOT_AVAILABLE],
    [
      'waba_account is an array',
      { ...liveChannel(), waba_account: [{ on_behalf_of_business_info: { status: 'approved' } }] },
      NOT_AVAILABLE,
    ],
  ])('%s', (_name, raw, expected) => {
    expect(deriveMessageOnBehalf(raw)).toEqual(expected);
  });
});

describe('Meta business verification <- waba_account.fb_account_status', () => {
  const fb = (status: unknown) => withWaba(liveChannel(), { fb_account_status: status });

  it.each([
    ['verified', 'Verified', 'positive'],
    ['not_verified', 'Not verified', 'attention'],
    ['rejected', 'Rejected', 'negative'],
    ['pending_submission', 'Pending submission', 'attention'],
    ['failed', 'Failed', 'negative'],
    ['pending', 'Pending', 'progress'],
    ['pending_need_more_info', 'More information needed', 'attention'],
  ])('%s -> %s', (value, label, tone) => {
    expect(deriveMetaBusinessVerification(fb(value))).toEqual({ value, label, tone });
  });

  it.each<[string, unknown, unknown]>([
    ['unknown string', fb('VERIFIED'), { value: 'VERIFIED', label: 'Unknown (VERIFIED)', tone: 'neutral' }],
    ['boolean', fb(true), { value: 'true', label: 'Unknown (true)', tone: 'neutral' }],
    ['prototype key', fb('toString'), { value: 'toString', label: 'Unknown (toString)', tone: 'neutral' }],
    ['missing field', withWaba(liveChannel(), { fb_account_status: undefined }), NOT_AVAILABLE],
    ['waba_account null', { ...liveChannel(), waba_account: null }, NOT_AVAILABLE],
    ['raw is null', null, NOT_AVAILABLE],
  ])('%s', (_name, raw, expected) => {
    expect(deriveMetaBusinessVerification(raw)).toEqual(expected);
  });
});

describe('Number registration <- channel status (+ account_mode)', () => {
  it.each([
    ['ready', 'Registered', 'positive'],
    ['created', 'Not registered', 'attention'],
    ['error', 'Error', 'negative'],
    ['unverified', 'In progress', 'progress'],
    ['verified', 'In progress', 'progress'],
    ['new_name_requested', 'In progress', 'progress'],
    ['certificate_declined', 'In progress', 'attention'],
    ['modified', 'In progress', 'progress'],
    ['imported', 'In progress', 'progress'],
    ['consents_signed', 'In progress', 'progress'],
    ['porting_ready', 'In progress', 'progress'],
    ['ready_for_migration', 'In progress', 'progress'],
    ['waiting_for_migration_code', 'In progress', 'progress'],
    ['migration_code_requested', 'In progress', 'progress'],
  ])('sandbox %s -> %s', (value, label, tone) => {
    expect(deriveNumberRegistration(classicChannel(value))).toEqual({ value, label, tone });
  });

  it.each(['created', 'error', 'unverified', 'ready'])('live with status %s -> Registered, raw value kept', (status) => {
    expect(deriveNumberRegistration({ ...liveChannel(), status })).toEqual({ value: status, label: 'Registered', tone: 'positive' });
  });

  it('live without any status -> Registered with a null value', () => {
    expect(deriveNumberRegistration({ account_mode: 'live' })).toEqual({ value: null, label: 'Registered', tone: 'positive' });
  });

  it.each<[string, unknown, unknown]>([
    ['unknown status', classicChannel('paused'), { value: 'paused', label: 'Unknown (paused)', tone: 'neutral' }],
    ['numeric status', classicChannel(7), { value: '7', label: 'Unknown (7)', tone: 'neutral' }],
    ['missing status', classicChannel(undefined), NOT_AVAILABLE],
    ['no channel at all', undefined, NOT_AVAILABLE],
  ])('%s', (_name, raw, expected) => {
    expect(deriveNumberRegistration(raw)).toEqual(expected);
  });
});

it('derives all three together for the reference example', () => {
  expect(deriveActivationStatuses(liveChannel())).toEqual({
    messageOnBehalf: { value: 'approved', label: 'Approved', tone: 'positive' },
    metaBusinessVerification: { value: 'verified', label: 'Verified', tone: 'positive' },
    numberRegistration: { value: 'ready', label: 'Registered', tone: 'positive' },
  });
});
