import { describe, expect, it } from 'vitest';
import { decimalSeparator, delimiterForLocale, posixLocaleToBcp47, resolveLocale } from '@core/export/csv-delimiter';

describe('the separator a spreadsheet expects', () => {
  it('is ";" where the decimal separator is a comma, "," elsewhere', () => {
    expect(decimalSeparator('de-DE')).toBe(',');
    for (const locale of ['de-DE', 'fr-FR', 'pt-BR', 'es-ES', 'it-IT', 'ru-RU', 'nl-NL'])
      expect(delimiterForLocale(locale), locale).toBe(';');
    for (const locale of ['en-US', 'en-GB', 'ja-JP', 'zh-CN', 'hi-IN']) expect(delimiterForLocale(locale), locale).toBe(',');
  });

  it('falls back to "," for a locale Intl cannot read', () => {
    expect(delimiterForLocale('not a locale!')).toBe(',');
  });
});

describe('where the locale comes from', () => {
  it('reads POSIX names', () => {
    expect(posixLocaleToBcp47('de_DE.UTF-8')).toBe('de-DE');
    expect(posixLocaleToBcp47('pt_BR')).toBe('pt-BR');
    expect(posixLocaleToBcp47('sr_RS@latin')).toBe('sr-RS');
    expect(posixLocaleToBcp47('C.UTF-8')).toBeNull();
    expect(posixLocaleToBcp47('POSIX')).toBeNull();
    expect(posixLocaleToBcp47('')).toBeNull();
  });

  it('prefers the explicit locale, then LC_ALL, LC_NUMERIC, LANG, then en-US', () => {
    expect(resolveLocale('fr-FR', { LANG: 'en_US.UTF-8' })).toBe('fr-FR');
    expect(resolveLocale(undefined, { LC_ALL: 'de_DE.UTF-8', LANG: 'en_US.UTF-8' })).toBe('de-DE');
    expect(resolveLocale(undefined, { LC_NUMERIC: 'pt_BR.UTF-8', LANG: 'en_US.UTF-8' })).toBe('pt-BR');
    expect(resolveLocale(undefined, { LANG: 'de_DE.UTF-8' })).toBe('de-DE');
    // LC_ALL=C overrides LANG, as in POSIX.
    expect(resolveLocale(undefined, { LC_ALL: 'C', LANG: 'de_DE.UTF-8' })).toBe('en-US');
    expect(resolveLocale(undefined, {})).toBe('en-US');
    expect(resolveLocale('', { LANG: 'de_DE.UTF-8' })).toBe('de-DE');
  });
});
