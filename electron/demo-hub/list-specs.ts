/**
 * What each list endpoint accepts and how its records look when the wrongTypes fault strikes.
 * Filter keys follow the V2 OpenAPI schemas (§2) plus the keys public clients are seen sending.
 */
import type { EngineSpec } from './list-engine';
import type { DemoChannel, DemoClient, DemoTemplate } from './types';

const CLIENT_FILTERS = [
  'id',
  'name',
  'status',
  'meta_info.business_vertical',
  'meta_info.timezone',
  'meta_info.about',
  'meta_info.business_description',
  'meta_info.use_case',
  'contact_info.webpage_url',
  'contact_info.phone',
  'contact_info.language',
  'contact_info.country',
  'contact_info.street_name',
  'contact_info.city',
  'contact_info.email',
  'contact_info.zip_code',
  'contact_user.phone',
  'contact_user.email',
  'contact_user.name',
];

const CHANNEL_FILTERS = [
  'q',
  'meta_status',
  'id',
  'type',
  'status',
  'client_id',
  'version',
  'is_migrated',
  'account_mode',
  'terminated_at',
  'current_limit',
  'current_quality_rating',
  'availability_status',
  'profile_info.about_text',
  'profile_info.business_vertical',
  'profile_info.business_description',
  'profile_info.contact_email',
  'setup_info.phone_number',
  'setup_info.phone_name',
  'setup_info.was_in_use',
  'setup_info.ivr',
  'setup_info.verification_method',
  'setup_info.default_language',
  'created_at',
  'modified_at',
  'external_id',
  'project.id',
  'project.name',
  'project.license_model',
  'project.inbox',
  // Not in the captured OpenAPI list but sent by public clients [CODE S8].
  'waba_account.id',
  'waba_account.fb_account_status',
  'client.contact_info.email',
  'integration.app_id',
];

export const CLIENT_SPEC: EngineSpec<DemoClient> = {
  itemsKey: 'clients',
  filterKeys: new Set(CLIENT_FILTERS),
  sortRoots: new Set([
    'id',
    'name',
    'status',
    'organisation',
    'max_channels',
    'partner_payload',
    'meta_info',
    'contact_info',
    'contact_user',
    'created_at',
    'modified_at',
    'suspicious',
  ]),
  searchText: (c) => [c.id, c.name, c.organisation, c.contact_info?.email ?? ''].join('\n').toLowerCase(),
  withWrongTypes: (c) => ({ ...c, max_channels: 'many', contact_info: 42, created_at: 1_700_000_000 }),
};

export const CHANNEL_SPEC: EngineSpec<DemoChannel> = {
  itemsKey: 'partner_channels',
  filterKeys: new Set(CHANNEL_FILTERS),
  sortRoots: new Set([
    'id',
    'client_id',
    'account_mode',
    'status',
    'version',
    'type',
    'created_at',
    'modified_at',
    'billing_started_at',
    'terminated_at',
    'current_limit',
    'current_quality_rating',
    'client',
    'setup_info',
    'waba_account',
    'waba_account_id',
    'integration',
    'profile_info',
    'project',
    'has_inbox',
    'is_oba',
  ]),
  searchText: (ch) =>
    [
      ch.id,
      ch.client_id,
      ch.client.name,
      ch.setup_info.phone_number,
      ch.setup_info.phone_name,
      ch.client.contact_info?.email ?? '',
      ch.waba_account?.id ?? '',
      ch.waba_account?.name ?? '',
    ]
      .join('\n')
      .toLowerCase(),
  withWrongTypes: (ch) => ({ ...ch, setup_info: 42, account_mode: 7, terminated_at: false }),
};

export const TEMPLATE_SPEC: EngineSpec<DemoTemplate> = {
  itemsKey: 'waba_templates',
  filterKeys: new Set(['id', 'partner_id', 'business_templates.name', 'status', 'category', 'language', 'name']),
  aliases: { 'business_templates.name': 'name' },
  sortRoots: new Set(['id', 'partner_id', 'name', 'status', 'category', 'language', 'created_at', 'modified_at']),
  withWrongTypes: (t) => ({ ...t, components: 'none', status: 3 }),
};
