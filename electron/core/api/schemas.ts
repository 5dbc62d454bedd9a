/**
 * What the app reads from 360dialog's answers (§3, §8). Objects are loose: unknown fields are kept,
 * because each record is stored as its raw JSON and the API grows fields the app does not know yet.
 * Only the fields the app uses are typed; everything not proven required is `.nullish()`, since the
 * reference marks much of it as inferred. Records of a list are validated one at a time (see
 * `parseClient` & co.), so one bad record is quarantined instead of failing a sync.
 */
import { z } from 'zod';

const text = z.string().nullish();
const id = z.string().min(1, 'must not be empty');
/** Money as the .NET client types it (decimal); tolerate a numeric string as well. */
const decimal = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/)
    .transform(Number),
]);
/** Ids the API sometimes types as numbers (api key `id`, `app_id`). */
const idLike = z.union([z.string(), z.number()]).transform(String);
const userRef = z.looseObject({ user_id: text, user_name: text });
const contactInfo = z.looseObject({
  webpage_url: text,
  phone: text,
  language: text,
  country: text,
  street_name: text,
  city: text,
  email: text,
  full_name: text,
  zip_code: text,
});

export const ClientSchema = z.looseObject({
  id,
  name: text,
  status: text,
  organisation: text,
  max_channels: z.number().int().nullish(),
  partner_payload: text,
  meta_info: z.looseObject({ business_vertical: text, timezone: text, about: text, business_description: text, use_case: text }).nullish(),
  contact_info: contactInfo.nullish(),
  contact_user: z.looseObject({ phone: text, email: text, name: text }).nullish(),
  created_at: text,
  created_by: userRef.nullish(),
  modified_at: text,
  modified_by: userRef.nullish(),
  suspicious: z.boolean().nullish(),
});
export type Client = z.output<typeof ClientSchema>;

export const ChannelSchema = z.looseObject({
  id,
  // Required: a channel the app cannot place under its client is useless (and cannot be cancelled).
  client_id: id,
  account_mode: text,
  status: text,
  type: text,
  version: z.union([z.number(), z.string()]).nullish(),
  created_at: text,
  modified_at: text,
  billing_started_at: text,
  terminated_at: text,
  current_limit: text,
  current_quality_rating: text,
  client: z.looseObject({ id: text, name: text, partner_payload: text, contact_info: contactInfo.nullish() }).nullish(),
  setup_info: z
    .looseObject({
      phone_number: text,
      phone_name: text,
      was_in_use: z.boolean().nullish(),
      ivr: z.boolean().nullish(),
      verification_method: text,
      default_language: text,
      error: text,
      new_name_status: text,
    })
    .nullish(),
  waba_account: z
    .looseObject({
      id: text,
      external_id: text,
      name: text,
      namespace: text,
      status: text,
      fb_account_status: text,
      on_behalf_of_business_info: z.looseObject({ id: text, name: text, status: text, type: text }).nullish(),
    })
    .nullish(),
  waba_account_id: text,
  integration: z.looseObject({ enabled: z.boolean().nullish(), app_id: idLike.nullish(), state: text }).nullish(),
  profile_info: z.looseObject({ about_text: text, business_vertical: text, business_description: text, contact_email: text }).nullish(),
  has_inbox: z.boolean().nullish(),
  is_oba: z.boolean().nullish(),
});
export type Channel = z.output<typeof ChannelSchema>;

export const TemplateSchema = z.looseObject({
  id,
  name: z.string(),
  language: z.string(),
  category: text,
  status: text,
  rejected_reason: text,
  components: z.array(z.looseObject({ type: text })).nullish(),
  quality_score: z.unknown().optional(),
  waba_account_id: text,
  partner_id: text,
  namespace: text,
  external_id: text,
  created_at: text,
  modified_at: text,
});
export type Template = z.output<typeof TemplateSchema>;

export const ClientBalanceSchema = z.looseObject({
  // May be missing or null (§5 quirk 10).
  balance: decimal.nullish(),
  currency: text,
  granularity: text,
  estimated_template_cost: decimal.nullish(),
  last_renewal: z.looseObject({ date: text, amount: decimal.nullish() }).nullish(),
  usage: z
    .array(
      z.looseObject({
        period_date: text,
        quantity: z.number().nullish(),
        paid_quantity: z.number().nullish(),
        total_price: decimal.nullish(),
      }),
    )
    .nullish(),
});
export type ClientBalance = z.output<typeof ClientBalanceSchema>;

/** `GET /partners/{pid}/balance`: one entry per currency. */
export const PartnerBalanceSchema = z.array(z.looseObject({ currency: z.string(), total: decimal }));
export type PartnerBalance = z.output<typeof PartnerBalanceSchema>;

export const PartnerSchema = z.looseObject({
  id,
  brand_name: text,
  country: text,
  logo_url: text,
  webhook_url: text,
  partner_redirect_url: text,
  allow_client_to_add_phone_no: z.boolean().nullish(),
  settings: z.record(z.string(), z.unknown()).nullish(),
});
export type Partner = z.output<typeof PartnerSchema>;

export const ApiKeySchema = z.looseObject({
  id: idLike.nullish(),
  /** The messaging base URL to use with this key (waba-v2 for Cloud API, waba for On-Premise). */
  address: text,
  api_key: z.string().min(1),
  app_id: idLike.nullish(),
});
export type ApiKey = z.output<typeof ApiKeySchema>;
/** Older Client-Hub form (§3.5): the same record wrapped in `api_keys[]`. */
export const WrappedApiKeySchema = z.looseObject({ api_keys: z.array(ApiKeySchema).min(1) });

export const TokenSchema = z.looseObject({
  access_token: z.string().min(1),
  // Seen as lowercase "bearer" (§5 quirk 7); the header is always sent as "Bearer".
  token_type: z.string().default('bearer'),
  expires_in: z.number().positive().default(86_400),
});
export type Token = z.output<typeof TokenSchema>;

/**
 * The list envelope (§2); items are left unvalidated for per-record parsing. The published schema of
 * the client and channel listings marks `count` and `total` optional (§11): a page without them is
 * read all the same (count = the items that came, no total = page until a short page).
 */
export const ListEnvelopeSchema = z.looseObject({
  count: z.number().int().min(0).nullish(),
  total: z.number().int().min(0).nullish(),
  offset: z.number().int().min(0).nullish(),
  limit: z.number().int().min(0).nullish(),
});

export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'object') return 'an object';
  return `the ${typeof value} ${String(value)}`;
}

/** "setup_info: expected an object, got the number 42; id is missing". */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const parts = issues.slice(0, 4).map((issue) => {
    const field = issue.path.length > 0 ? issue.path.map(String).join('.') : 'record';
    if (issue.code === 'invalid_type') {
      if (issue.input === undefined) return `${field} is missing`;
      return `${field}: expected ${issue.expected === 'object' || issue.expected === 'array' ? `an ${issue.expected}` : `a ${issue.expected}`}, got ${describeValue(issue.input)}`;
    }
    return `${field}: ${issue.message}`;
  });
  const more = issues.length > 4 ? ` (and ${issues.length - 4} more)` : '';
  return `${parts.join('; ')}${more}`;
}

export function parseWith<S extends z.ZodType>(schema: S, raw: unknown): ParseResult<z.output<S>> {
  const parsed = schema.safeParse(raw, { reportInput: true });
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, reason: describeIssues(parsed.error.issues) };
}

export const parseClient = (raw: unknown): ParseResult<Client> => parseWith(ClientSchema, raw);
export const parseChannel = (raw: unknown): ParseResult<Channel> => parseWith(ChannelSchema, raw);
export const parseTemplate = (raw: unknown): ParseResult<Template> => parseWith(TemplateSchema, raw);
export const parsePartner = (raw: unknown): ParseResult<Partner> => parseWith(PartnerSchema, raw);
