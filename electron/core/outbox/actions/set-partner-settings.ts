/**
 * Change the partner's webhook URL and/or redirect URL (§3.7): `PATCH /partners/{pid}` with only
 * the fields being changed. The partner record is read first (and kept as the local copy): a field
 * showing the target value is already done, one showing the value the user saw is sent, and any
 * other value means it was changed elsewhere (in the Partner Hub's Integration tab, by another user or
 * script): a conflict with both values, which the user may send anyway. That reading is also how an
 * interrupted attempt is resolved.
 */
import type { Partner } from '@core/api';
import { conflict, failed, payloadOf, type ActionEnv, type ActionHandler } from '../action-handler';
import type { Outcome } from '../classify';
import { setting } from '../lifecycle-requests';
import type { StoredAction } from '../outbox-rows';

type Field = 'webhook_url' | 'partner_redirect_url';
const LABEL: Record<Field, string> = { webhook_url: 'webhook URL', partner_redirect_url: 'redirect URL' };
const shown = (value: string | null): string => value ?? '(none)';

/** The Hub may serialise a URL its own way (a trailing slash, the case of the host): compare them as URLs. */
function sameUrl(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  const parse = (text: string): string => {
    try {
      return new URL(text).href;
    } catch {
      return text;
    }
  };
  return a === b || parse(a) === parse(b);
}

interface FieldChange {
  field: Field;
  target: string;
  seen: string | null;
}

function changesOf(action: StoredAction): FieldChange[] {
  const payload = payloadOf(action, 'set_partner_settings');
  const changes: FieldChange[] = [];
  if (payload.webhookUrl !== undefined)
    changes.push({ field: 'webhook_url', target: payload.webhookUrl, seen: action.seen?.webhookUrl ?? null });
  if (payload.redirectUrl !== undefined)
    changes.push({ field: 'partner_redirect_url', target: payload.redirectUrl, seen: action.seen?.redirectUrl ?? null });
  return changes;
}

function done(env: ActionEnv, partner: Partner, already: boolean): Outcome {
  const at = new Date(env.now()).toISOString();
  return {
    type: 'done',
    outcome: already
      ? 'The Hub already showed these settings; nothing was sent.'
      : `Saved: webhook URL ${shown(setting(partner.webhook_url))}, redirect URL ${shown(setting(partner.partner_redirect_url))}.`,
    effect: () => env.records.writePartner(env.profileId, partner, at),
  };
}

function changedElsewhere(action: StoredAction, clashes: Array<FieldChange & { server: string | null }>): Outcome {
  const { title } = payloadOf(action, 'set_partner_settings');
  const words = clashes.map(
    (c) => `the ${LABEL[c.field]} is now ${shown(c.server)} (it was ${shown(c.seen)} when you asked for ${c.target})`,
  );
  return conflict({
    message: `${title}: changed elsewhere meanwhile: ${words.join('; ')}. Retry to send your values anyway, or discard to keep the Hub's.`,
    field: clashes.map((c) => c.field).join(', '),
    queued: clashes.map((c) => c.target).join(', '),
    server: clashes.map((c) => shown(c.server)).join(', '),
    seen: clashes.map((c) => shown(c.seen)).join(', '),
    retryable: true,
  });
}

export const setPartnerSettingsHandler: ActionHandler = {
  kind: 'set_partner_settings',

  async resolve() {
    return { type: 'send' };
  },

  async send(env, action) {
    const { title } = payloadOf(action, 'set_partner_settings');
    const api = await env.api();
    const current = await api.getPartner();
    // The read is news as such: the settings page shows what the Hub has now, whatever follows.
    env.records.writePartner(env.profileId, current, new Date(env.now()).toISOString());
    const toSend: FieldChange[] = [];
    const clashes: Array<FieldChange & { server: string | null }> = [];
    for (const change of changesOf(action)) {
      const server = setting(current[change.field]);
      if (sameUrl(server, change.target)) continue;
      if (sameUrl(server, change.seen)) toSend.push(change);
      else clashes.push({ ...change, server });
    }
    if (clashes.length > 0) return changedElsewhere(action, clashes);
    if (toSend.length === 0) return done(env, current, true);
    const patch = Object.fromEntries(toSend.map((c) => [c.field, c.target]));
    const updated = await api.updatePartner(patch);
    const stuck = toSend.filter((c) => !sameUrl(setting(updated[c.field]), c.target));
    if (stuck.length > 0) {
      return failed(
        'not_applied',
        `${title}: the Hub answered but still shows ${stuck.map((c) => `the ${LABEL[c.field]} as ${shown(setting(updated[c.field]))}`).join(' and ')}. Check the values, then retry.`,
      );
    }
    return done(env, updated, false);
  },

  /** Sent anyway: what the Hub showed when the conflict was found (kept as the local copy) is the new "seen". */
  retrySeen(records, action) {
    const cached = records.partner(action.profileId);
    if (!cached || !action.seen) return undefined;
    return { ...action.seen, webhookUrl: setting(cached.record.webhook_url), redirectUrl: setting(cached.record.partner_redirect_url) };
  },
};
