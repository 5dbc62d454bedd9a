/**
 * Onboarding as the renderer and the CLI see it: the partner's public settings with what each is for
 * and what is wrong with them, the Integrated Onboarding permission links the user made, and what a
 * link brought back (the redirect's client and its granted and revoked channels).
 *
 * The permission flow (docs: "custom integrated onboarding", 360dialog's integrated-onboarding demo):
 * the client opens `https://hub.360dialog.com/dashboard/app/{partner_id}/permissions?…`, signs in or
 * up, picks the numbers to share, and is redirected to the partner's redirect URL with
 * `client=<id>&channels=[<id>,…]` (and `revoked=[…]` when permissions were taken back). Without a
 * redirect URL the client sees an error (docs: integrated onboarding setup).
 */
import { z } from 'zod';
import { ChannelListItem, ClientListItem } from './accounts';
import { OutboxAction } from './outbox';

/** How long a settings URL may be; browsers and proxies start refusing longer ones. */
export const SETTINGS_URL_MAX = 2048;

export type UrlCheck = { ok: true; url: string } | { ok: false; message: string };

/**
 * A webhook or redirect URL as the Hub needs it: absolute, https ("Both URLs must be publicly
 * accessible and properly secured with HTTPS", partner quickstart), no user name or password in it,
 * no spaces. Returns the URL as the user typed it (trimmed), not re-serialised: the Hub compares
 * redirect URLs as text.
 */
export function checkSettingsUrl(raw: string, label: string): UrlCheck {
  const text = raw.trim();
  if (text === '') return { ok: false, message: `Enter the ${label}.` };
  if (text.length > SETTINGS_URL_MAX) return { ok: false, message: `The ${label} is longer than ${SETTINGS_URL_MAX} characters.` };
  if (/\s/.test(text)) return { ok: false, message: `The ${label} contains a space; paste it again without spaces or line breaks.` };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return {
      ok: false,
      message: `The ${label} is not a complete address; it starts with https://, e.g. https://crm.example.com/360dialog.`,
    };
  }
  if (url.protocol !== 'https:') {
    return {
      ok: false,
      message: `The ${label} must start with https:// (the Hub needs a secured, public address); got "${url.protocol.replace(/:$/, '')}".`,
    };
  }
  if (url.username !== '' || url.password !== '') return { ok: false, message: `The ${label} must not contain a user name or password.` };
  if (url.hostname === '' || !url.hostname.includes('.'))
    return { ok: false, message: `The ${label} needs a public host name such as crm.example.com.` };
  return { ok: true, url: text };
}

export const SettingsField = z.enum(['webhook_url', 'partner_redirect_url', 'allow_client_to_add_phone_no']);
export type SettingsField = z.infer<typeof SettingsField>;

export const SettingsWarning = z.object({
  field: SettingsField,
  /** error: onboarding fails for clients; warning: it works, but something is missing or unsafe. */
  severity: z.enum(['error', 'warning']),
  message: z.string(),
});
export type SettingsWarning = z.infer<typeof SettingsWarning>;

/** One public setting, with what it is for (shown beside it; the CLI prints it too). */
export const PartnerSettingRow = z.object({
  key: z.string(),
  label: z.string(),
  value: z.string().nullable(),
  help: z.string(),
});
export type PartnerSettingRow = z.infer<typeof PartnerSettingRow>;

export const PartnerSettingsInput = z.object({ refresh: z.boolean().default(false) }).strict();

export const PartnerSettings = z.object({
  partnerId: z.string(),
  brandName: z.string().nullable(),
  webhookUrl: z.string().nullable(),
  redirectUrl: z.string().nullable(),
  allowClientToAddPhoneNo: z.boolean().nullable(),
  /** Every public setting the Hub returned, in a stable order, each with what it is for. */
  rows: z.array(PartnerSettingRow),
  warnings: z.array(SettingsWarning),
  /** fresh: read from the Hub just now; cached: the last copy (offline, or not asked to refresh); none: never read. */
  source: z.enum(['fresh', 'cached', 'none']),
  fetchedAt: z.string().nullable(),
  /** Why a refresh did not happen (offline, refused), while the cached copy is shown. */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** Open changes of these settings in the outbox, oldest first. */
  pending: z.array(OutboxAction),
});
export type PartnerSettings = z.infer<typeof PartnerSettings>;

/** How a link was handed to the client; kept with the link. */
export const ShareMethod = z.enum(['copy', 'browser', 'email', 'qr', 'cli']);
export type ShareMethod = z.infer<typeof ShareMethod>;

export const PermissionLinkInput = z
  .object({
    /** Add numbers to this existing client (the link then opens the login, `next=login`). */
    clientId: z.string().trim().min(1).max(100).optional(),
    email: z.string().trim().max(320).optional(),
    name: z.string().trim().max(200).optional(),
    /** The number to onboard, any common notation; sent in E.164. */
    number: z.string().trim().max(40).optional(),
    /** The partner's own tag for the new client (`partner`, stored as its partner_payload). */
    partnerPayload: z.string().max(1000).optional(),
    /** This link's own redirect URL (else the Hub uses the partner's partner_redirect_url). */
    redirectUrl: z.string().trim().max(SETTINGS_URL_MAX).optional(),
    /** The language of the email draft (BCP 47, e.g. de-DE); English where no text exists for it. */
    language: z.string().trim().max(35).optional(),
  })
  .strict();
export type PermissionLinkInput = z.input<typeof PermissionLinkInput>;

export const LinkResult = z.object({
  clientId: z.string(),
  /** Channels permitted during the last visit of the permission page (the redirect's `channels`). */
  granted: z.array(z.string()),
  /** Channels whose permission the client took back (the redirect's `revoked`). */
  revoked: z.array(z.string()),
  /** Channels a sync found new for the client after the link was made (no redirect seen). */
  added: z.array(z.string()),
});
export type LinkResult = z.infer<typeof LinkResult>;

export const PermissionLink = z.object({
  id: z.string(),
  /** The opaque value carried by the link and expected back; null for a redirect no link of ours made. */
  state: z.string().nullable(),
  url: z.string().nullable(),
  /** link: made here; redirect: a redirect pasted here that no link of ours explains. */
  origin: z.enum(['link', 'redirect']),
  clientId: z.string().nullable(),
  /** The client's name in the local copy, when known. */
  clientName: z.string().nullable(),
  email: z.string().nullable(),
  name: z.string().nullable(),
  /** E.164, e.g. +4915123456789. */
  number: z.string().nullable(),
  partnerPayload: z.string().nullable(),
  redirectUrl: z.string().nullable(),
  createdAt: z.string(),
  /** How and when it was handed over (copied, opened, emailed, shown as QR code). */
  shared: z.array(z.object({ method: ShareMethod, at: z.string() })),
  status: z.enum(['open', 'used']),
  usedAt: z.string().nullable(),
  matchedBy: z.enum(['redirect', 'sync']).nullable(),
  result: LinkResult.nullable(),
  /** Checked against the partner's settings when made (no redirect URL, numbers not allowed…). */
  warnings: z.array(z.string()),
  /** A mailto: draft with a short text in the link's language. */
  mailto: z.string().nullable(),
});
export type PermissionLink = z.infer<typeof PermissionLink>;

export const GrantedChannel = z.object({
  channelId: z.string(),
  /** The channel in the local copy; null until a sync brings it. */
  channel: ChannelListItem.nullable(),
  /** Partner Desk holds an API key for it in the keychain. */
  keyPresent: z.boolean(),
});
export type GrantedChannel = z.infer<typeof GrantedChannel>;

export const PermissionLinkDetails = PermissionLink.extend({
  client: ClientListItem.nullable(),
  granted: z.array(GrantedChannel),
  revoked: z.array(GrantedChannel),
  added: z.array(GrantedChannel),
  /** Some channels are not in the local copy yet: a sync brings them (one was started). */
  waitingForSync: z.boolean(),
});
export type PermissionLinkDetails = z.infer<typeof PermissionLinkDetails>;

export const LinkIdInput = z.object({ id: z.string().min(1).max(100) }).strict();
export const LinkListInput = z.object({ limit: z.number().int().min(1).max(500).default(100) }).strict();
export const LinkList = z.object({ items: z.array(PermissionLink) });
export type LinkList = z.infer<typeof LinkList>;
export const MarkSharedInput = z.object({ id: z.string().min(1).max(100), method: ShareMethod }).strict();

/** A pasted redirect: the whole URL, or only its query (`client=…&channels=[…]`). */
export const ReadRedirectInput = z.object({ text: z.string().max(8000) }).strict();

export const RedirectReading = z.object({
  link: PermissionLinkDetails,
  /** How the redirect was tied to a link: its state, the client the link was for, or not at all. */
  matchedBy: z.enum(['state', 'client', 'none']),
  message: z.string(),
});
export type RedirectReading = z.infer<typeof RedirectReading>;
