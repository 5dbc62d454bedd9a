/**
 * The Integrated Onboarding (permission) link: `https://hub.360dialog.com/dashboard/app/{partner_id}/permissions`
 * with the parameters 360dialog documents (docs: "custom integrated onboarding"; the official
 * integrated-onboarding demo, github.com/360dialog/integrated-onboarding-demo pages/index.tsx, and the
 * 360dialog-connect-button package, which build the same URL):
 *   email, name        prefill the client's sign-up
 *   partner            the partner's own value for the client; the Hub keeps it as its partner_payload
 *   number             the number to onboard (the Connect Button's `requestedNumber`)
 *   client_id          add numbers to this existing client
 *   next=login         open the login rather than the sign-up (the demo's "Show login"): set with client_id
 *   state              an opaque value the Hub hands back with the redirect; Partner Desk records it
 *   redirect_url       where this link's client lands instead of the partner's partner_redirect_url
 * Everything is percent-encoded with encodeURIComponent (UTF-8, spaces as %20): names in any script
 * survive whatever decoder the Hub uses. Values are checked first; a bad one is refused with what to
 * fix, never silently dropped.
 */
import { z } from 'zod';
import { AppError } from '@shared/errors';
import { readTypedNumber } from '@shared/format/phone';
import { checkSettingsUrl } from '@shared/onboarding';

export const REAL_DASHBOARD_ORIGIN = 'https://hub.360dialog.com';

export interface LinkRequest {
  partnerId: string;
  /** Where the permission page lives: the real Hub, or the simulated one in demo mode. */
  dashboardOrigin: string;
  state: string;
  clientId?: string | undefined;
  email?: string | undefined;
  name?: string | undefined;
  number?: string | undefined;
  /** The existing client's country (ISO alpha-2): a number written nationally is read in it. */
  country?: string | null | undefined;
  partnerPayload?: string | undefined;
  redirectUrl?: string | undefined;
}

export interface BuiltLink {
  url: string;
  email: string | null;
  name: string | null;
  /** E.164 with "+", as sent. */
  number: string | null;
  partnerPayload: string | null;
  clientId: string | null;
  redirectUrl: string | null;
}

const Email = z.email();
const ID = /^[A-Za-z0-9_-]{1,100}$/;
/** Hub ids, states and the like: nothing that would need explaining in a URL. */
export function isPlainId(value: string): boolean {
  return ID.test(value);
}

/**
 * "+49 151 2345-6789", "0049 151 23456789" -> "+4915123456789", and "0151 23456789" too when the link is
 * for a client whose country is known (the shared reading of typed numbers, shared/format/phone.ts).
 * Refuses a number without its country code where none is known, one that cannot exist, and text.
 */
export function normaliseNumber(raw: string, country?: string | null): string {
  const text = raw.trim();
  const read = readTypedNumber(text, country);
  if (read.ok) return read.e164;
  switch (read.problem) {
    case 'not_a_number':
      throw new AppError('invalid_input', `"${text}" is not a phone number: use digits, spaces and the leading +.`);
    case 'needs_country_code':
      throw new AppError('invalid_input', `Give the number with its country code, e.g. +49 151 23456789 (got "${text}").`);
    case 'invalid':
      throw new AppError(
        'invalid_input',
        `${text} is not a valid phone number${country ? ` (read in ${country.trim().toUpperCase()} when written without + or 00)` : ' for its country code'}; check the digits.`,
      );
  }
}

export function normaliseEmail(raw: string): string {
  const text = raw.trim();
  if (!Email.safeParse(text).success)
    throw new AppError('invalid_input', `"${text}" is not an email address (it looks like name@company.com).`);
  return text;
}

/** Line breaks, tabs and other control characters: never meant in a name or a tag. */
export function hasControlCharacters(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f]/.test(text);
}

function optional(value: string | undefined): string | null {
  const text = value?.trim();
  return text ? text : null;
}

export function buildPermissionLink(request: LinkRequest): BuiltLink {
  if (!isPlainId(request.partnerId)) throw new AppError('invalid_input', `"${request.partnerId}" is not a partner id.`);
  if (!isPlainId(request.state)) throw new AppError('invalid_input', 'The link state must be letters, digits, "-" and "_".');
  const clientId = optional(request.clientId);
  if (clientId !== null && !isPlainId(clientId))
    throw new AppError('invalid_input', `"${clientId}" is not a client id (they end in "CL").`);
  const email = optional(request.email) === null ? null : normaliseEmail(request.email ?? '');
  const name = optional(request.name);
  if (name !== null && hasControlCharacters(name))
    throw new AppError('invalid_input', 'The name cannot contain line breaks or other control characters.');
  const number = optional(request.number) === null ? null : normaliseNumber(request.number ?? '', request.country);
  const partnerPayload = request.partnerPayload === undefined || request.partnerPayload === '' ? null : request.partnerPayload;
  if (partnerPayload !== null && hasControlCharacters(partnerPayload))
    throw new AppError('invalid_input', 'The tag cannot contain line breaks or other control characters.');
  let redirectUrl: string | null = null;
  if (optional(request.redirectUrl) !== null) {
    const checked = checkSettingsUrl(request.redirectUrl ?? '', "link's redirect URL");
    if (!checked.ok) throw new AppError('invalid_input', checked.message);
    redirectUrl = checked.url;
  }
  let origin: URL;
  try {
    origin = new URL(request.dashboardOrigin);
  } catch {
    throw new AppError('internal', `The permission page address ${request.dashboardOrigin} is not a URL.`);
  }
  const params: Array<[string, string]> = [];
  if (email !== null) params.push(['email', email]);
  if (name !== null) params.push(['name', name]);
  if (partnerPayload !== null) params.push(['partner', partnerPayload]);
  if (number !== null) params.push(['number', number]);
  if (clientId !== null) params.push(['client_id', clientId], ['next', 'login']);
  params.push(['state', request.state]);
  if (redirectUrl !== null) params.push(['redirect_url', redirectUrl]);
  const query = params.map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join('&');
  const url = `${origin.origin}/dashboard/app/${encodeURIComponent(request.partnerId)}/permissions?${query}`;
  return { url, email, name, number, partnerPayload, clientId, redirectUrl };
}

/** The permission page's origin for a Partner API base URL: the real Hub's dashboard, or the same origin (a simulated hub serves both). */
export function dashboardOriginFor(hubUrl: string): string {
  try {
    const url = new URL(hubUrl);
    return url.hostname === 'hub.360dialog.io' ? REAL_DASHBOARD_ORIGIN : url.origin;
  } catch {
    return REAL_DASHBOARD_ORIGIN;
  }
}
