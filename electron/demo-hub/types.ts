/**
 * The wire shapes the simulated hub serves, written from the API reference (§3, §6, §8). They are
 * the hub's own view, deliberately independent of the app's parsers so that a parser bug cannot hide
 * behind a shared type.
 */

export interface UserRef {
  user_id: string;
  user_name: string;
}

export interface ContactInfo {
  webpage_url: string;
  phone: string;
  language: string;
  country: string;
  street_name: string;
  city: string;
  email: string;
  full_name: string;
  zip_code: string;
}

export interface MetaInfo {
  business_vertical: string;
  timezone: string;
  about: string;
  business_description: string;
  use_case: string;
}

export interface ContactUser {
  phone: string;
  email: string;
  name: string;
}

export interface DemoClient {
  id: string;
  name: string;
  status: string;
  organisation: string;
  max_channels: number;
  partner_payload: string | null;
  /** Absent on some clients: the Hub omits objects that were never filled. */
  meta_info?: MetaInfo;
  contact_info: ContactInfo | null;
  contact_user?: ContactUser;
  created_at: string;
  created_by: UserRef;
  modified_at: string;
  modified_by: UserRef;
  suspicious: boolean;
}

export interface ClientSummary {
  id: string;
  name: string;
  partner_payload: string | null;
  contact_info: ContactInfo | null;
}

export interface SetupInfo {
  phone_number: string;
  phone_name: string;
  was_in_use: boolean;
  ivr: boolean;
  verification_method: 'voice' | 'sms';
  certificate: string | null;
  new_name_status: string | null;
  default_language: string;
  has_integration_layer: boolean;
  error: string | null;
  configuration_type: string | null;
  region: string | null;
  shards_number: number;
}

export interface OnBehalfOfBusinessInfo {
  id: string;
  name: string;
  status: string;
  type: string;
}

export interface WabaAccount {
  id: string;
  external_id: string;
  name: string;
  namespace: string;
  client_id: string;
  status: string;
  fb_account_status: string;
  on_behalf_of_business_info: OnBehalfOfBusinessInfo | null;
  consents: Record<string, never>;
  created_at: string;
  created_by: UserRef;
}

export interface Integration {
  enabled: boolean;
  app_id: string | null;
  state: string | null;
}

export interface ProfileInfo {
  about_text: string;
  business_vertical: string;
  business_description: string;
  contact_email: string;
}

export interface DemoChannel {
  id: string;
  client_id: string;
  account_mode: 'sandbox' | 'live';
  status: string;
  version: number;
  type: string;
  created_at: string;
  modified_at: string;
  billing_started_at: string | null;
  terminated_at: string | null;
  current_limit: string | null;
  current_quality_rating: string | null;
  client: ClientSummary;
  setup_info: SetupInfo;
  waba_account?: WabaAccount;
  waba_account_id: string | null;
  integration?: Integration | null;
  profile_info?: ProfileInfo;
  has_inbox: boolean | null;
  is_oba: boolean | null;
}

export interface TemplateComponent {
  type: 'HEADER' | 'BODY' | 'FOOTER' | 'BUTTONS';
  format?: 'TEXT' | 'IMAGE' | 'DOCUMENT';
  text?: string;
  example?: Record<string, unknown>;
  buttons?: { type: string; text: string; url?: string; phone_number?: string }[];
}

export interface DemoTemplate {
  id: string;
  partner_id: string;
  waba_account_id: string;
  namespace: string;
  external_id: string;
  name: string;
  language: string;
  category: 'MARKETING' | 'UTILITY' | 'AUTHENTICATION';
  components: TemplateComponent[];
  status: string;
  rejected_reason: string | null;
  quality_score: { score: string; date: string } | null;
  created_at: string;
  created_by: UserRef;
  modified_at: string;
  modified_by: UserRef;
}

export interface DemoPartner {
  id: string;
  brand_name: string;
  logo_url: string | null;
  country: string;
  webhook_url: string;
  partner_redirect_url: string;
  allow_client_to_add_phone_no: boolean;
  settings: Record<string, unknown> | null;
}

/** A record the hub keeps: the wire object plus what it caches or hides about it. */
export interface Entry<T> {
  record: T;
  /** Cached JSON of `record`; cleared on every mutation so pages can be joined from strings. */
  json?: string | undefined;
  /** Cached lowercase text for the `q` filter. */
  search?: string | undefined;
}

export interface ClientEntry extends Entry<DemoClient> {
  /** Internal: direct-payment clients may read their balance; partner-payment ones may not. */
  directPayment: boolean;
}

export interface ChannelEntry extends Entry<DemoChannel> {
  /** Internal: whether the client shared API-key permission with the partner. */
  apiKeyPermission: boolean;
  keyGeneration: number;
  apiKey: string | null;
  health: { status: string; until: number; refreshes: number } | null;
}
