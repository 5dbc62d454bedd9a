/**
 * Status vocabularies from the API reference (§6). Listed once so generation and tests agree on
 * what "every documented state" means.
 */

/** §6.1, the full enum of channel `status`. */
export const CHANNEL_STATUSES = [
  'created',
  'unverified',
  'verified',
  'certificate_declined',
  'new_name_requested',
  'ready',
  'error',
  'consents_signed',
  'modified',
  'imported',
  'porting_ready',
  'ready_for_migration',
  'waiting_for_migration_code',
  'migration_code_requested',
] as const;

/** The classic (Version 1) statuses the seed document explains; all must appear in a demo hub. */
export const CLASSIC_STATUSES = [
  'created',
  'unverified',
  'verified',
  'certificate_declined',
  'new_name_requested',
  'ready',
  'error',
] as const;

/** §6.4 */
export const FB_ACCOUNT_STATUSES = [
  'verified',
  'not_verified',
  'rejected',
  'pending_submission',
  'failed',
  'pending',
  'pending_need_more_info',
] as const;

/** §6.5, current values only. */
export const WABA_STATUSES = [
  'created',
  'consents_pending',
  'unverified',
  'approved',
  'account_violation',
  'account_restriction',
  'account_banned',
  'bsp_removed',
] as const;

/** §6.6 */
export const OBO_STATUSES = ['submitted', 'approved', 'rejected', 'denied'] as const;

export const MESSAGING_LIMITS = ['TIER_50', 'TIER_250', 'TIER_1K', 'TIER_10K', 'TIER_100K', 'UNLIMITED'] as const;
export const QUALITY_RATINGS = ['GREEN', 'YELLOW', 'RED'] as const;

export const GATEWAY_STATUSES = ['connected', 'connecting', 'disconnected', 'uninitialized', 'unregistered'] as const;

export const TEMPLATE_CATEGORIES = ['MARKETING', 'UTILITY', 'AUTHENTICATION'] as const;
export const TEMPLATE_STATUSES = ['created', 'submitted', 'pending', 'approved', 'rejected', 'paused'] as const;

export const SETUP_ERRORS = [
  'Phone number is already registered on another WhatsApp Business Account.',
  'Verification code expired. Please request a new code.',
  'Display name does not match the business name on the website.',
  'Two-step verification PIN mismatch.',
  'Meta returned error 131031: business account locked.',
] as const;

export const BUSINESS_VERTICALS = [
  'RETAIL',
  'EDU',
  'HEALTH',
  'FOOD',
  'TRAVEL',
  'FINANCE',
  'PROF_SERVICES',
  'AUTO',
  'HOTEL',
  'OTHER',
] as const;
