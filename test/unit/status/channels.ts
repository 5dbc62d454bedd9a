/**
 * Raw channel objects for the status tests, shaped like the API reference §8.2 example. Each call
 * returns a fresh object so a test can mutate its copy freely.
 */

/** The live, healthy channel of §8.2 ("aB3dE5CH"). */
export function liveChannel(): Record<string, unknown> {
  return {
    id: 'aB3dE5CH',
    client_id: '3CpBg3xvCL',
    account_mode: 'live',
    status: 'ready',
    created_at: '2024-03-01T09:20:00Z',
    billing_started_at: '2024-03-02T00:00:00Z',
    terminated_at: null,
    current_limit: 'TIER_1K',
    current_quality_rating: 'GREEN',
    setup_info: { phone_number: '4930123456', phone_name: 'Acme Support', error: null },
    waba_account: {
      id: 'DWLgd6WA',
      status: 'approved',
      fb_account_status: 'verified',
      on_behalf_of_business_info: { id: '348728345238956', name: 'Acme GmbH', status: 'approved', type: 'OWNER' },
    },
    integration: { enabled: true, app_id: '104148', state: 'running' },
  };
}

/** The sandbox channel of §8.2 ("kL9mN2CH"): classic status unverified, no app id. */
export function sandboxDraftChannel(): Record<string, unknown> {
  return {
    id: 'kL9mN2CH',
    client_id: '3CpBg3xvCL',
    account_mode: 'sandbox',
    status: 'unverified',
    terminated_at: null,
    current_limit: null,
    current_quality_rating: null,
    setup_info: { phone_number: '4930987654', phone_name: 'Acme Sales', error: null },
    waba_account: {
      id: 'DWLgd6WA',
      fb_account_status: 'pending_submission',
      on_behalf_of_business_info: { id: '348728345238956', name: 'Acme GmbH', status: 'submitted', type: 'OWNER' },
    },
    integration: { enabled: false, app_id: null, state: null },
  };
}

/** A classic-signup channel in sandbox mode that has an app, so its `status` decides the state. */
export function classicChannel(status: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...liveChannel(), account_mode: 'sandbox', status, ...extra };
}

/** A copy of `base` with waba_account fields replaced (shallowly). */
export function withWaba(base: Record<string, unknown>, waba: Record<string, unknown>): Record<string, unknown> {
  const current = base.waba_account;
  const previous = typeof current === 'object' && current !== null ? current : {};
  return { ...base, waba_account: { ...previous, ...waba } };
}
