/**
 * Money and counts with Intl.NumberFormat. A currency code the runtime does not know (the API
 * sends free text) is shown as "12.50 XYZ" instead of throwing; absent amounts are null so the
 * caller decides how to say "not available".
 */

const formatters = new Map<string, Intl.NumberFormat>();

/** Formatters are costly to build and a table renders many cells: cache them by their options. */
function formatter(locale: string | undefined, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.NumberFormat(locale, options);
    formatters.set(key, found);
  }
  return found;
}

/** A three-letter ISO 4217 code, upper-cased; null for anything else. */
export function currencyCode(code: string | null | undefined): string | null {
  const trimmed = code?.trim().toUpperCase() ?? '';
  return /^[A-Z]{3}$/.test(trimmed) ? trimmed : null;
}

/**
 * "€1,234.50" / "$0.05" in the given locale. Without a usable currency the number is shown with two
 * decimals and the raw code after it. Amounts under one keep up to four decimals: per-message prices are fractions of a cent.
 */
export function formatMoney(amount: number | null | undefined, currency: string | null | undefined, locale?: string): string | null {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return null;
  const code = currencyCode(currency);
  const fraction = Math.abs(amount) < 1 ? 4 : 2;
  if (code) {
    try {
      return formatter(locale, { style: 'currency', currency: code, minimumFractionDigits: 2, maximumFractionDigits: fraction }).format(
        amount,
      );
    } catch {
      // An unknown-but-well-formed code: fall through to the plain form.
    }
  }
  const number = formatter(locale, { minimumFractionDigits: 2, maximumFractionDigits: fraction }).format(amount);
  const label = currency?.trim();
  return label ? `${number} ${label}` : number;
}

/** "50,000" in the given locale. */
export function formatCount(value: number, locale?: string): string {
  return formatter(locale, { maximumFractionDigits: 0 }).format(value);
}

/** "12.3K", "1.2M": for chart axes and tight badges. */
export function formatCompact(value: number, locale?: string): string {
  return formatter(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}
