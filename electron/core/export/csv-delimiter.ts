/**
 * Which separator the user's spreadsheet expects. Excel splits a double-clicked CSV on the Windows
 * list separator, which is ";" wherever the decimal separator is a comma (Germany, France, Brazil...),
 * since "1,5" must stay one number; a comma file then opens as one column. So the separator follows
 * the decimal separator of the user's locale; the user can always override it.
 *
 * Where the locale comes from: an explicit option first (the desktop app passes Electron's
 * app.getLocale() as CoreOptions.locale; the CLI has --locale), else the POSIX environment
 * (LC_ALL, then LC_NUMERIC, then LANG, e.g. "de_DE.UTF-8"), else en-US.
 */
import type { CsvDelimiter } from '@shared/export';

export const DEFAULT_LOCALE = 'en-US';

/** The decimal separator of a locale ("," for de-DE, "." for en-US), "." when unknown. */
export function decimalSeparator(locale: string): string {
  try {
    const part = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal');
    return part?.value ?? '.';
  } catch {
    return '.';
  }
}

/** ";" for locales whose decimal separator is a comma, "," otherwise. */
export function delimiterForLocale(locale: string): CsvDelimiter {
  return decimalSeparator(locale) === ',' ? ';' : ',';
}

/**
 * A POSIX locale name as a BCP 47 tag: "de_DE.UTF-8" -> "de-DE", "sr_RS@latin" -> "sr-RS";
 * null for C/POSIX, empty or unparseable values.
 */
export function posixLocaleToBcp47(value: string | undefined): string | null {
  const name = value?.trim().split(/[.@]/, 1)[0] ?? '';
  if (name === '' || name === 'C' || name === 'POSIX') return null;
  try {
    return Intl.getCanonicalLocales(name.replaceAll('_', '-'))[0] ?? null;
  } catch {
    return null;
  }
}

/** The explicit locale if valid, else the environment's, else en-US. */
export function resolveLocale(explicit: string | undefined, env: NodeJS.ProcessEnv): string {
  if (explicit !== undefined && explicit.trim() !== '') {
    const given = posixLocaleToBcp47(explicit);
    if (given) return given;
  }
  // POSIX precedence: LC_ALL overrides every category, LC_NUMERIC decides number formats, LANG is the fallback.
  for (const variable of ['LC_ALL', 'LC_NUMERIC', 'LANG'] as const) {
    const value = env[variable];
    if (value !== undefined && value.trim() !== '') return posixLocaleToBcp47(value) ?? DEFAULT_LOCALE;
  }
  return DEFAULT_LOCALE;
}
