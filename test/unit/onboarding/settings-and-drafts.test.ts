/**
 * The partner settings as shown (every public field with what it is for, in a stable order, the
 * deprecated ones left out) and their warnings; the email draft in the user's language; the end of
 * the month a cancellation can be withdrawn until; the QR code's drawing.
 */
import { describe, expect, it } from 'vitest';
import { encode } from 'uqr';
import { draftLanguage, draftText, mailtoUrl } from '@core/onboarding/email-draft';
import { settingRows, settingWarnings } from '@core/onboarding/partner-settings';
import { deletionDeadline } from '@core/outbox/lifecycle-requests';
import { qrPath } from '../../../renderer/src/components/qr-path';
import type { Partner } from '@core/api';

const partner: Partner = {
  id: 'f167CmPA',
  brand_name: 'Acme Partners',
  country: 'DE',
  logo_url: null,
  webhook_url: 'https://crm.example.com/hooks/360',
  partner_redirect_url: 'https://crm.example.com/onboarding/done',
  allow_client_to_add_phone_no: true,
  settings: { default_max_channels: 2 },
};

describe('settingRows', () => {
  it('lists every public setting with what it is for, known ones first, deprecated and internal ones left out', () => {
    const rows = settingRows({
      ...partner,
      payment_plan: 'x',
      publishable_key: 'pk_live_x',
      onboarding_deeplink_add_params: 'y',
      zz_new_field: 'z',
    } as Partner);
    expect(rows.map((r) => r.key)).toEqual([
      'id',
      'brand_name',
      'partner_redirect_url',
      'webhook_url',
      'allow_client_to_add_phone_no',
      'country',
      'logo_url',
      'zz_new_field',
      'settings.default_max_channels',
    ]);
    expect(rows.find((r) => r.key === 'partner_redirect_url')).toMatchObject({
      label: 'Redirect URL',
      value: partner.partner_redirect_url,
      help: expect.stringMatching(/client sees an error/),
    });
    expect(rows.find((r) => r.key === 'allow_client_to_add_phone_no')?.value).toBe('Yes');
    expect(rows.find((r) => r.key === 'logo_url')?.value).toBeNull();
    expect(rows.find((r) => r.key === 'zz_new_field')?.help).toMatch(/not described/);
    expect(rows.find((r) => r.key === 'settings.default_max_channels')).toMatchObject({ label: 'Default max channels', value: '2' });
    for (const row of rows) expect(row.help.length, row.key).toBeGreaterThan(20);
  });
});

describe('settingWarnings', () => {
  it('says nothing when both URLs are https and clients may add numbers', () => {
    expect(settingWarnings(partner)).toEqual([]);
  });

  it('an empty redirect URL is an error (the client sees one); an empty webhook URL a warning', () => {
    const warnings = settingWarnings({ ...partner, partner_redirect_url: '', webhook_url: null });
    expect(warnings).toEqual([
      {
        field: 'partner_redirect_url',
        severity: 'error',
        message: expect.stringMatching(/No redirect URL: a client who finishes the Integrated Onboarding sees an error/),
      },
      { field: 'webhook_url', severity: 'warning', message: expect.stringMatching(/No webhook URL/) },
    ]);
    expect(settingWarnings({ ...partner, partner_redirect_url: '   ' })[0]?.severity).toBe('error');
  });

  it('warns about addresses that are not https, and about clients that may not add numbers', () => {
    const warnings = settingWarnings({
      ...partner,
      partner_redirect_url: 'http://crm.example.com/done',
      webhook_url: 'http://crm.example.com/hook',
      allow_client_to_add_phone_no: false,
    });
    expect(warnings.map((w) => [w.field, w.severity])).toEqual([
      ['partner_redirect_url', 'warning'],
      ['webhook_url', 'warning'],
      ['allow_client_to_add_phone_no', 'warning'],
    ]);
    expect(warnings[0]?.message).toMatch(/not https/);
  });
});

describe('the email draft', () => {
  const input = {
    url: 'https://hub.360dialog.com/dashboard/app/f167CmPA/permissions?state=pd1&name=M%C3%BCller',
    email: 'anna+ops@müller.example',
    name: 'Anna',
    partnerName: 'Acme Partners',
    addsNumber: false,
  };

  it("picks the user's language, English where there is no text", () => {
    expect(draftLanguage('de-AT')).toBe('de');
    expect(draftLanguage('pt_BR')).toBe('pt');
    expect(draftLanguage('FR')).toBe('fr');
    expect(draftLanguage('ja-JP')).toBe('en');
    expect(draftLanguage(undefined)).toBe('en');
    expect(draftText({ ...input, language: 'de-DE' }).subject).toBe('Ihre WhatsApp-Business-Nummer mit Acme Partners verbinden');
    expect(draftText({ ...input, language: 'es' }).body).toMatch(/^Hola Anna:\n\npara conectar/);
    expect(draftText({ ...input, language: 'zh' }).subject).toBe('Connect your WhatsApp Business number with Acme Partners');
  });

  it('says where the link leads and contains it unchanged', () => {
    const { body } = draftText({ ...input, language: 'en' });
    expect(body).toContain('360dialog');
    expect(body.split('\n')).toContain(input.url);
  });

  it('is a mailto: whose subject and body decode back, with CRLF line breaks and the address kept readable', () => {
    const url = mailtoUrl({ ...input, language: 'de' });
    expect(url.startsWith('mailto:anna%2Bops@m%C3%BCller.example?subject=')).toBe(true);
    const query = new URLSearchParams(url.slice(url.indexOf('?') + 1));
    const text = draftText({ ...input, language: 'de' });
    expect(query.get('subject')).toBe(text.subject);
    expect(query.get('body')).toBe(text.body.replace(/\n/g, '\r\n'));
    expect(url).not.toContain('\n');
    expect(mailtoUrl({ ...input, email: null, language: 'en' })).toMatch(/^mailto:\?subject=/);
  });
});

describe('deletionDeadline', () => {
  it('is the last millisecond of the month of the cancellation, whatever the day', () => {
    expect(deletionDeadline('2026-03-01T00:00:00Z')).toEqual({ at: Date.UTC(2026, 3, 1) - 1, month: 'March 2026' });
    expect(deletionDeadline('2026-12-31T23:59:59Z')).toEqual({ at: Date.UTC(2027, 0, 1) - 1, month: 'December 2026' });
    expect(deletionDeadline('2024-02-29T12:00:00Z')?.month).toBe('February 2024');
    expect(deletionDeadline('soon')).toBeNull();
  });
});

describe('qrPath', () => {
  it('draws exactly the dark modules of the encoded link', () => {
    const qr = encode('https://hub.360dialog.com/dashboard/app/f167CmPA/permissions?state=pdAbC', { ecc: 'M', border: 4 });
    const dark = new Set<string>();
    for (const [, x, y, w] of qrPath(qr.data).matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
      for (let i = 0; i < Number(w); i += 1) dark.add(`${Number(x) + i},${y}`);
    }
    let expected = 0;
    qr.data.forEach((row, y) =>
      row.forEach((on, x) => {
        if (on) expected += 1;
        expect(dark.has(`${x},${y}`), `${x},${y}`).toBe(on);
      }),
    );
    expect(dark.size).toBe(expected);
    // The quiet zone is light.
    expect(qr.data[0]?.every((on) => !on)).toBe(true);
  });
});
