/**
 * The permission link builder: every documented parameter, names in any script encoded so that they
 * come back exactly, and the values it must refuse (bad emails, numbers, URLs, ids) with what to fix.
 */
import { describe, expect, it } from 'vitest';
import { buildPermissionLink, dashboardOriginFor, normaliseNumber, REAL_DASHBOARD_ORIGIN } from '@core/onboarding/permission-link';

const base = { partnerId: 'f167CmPA', dashboardOrigin: REAL_DASHBOARD_ORIGIN, state: 'pdAbC-123_x' };

function params(url: string): Record<string, string> {
  return Object.fromEntries(new URL(url).searchParams.entries());
}

describe('buildPermissionLink', () => {
  it('builds the documented permission page with the state alone', () => {
    const link = buildPermissionLink(base);
    expect(link.url).toBe('https://hub.360dialog.com/dashboard/app/f167CmPA/permissions?state=pdAbC-123_x');
    expect(link).toMatchObject({ email: null, name: null, number: null, partnerPayload: null, clientId: null, redirectUrl: null });
  });

  it('carries every parameter: email, name, partner tag, number, client_id with next=login, state, redirect_url', () => {
    const link = buildPermissionLink({
      ...base,
      email: ' ops@acme.example ',
      name: 'Acme GmbH',
      partnerPayload: 'crm-4711',
      number: '+49 151 2345 6789',
      clientId: '3CpBg3xvCL',
      redirectUrl: 'https://crm.example.com/360/done?tenant=7',
    });
    const url = new URL(link.url);
    expect(url.origin + url.pathname).toBe('https://hub.360dialog.com/dashboard/app/f167CmPA/permissions');
    expect(params(link.url)).toEqual({
      email: 'ops@acme.example',
      name: 'Acme GmbH',
      partner: 'crm-4711',
      number: '+4915123456789',
      client_id: '3CpBg3xvCL',
      next: 'login',
      state: 'pdAbC-123_x',
      redirect_url: 'https://crm.example.com/360/done?tenant=7',
    });
    // A fixed order, and the redirect URL's own query cannot leak into ours.
    expect([...url.searchParams.keys()]).toEqual(['email', 'name', 'partner', 'number', 'client_id', 'next', 'state', 'redirect_url']);
    expect(link.url).toContain('redirect_url=https%3A%2F%2Fcrm.example.com%2F360%2Fdone%3Ftenant%3D7');
    expect(link).toMatchObject({ email: 'ops@acme.example', number: '+4915123456789', clientId: '3CpBg3xvCL', partnerPayload: 'crm-4711' });
  });

  it('encodes names in any script as UTF-8 percent-escapes (spaces as %20) that decode back exactly', () => {
    const names = [
      'Müller & Söhne GmbH',
      '株式会社 山田商事',
      'Ελληνικά Τρόφιμα Α.Ε.',
      'شركة الأمل للتجارة',
      'Кофейня «Утро»',
      'Café 50% + "Tee" #1',
      '🍕 Pizza Napoli',
    ];
    for (const name of names) {
      const link = buildPermissionLink({ ...base, name, partnerPayload: `tag ${name}` });
      expect(params(link.url).name, name).toBe(name);
      expect(params(link.url).partner, name).toBe(`tag ${name}`);
      expect(decodeURIComponent(link.url.split('name=')[1]!.split('&')[0]!)).toBe(name);
      // Nothing in the URL is left unencoded that a server could read differently.
      expect(link.url).not.toMatch(/[\s"<>\u0080-\uffff]/u);
      expect(link.url.split('?')[1]).not.toContain('+');
    }
  });

  it('normalises numbers to E.164 from the usual notations', () => {
    for (const raw of ['+49 151 23456789', '+49 (151) 2345-6789', '0049 151 23456789', '+49.151.23456789', ' +4915123456789 ']) {
      expect(normaliseNumber(raw), raw).toBe('+4915123456789');
    }
    expect(normaliseNumber('+1 415 555 2671')).toBe('+14155552671');
    expect(normaliseNumber('+55 11 91234-5678')).toBe('+5511912345678');
  });

  it('refuses numbers without country code, impossible ones and non-numbers, saying what is wrong', () => {
    expect(() => normaliseNumber('0151 23456789')).toThrow(/country code/);
    expect(() => normaliseNumber('151 23456789')).toThrow(/country code/);
    expect(() => normaliseNumber('+49 151 2345678')).toThrow(/not a valid phone number/);
    expect(() => normaliseNumber('+999 123456')).toThrow(/not a valid phone number/);
    expect(() => normaliseNumber('+49 151 2345abcd')).toThrow(/not a phone number/);
    expect(() => buildPermissionLink({ ...base, number: 'call me' })).toThrow(/not a phone number/);
    expect(() => normaliseNumber('+49 151 23456789 ext. 2')).toThrow(/not a phone number/);
  });

  it("reads a number written nationally in the existing client's country, and only there", () => {
    expect(normaliseNumber('0151 23456789', 'DE')).toBe('+4915123456789');
    expect(normaliseNumber('(0151) 2345-6789', ' de ')).toBe('+4915123456789');
    expect(normaliseNumber('06 12 34 56 78', 'FR')).toBe('+33612345678');
    expect(normaliseNumber('(11) 96123-4567', 'BR')).toBe('+5511961234567');
    // + or 00 wins over the client's country: a French client may well onboard a German number.
    expect(normaliseNumber('0049 151 23456789', 'FR')).toBe('+4915123456789');
    // Read in the client's country, a number of another plan is no number there.
    expect(() => normaliseNumber('0151 23456789', 'FR')).toThrow(/not a valid phone number \(read in FR/);
    expect(() => normaliseNumber('0151 23456789', 'XX')).toThrow(/country code/);
    expect(buildPermissionLink({ ...base, clientId: '3CpBg3xvCL', country: 'DE', number: '01512 3456789' }).number).toBe('+4915123456789');
    expect(() => buildPermissionLink({ ...base, number: '01512 3456789' })).toThrow(/country code/);
  });

  it('refuses invalid emails', () => {
    for (const email of [
      'ops',
      'ops@',
      '@acme.example',
      'ops@@acme.example',
      'ops acme@example.com',
      'ops@acme',
      'ops@acme.example\nBcc: x@y.example',
    ]) {
      expect(() => buildPermissionLink({ ...base, email }), email).toThrow(
        expect.objectContaining({ code: 'invalid_input', message: expect.stringMatching(/is not an email address/) }),
      );
    }
  });

  it('refuses redirect URLs that are not absolute https addresses', () => {
    const cases: Array<[string, RegExp]> = [
      ['http://crm.example.com/done', /must start with https/],
      ['javascript:alert(1)', /must start with https/],
      ['ftp://crm.example.com/', /must start with https/],
      ['crm.example.com/done', /not a complete address/],
      ['/onboarding/done', /not a complete address/],
      ['https://user:pw@crm.example.com/', /user name or password/],
      ['https://crm example.com/', /space/],
      ['https://localhost/done', /public host name/],
    ];
    for (const [redirectUrl, message] of cases) {
      expect(() => buildPermissionLink({ ...base, redirectUrl }), redirectUrl).toThrow(message);
    }
  });

  it('refuses ids and states that would need explaining in a URL, and control characters in names and tags', () => {
    expect(() => buildPermissionLink({ ...base, partnerId: 'abc/../x' })).toThrow(/not a partner id/);
    expect(() => buildPermissionLink({ ...base, clientId: 'a b' })).toThrow(/not a client id/);
    expect(() => buildPermissionLink({ ...base, state: 'a&b=c' })).toThrow(/state/);
    expect(() => buildPermissionLink({ ...base, name: 'Acme\nGmbH' })).toThrow(/control characters/);
    expect(() => buildPermissionLink({ ...base, partnerPayload: 'crm\t1' })).toThrow(/control characters/);
  });

  it('leaves out what is empty', () => {
    const link = buildPermissionLink({ ...base, email: '  ', name: '', number: ' ', partnerPayload: '', redirectUrl: ' ', clientId: '' });
    expect(Object.keys(params(link.url))).toEqual(['state']);
  });

  it("uses the simulated hub's origin in demo mode and the real dashboard for the real API host", () => {
    expect(buildPermissionLink({ ...base, dashboardOrigin: 'http://127.0.0.1:4010' }).url).toBe(
      'http://127.0.0.1:4010/dashboard/app/f167CmPA/permissions?state=pdAbC-123_x',
    );
    expect(dashboardOriginFor('https://hub.360dialog.io/api/v2')).toBe('https://hub.360dialog.com');
    expect(dashboardOriginFor('http://127.0.0.1:4010/api/v2')).toBe('http://127.0.0.1:4010');
  });
});
