/**
 * The smaller facts a channel card shows and search matches: phone number, display name, Meta's
 * quality rating and messaging limit. The value sets of the last two are not documented by
 * 360dialog (reference §9.10); they are Meta's, hence the tables below mark what is inferred.
 */
import { z } from 'zod';
import { parsePhone, type ParsedPhone } from '../format/phone';
import { lookupBadge, type BadgeTable, type StatusBadge } from './badge';
import { pick, pickText, rawToText } from './pick';

/**
 * `current_quality_rating`. GREEN/YELLOW/RED are Meta's quality levels and are shown the way
 * Meta's own UI words them (High/Medium/Low). UNKNOWN and NA (inferred, from Meta's Graph API)
 * mean "not rated yet", which is not bad news, hence neutral.
 */
export const QUALITY_RATINGS: BadgeTable = {
  GREEN: { label: 'High', tone: 'positive' },
  YELLOW: { label: 'Medium', tone: 'attention' },
  RED: { label: 'Low', tone: 'negative' },
  UNKNOWN: { label: 'Not rated yet', tone: 'neutral' },
  NA: { label: 'Not rated yet', tone: 'neutral' },
};

/**
 * `current_limit`: Meta's messaging-limit tiers (business-initiated conversations per rolling
 * 24 hours). TIER_2K is inferred (Meta's newer tier); an undocumented tier is shown as sent.
 */
export const MESSAGING_LIMITS: Readonly<Record<string, string>> = {
  TIER_50: '50 conversations / 24 h',
  TIER_250: '250 conversations / 24 h',
  TIER_1K: '1K conversations / 24 h',
  TIER_2K: '2K conversations / 24 h',
  TIER_10K: '10K conversations / 24 h',
  TIER_100K: '100K conversations / 24 h',
  UNLIMITED: 'Unlimited',
};

export const MessagingLimit = z.object({ value: z.string(), label: z.string() });
export type MessagingLimit = z.infer<typeof MessagingLimit>;

/**
 * `setup_info.phone_number` (reference §3.4), parsed: the Hub sends international digits without the
 * "+", clients type "00…" or national numbers. A national number is read in the channel's country:
 * its client's `contact_info.country` as the channel record embeds it, else `fallbackCountry` (the
 * client record's). Null when the channel has no number yet.
 */
export function deriveChannelPhone(raw: unknown, fallbackCountry?: string | null): ParsedPhone | null {
  return parsePhone(pick(raw, 'setup_info', 'phone_number'), channelCountry(raw) ?? fallbackCountry);
}

/** The channel's country as its record says (its client's contact country), if any. */
export function channelCountry(raw: unknown): string | null {
  return pickText(raw, 'client', 'contact_info', 'country');
}

/** `setup_info.phone_name` is the display name (reference §3.4). */
export function deriveDisplayName(raw: unknown): string | null {
  return pickText(raw, 'setup_info', 'phone_name');
}

/** Null when the channel has no rating yet (sandbox and new numbers send null). */
export function deriveQualityRating(raw: unknown): StatusBadge | null {
  return lookupBadge(QUALITY_RATINGS, pick(raw, 'current_quality_rating'));
}

/** Null when missing; an undocumented tier keeps its raw text as the label rather than being hidden. */
export function deriveMessagingLimit(raw: unknown): MessagingLimit | null {
  const value = pick(raw, 'current_limit');
  const text = rawToText(value);
  if (text === null) return null;
  const label = typeof value === 'string' && Object.hasOwn(MESSAGING_LIMITS, text) ? MESSAGING_LIMITS[text] : undefined;
  return { value: text, label: label ?? text };
}
