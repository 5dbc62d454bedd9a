/** Phone number, display name, quality rating and messaging limit, including wrong shapes. */
import { describe, expect, it } from 'vitest';
import { deriveChannelPhone, deriveDisplayName, deriveMessagingLimit, deriveQualityRating } from '@shared/status';
import { liveChannel } from './channels';

const withSetup = (setup_info: unknown) => ({ ...liveChannel(), setup_info });

describe('the channel number (setup_info.phone_number): as sent, and in E.164', () => {
  it.each<[unknown, { raw: string; e164: string | null } | null]>([
    [withSetup({ phone_number: '4930123456' }), { raw: '4930123456', e164: '+4930123456' }],
    [withSetup({ phone_number: '+49 (30) 123-456' }), { raw: '+49 (30) 123-456', e164: '+4930123456' }],
    [withSetup({ phone_number: ' 00491510001037 ' }), { raw: '00491510001037', e164: '+491510001037' }],
    [withSetup({ phone_number: 4930123456 }), { raw: '4930123456', e164: '+4930123456' }],
    [withSetup({ phone_number: 'n/a' }), { raw: 'n/a', e164: null }],
    // National without a country: kept as sent, never guessed.
    [withSetup({ phone_number: '03649 2485142' }), { raw: '03649 2485142', e164: null }],
    [withSetup({ phone_number: '' }), null],
    [withSetup({ phone_number: null }), null],
    [withSetup({ phone_number: -5 }), null],
    [withSetup({ phone_number: 1.5 }), null],
    [withSetup({ phone_number: ['4930123456'] }), null],
    [withSetup(42), null],
    [withSetup(null), null],
    [{}, null],
  ])('%j -> %j', (raw, expected) => {
    const phone = deriveChannelPhone(raw);
    expect(phone && { raw: phone.raw, e164: phone.e164 }).toEqual(expected);
  });

  it("reads a national number in the country the channel's record names, else in the fallback (its client's)", () => {
    const national = { ...withSetup({ phone_number: '03649 2485142' }) };
    expect(deriveChannelPhone({ ...national, client: { contact_info: { country: 'DE' } } })?.e164).toBe('+4936492485142');
    expect(deriveChannelPhone({ ...national, client: { contact_info: { country: 'de' } } })?.e164).toBe('+4936492485142');
    expect(deriveChannelPhone(national, 'DE')?.e164).toBe('+4936492485142');
    // The record's own country wins over the fallback.
    expect(
      deriveChannelPhone({ ...withSetup({ phone_number: '06 12 34 56 78' }), client: { contact_info: { country: 'FR' } } }, 'DE')?.e164,
    ).toBe('+33612345678');
    // An unknown country code is no country.
    expect(deriveChannelPhone(national, 'Germany')?.e164).toBeNull();
  });
});

describe('displayName (setup_info.phone_name)', () => {
  it.each<[unknown, string | null]>([
    [withSetup({ phone_name: 'Acme Support' }), 'Acme Support'],
    [withSetup({ phone_name: '  Acme  ' }), 'Acme'],
    [withSetup({ phone_name: '' }), null],
    [withSetup({ phone_name: 12 }), null],
    [withSetup('Acme'), null],
    [undefined, null],
  ])('%j -> %s', (raw, expected) => {
    expect(deriveDisplayName(raw)).toBe(expected);
  });
});

describe('qualityRating (current_quality_rating)', () => {
  const rating = (value: unknown) => ({ ...liveChannel(), current_quality_rating: value });

  it.each([
    ['GREEN', 'High', 'positive'],
    ['YELLOW', 'Medium', 'attention'],
    ['RED', 'Low', 'negative'],
    ['UNKNOWN', 'Not rated yet', 'neutral'],
    ['NA', 'Not rated yet', 'neutral'],
  ])('%s -> %s', (value, label, tone) => {
    expect(deriveQualityRating(rating(value))).toEqual({ value, label, tone });
  });

  it.each<[unknown, unknown]>([
    ['PURPLE', { value: 'PURPLE', label: 'Unknown (PURPLE)', tone: 'neutral' }],
    ['green', { value: 'green', label: 'Unknown (green)', tone: 'neutral' }],
    [3, { value: '3', label: 'Unknown (3)', tone: 'neutral' }],
    [null, null],
    [undefined, null],
    ['', null],
  ])('%j -> %j', (value, expected) => {
    expect(deriveQualityRating(rating(value))).toEqual(expected);
  });
});

describe('messagingLimit (current_limit)', () => {
  const limit = (value: unknown) => ({ ...liveChannel(), current_limit: value });

  it.each([
    ['TIER_50', '50 conversations / 24 h'],
    ['TIER_250', '250 conversations / 24 h'],
    ['TIER_1K', '1K conversations / 24 h'],
    ['TIER_2K', '2K conversations / 24 h'],
    ['TIER_10K', '10K conversations / 24 h'],
    ['TIER_100K', '100K conversations / 24 h'],
    ['UNLIMITED', 'Unlimited'],
  ])('%s -> %s', (value, label) => {
    expect(deriveMessagingLimit(limit(value))).toEqual({ value, label });
  });

  it.each<[unknown, unknown]>([
    ['TIER_5K', { value: 'TIER_5K', label: 'TIER_5K' }],
    ['hasOwnProperty', { value: 'hasOwnProperty', label: 'hasOwnProperty' }],
    [1000, { value: '1000', label: '1000' }],
    [null, null],
    ['  ', null],
  ])('%j -> %j', (value, expected) => {
    expect(deriveMessagingLimit(limit(value))).toEqual(expected);
  });
});
