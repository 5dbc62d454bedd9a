/**
 * Reading the redirect back: granted and revoked channels in the forms 360dialog and partners' pages
 * produce, whatever the user pastes (the whole address, the query, a hash route), malformed input
 * refused with what is wrong, and the matching to links: by state, by client, and a state no link of
 * this profile carries (foreign) never guessed around.
 */
import { describe, expect, it } from 'vitest';
import { matchRedirect, parseRedirect, type LinkCandidate, type ParsedRedirect } from '@core/onboarding/redirect';

function ok(text: string): ParsedRedirect {
  const parsed = parseRedirect(text);
  if (!parsed.ok) throw new Error(`expected a redirect, got: ${parsed.message}`);
  return parsed.value;
}

function refused(text: string): string {
  const parsed = parseRedirect(text);
  if (parsed.ok) throw new Error(`expected a refusal for ${text}`);
  return parsed.message;
}

describe('parseRedirect: granted', () => {
  it('reads the documented form: client, channels=[a,b], state', () => {
    expect(ok('https://crm.example.com/onboarding/done?client=3CpBg3xvCL&channels=[aB3dE5CH,kL9mN2CH]&state=pdX_1-2')).toEqual({
      clientId: '3CpBg3xvCL',
      granted: ['aB3dE5CH', 'kL9mN2CH'],
      revoked: [],
      state: 'pdX_1-2',
    });
  });

  it('reads it percent-encoded, as a JSON array, or as a bare list', () => {
    const expected = { clientId: '3CpBg3xvCL', granted: ['aB3dE5CH', 'kL9mN2CH'], revoked: [], state: null };
    expect(ok('https://crm.example.com/done?client=3CpBg3xvCL&channels=%5BaB3dE5CH%2CkL9mN2CH%5D')).toEqual(expected);
    expect(ok('https://crm.example.com/done?client=3CpBg3xvCL&channels=%5B%22aB3dE5CH%22%2C%22kL9mN2CH%22%5D')).toEqual(expected);
    expect(ok('client=3CpBg3xvCL&channels=aB3dE5CH,kL9mN2CH')).toEqual(expected);
    expect(ok('client=3CpBg3xvCL&channels=[ aB3dE5CH , kL9mN2CH, aB3dE5CH ]')).toEqual(expected);
  });

  it('takes the query alone, with or without "?", and a single-page app\'s hash route', () => {
    const expected = { clientId: 'c1CL', granted: ['ch1CH'], revoked: [], state: 's1' };
    expect(ok('?client=c1CL&channels=[ch1CH]&state=s1')).toEqual(expected);
    expect(ok('  client=c1CL&channels=[ch1CH]&state=s1\n')).toEqual(expected);
    expect(ok('https://app.example.com/#/onboarding?client=c1CL&channels=[ch1CH]&state=s1')).toEqual(expected);
    expect(ok('crm.example.com/done?client=c1CL&channels=[ch1CH]&state=s1')).toEqual(expected);
  });

  it("keeps the partner page's own parameters out of it", () => {
    expect(ok('https://crm.example.com/done?tenant=7&client=c1CL&channels=[ch1CH]&utm_source=x')).toEqual({
      clientId: 'c1CL',
      granted: ['ch1CH'],
      revoked: [],
      state: null,
    });
  });

  it('an empty grant is a valid answer (nothing shared)', () => {
    expect(ok('client=c1CL&channels=[]')).toEqual({ clientId: 'c1CL', granted: [], revoked: [], state: null });
  });
});

describe('parseRedirect: revoked', () => {
  it('reads revoked=[…] beside channels', () => {
    expect(ok('https://crm.example.com/done?client=c1CL&channels=[ch1CH]&revoked=[ch2CH,ch3CH]&state=s')).toEqual({
      clientId: 'c1CL',
      granted: ['ch1CH'],
      revoked: ['ch2CH', 'ch3CH'],
      state: 's',
    });
  });

  it('reads a redirect that only revokes', () => {
    expect(ok('client=c1CL&revoked=[ch2CH]')).toEqual({ clientId: 'c1CL', granted: [], revoked: ['ch2CH'], state: null });
  });

  it('a channel both granted and revoked counts as granted (the last visit granted it)', () => {
    expect(ok('client=c1CL&channels=[ch1CH]&revoked=[ch1CH,ch2CH]').revoked).toEqual(['ch2CH']);
  });
});

describe('parseRedirect: malformed', () => {
  it('refuses what is not a redirect, saying why', () => {
    expect(refused('')).toMatch(/Paste the address/);
    expect(refused('hello there')).toMatch(/no query/);
    expect(refused('https://crm.example.com/done')).toMatch(/names no client/);
    expect(refused('https://crm.example.com/done?channels=[ch1CH]')).toMatch(/names no client/);
    expect(refused('https://crm.example.com/done?client=c1CL')).toMatch(/names no channels/);
    expect(refused('client=c1CL&client=c2CL&channels=[ch1CH]')).toMatch(/more than one client/);
  });

  it('refuses ids that are not ids and lists that are not lists', () => {
    expect(refused('client=<script>&channels=[ch1CH]')).toMatch(/is not a client id/);
    expect(refused('client=c1CL&channels=[ch1CH')).toMatch(/not a list of channel ids/);
    expect(refused('client=c1CL&channels=ch1CH]')).toMatch(/not a list of channel ids/);
    expect(refused('client=c1CL&channels=[ch1CH,../etc]')).toMatch(/not a list of channel ids/);
    expect(refused('client=c1CL&channels=[ch1CH]&revoked=[a b]')).toMatch(/revoked=.* is not a list/);
    expect(refused(`client=c1CL&channels=[ch1CH]&state=${'x'.repeat(201)}`)).toMatch(/state .* too long/);
  });
});

describe('matchRedirect', () => {
  const links: LinkCandidate[] = [
    { id: 'L1', state: 'pdOne', clientId: null, status: 'open', createdAt: '2026-12-01T10:00:00.000Z' },
    { id: 'L2', state: 'pdTwo', clientId: 'c9CL', status: 'open', createdAt: '2026-12-02T10:00:00.000Z' },
    { id: 'L3', state: 'pdThree', clientId: 'c9CL', status: 'open', createdAt: '2026-12-03T10:00:00.000Z' },
    { id: 'L4', state: 'pdFour', clientId: 'c8CL', status: 'used', createdAt: '2026-12-04T10:00:00.000Z' },
  ];
  const redirect = (state: string | null, clientId = 'c1CL'): ParsedRedirect => ({ clientId, granted: ['ch1CH'], revoked: [], state });

  it('ties a redirect to the link carrying its state (used or not: a client may come back)', () => {
    expect(matchRedirect(redirect('pdOne'), links)).toEqual({ type: 'state', linkId: 'L1' });
    expect(matchRedirect(redirect('pdFour', 'c8CL'), links)).toEqual({ type: 'state', linkId: 'L4' });
  });

  it('refuses a foreign state, even when a link for the same client is open', () => {
    expect(matchRedirect(redirect('pdSomeoneElse', 'c9CL'), links)).toEqual({ type: 'foreign', state: 'pdSomeoneElse' });
    expect(matchRedirect(redirect('pdone'), links)).toEqual({ type: 'foreign', state: 'pdone' });
  });

  it('without a state: the newest open link made for that client, else none', () => {
    expect(matchRedirect(redirect(null, 'c9CL'), links)).toEqual({ type: 'client', linkId: 'L3' });
    expect(matchRedirect(redirect(null, 'c8CL'), links)).toEqual({ type: 'none' });
    expect(matchRedirect(redirect(null, 'c1CL'), links)).toEqual({ type: 'none' });
  });
});
