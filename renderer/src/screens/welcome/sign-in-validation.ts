/**
 * Checks the sign-in form with the contract's own schema before anything is sent, so the user sees
 * the same words main would answer with, next to the field they concern. Two methods: the Partner
 * API key (recommended) and, for partners on the legacy method, a partner user's username and
 * password (main exchanges them for a Bearer token and keeps both in the keychain).
 */
import { SignInInput, type AuthMethod } from '@shared/contract';

export type SignInMethod = Exclude<AuthMethod, 'demo'>;

export interface SignInFields {
  /** Omitted: the Partner API key. */
  method?: SignInMethod;
  partnerId: string;
  apiKey: string;
  username?: string;
  password?: string;
  hubUrl: string;
}

export type SignInField = 'partnerId' | 'apiKey' | 'username' | 'password' | 'hubUrl';
export type FieldErrors = Partial<Record<SignInField, string>>;

export type SignInValidation = { ok: true; value: SignInInput } | { ok: false; errors: FieldErrors };

const FIELD_ORDER: SignInField[] = ['partnerId', 'apiKey', 'username', 'password', 'hubUrl'];

// zod's generic URL message does not say what is expected; everything else comes from the contract.
const HUB_URL_MESSAGE = 'Enter the full Hub address, starting with https:// (e.g. https://hub.360dialog.io/api/v2).';

export function validateSignIn(fields: SignInFields): SignInValidation {
  const hubUrl = fields.hubUrl.trim();
  const common = { partnerId: fields.partnerId, ...(hubUrl ? { hubUrl } : {}) };
  const parsed = SignInInput.safeParse(
    fields.method === 'token'
      ? { method: 'token', ...common, username: fields.username ?? '', password: fields.password ?? '' }
      : { method: 'api_key', ...common, apiKey: fields.apiKey },
  );
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (!isField(field) || errors[field]) continue;
    errors[field] = field === 'hubUrl' ? HUB_URL_MESSAGE : issue.message;
  }
  if (Object.keys(errors).length === 0) errors.partnerId = parsed.error.issues[0]?.message ?? 'Check the fields and try again.';
  return { ok: false, errors };
}

/** The first field (in form order) that has an error, to move focus to. */
export function firstInvalidField(errors: FieldErrors): SignInField | null {
  return FIELD_ORDER.find((field) => errors[field]) ?? null;
}

function isField(value: unknown): value is SignInField {
  return typeof value === 'string' && (FIELD_ORDER as string[]).includes(value);
}
