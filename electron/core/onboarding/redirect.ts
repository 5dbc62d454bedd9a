/**
 * Reading the redirect back. After the client grants (or revokes) permissions on the permission page,
 * the Hub opens the partner's redirect URL with (docs: "custom integrated onboarding"):
 *   client=<client-id>
 *   channels=[<channel-id>,<channel-id>]   the channels permitted during the last visit
 *   revoked=[<channel-id>]                 optional: permissions the client took back
 * plus, presumably, the `state` the link carried (the reference marks the echo as inferred). The list
 * form is the one the 360dialog-connect-button package parses (brackets, comma-separated); JSON
 * arrays with quoted ids and bare comma lists are read too, because a partner's redirect page may
 * have re-serialised them. Users paste the whole address, only its query, or the query after a
 * single-page app's "#".
 */
import { isPlainId } from './permission-link';

export interface ParsedRedirect {
  clientId: string;
  granted: string[];
  revoked: string[];
  /** The state the link carried, when the redirect names one. */
  state: string | null;
}

export type RedirectParse = { ok: true; value: ParsedRedirect } | { ok: false; message: string };

const STATE_MAX = 200;

function fail(message: string): RedirectParse {
  return { ok: false, message };
}

/** The query part of whatever was pasted, or null. */
function queryOf(text: string): string | null {
  let url: URL | null;
  try {
    url = new URL(text);
  } catch {
    url = null;
  }
  if (url) {
    if (url.searchParams.has('client')) return url.search.slice(1);
    const hashQuery = url.hash.indexOf('?');
    if (hashQuery >= 0) return url.hash.slice(hashQuery + 1);
    return url.search.slice(1);
  }
  const question = text.indexOf('?');
  if (question >= 0) return text.slice(question + 1);
  return text.includes('=') ? text : null;
}

/** "[a,b]", '["a","b"]', "a,b", "[]" -> ids; null when it is not a list of ids. */
function listOf(raw: string): string[] | null {
  let text = raw.trim();
  if (text.startsWith('[') !== text.endsWith(']')) return null;
  if (text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed) && parsed.every((v) => typeof v === 'string')) text = parsed.join(',');
      else text = text.slice(1, -1);
    } catch {
      text = text.slice(1, -1);
    }
  }
  const ids = text
    .split(',')
    .map((part) => part.trim().replace(/^["']|["']$/g, ''))
    .filter((part) => part !== '');
  if (!ids.every(isPlainId)) return null;
  return [...new Set(ids)];
}

export function parseRedirect(pasted: string): RedirectParse {
  const text = pasted.trim();
  if (text === '') return fail('Paste the address your redirect page was opened with (it contains client=… and channels=[…]).');
  const query = queryOf(text);
  if (query === null)
    return fail('This is not a redirect address: it has no query (client=…&channels=[…]). Paste the whole address from the browser.');
  const params = new URLSearchParams(query);
  const clients = [...new Set(params.getAll('client').map((c) => c.trim()))];
  if (clients.length === 0 || clients[0] === '')
    return fail('The address names no client (client=…): it is not the redirect of a permission page, or it was cut off.');
  if (clients.length > 1)
    return fail(`The address names more than one client (${clients.join(', ')}); paste the redirect exactly as it arrived.`);
  const clientId = clients[0] as string;
  if (!isPlainId(clientId)) return fail(`"${clientId}" is not a client id.`);
  const channelsRaw = params.get('channels');
  const revokedRaw = params.get('revoked');
  if (channelsRaw === null && revokedRaw === null)
    return fail('The address names no channels (channels=[…]) and nothing revoked: it was cut off, or it is not a permission redirect.');
  const granted = channelsRaw === null ? [] : listOf(channelsRaw);
  if (granted === null) return fail(`channels=${channelsRaw} is not a list of channel ids such as [aB3dE5CH,kL9mN2CH].`);
  const revoked = revokedRaw === null ? [] : listOf(revokedRaw);
  if (revoked === null) return fail(`revoked=${revokedRaw} is not a list of channel ids such as [aB3dE5CH].`);
  const stateRaw = params.get('state');
  const state = stateRaw === null || stateRaw.trim() === '' ? null : stateRaw.trim();
  if (state !== null && state.length > STATE_MAX) return fail('The state in this address is too long to be one Partner Desk made.');
  return { ok: true, value: { clientId, granted, revoked: revoked.filter((id) => !granted.includes(id)), state } };
}

/** What matching a redirect to the links on record needs of a link. */
export interface LinkCandidate {
  id: string;
  state: string | null;
  clientId: string | null;
  status: 'open' | 'used';
  createdAt: string;
}

export type RedirectMatch =
  | { type: 'state'; linkId: string }
  | { type: 'client'; linkId: string }
  | { type: 'none' }
  /** A state no link of this profile carries: another profile's, another installation's, or forged. */
  | { type: 'foreign'; state: string };

/**
 * The link a redirect answers: the one carrying its state; without a state, the newest open link
 * made for that very client. A state that matches nothing is never guessed around.
 */
export function matchRedirect(redirect: ParsedRedirect, links: readonly LinkCandidate[]): RedirectMatch {
  if (redirect.state !== null) {
    const byState = links.find((link) => link.state === redirect.state);
    return byState ? { type: 'state', linkId: byState.id } : { type: 'foreign', state: redirect.state };
  }
  const forClient = links
    .filter((link) => link.status === 'open' && link.clientId === redirect.clientId)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  return forClient ? { type: 'client', linkId: forClient.id } : { type: 'none' };
}
