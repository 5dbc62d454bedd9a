/**
 * Safe reading of raw Partner API JSON. The status rules run on whatever the API (or an old row in
 * the local database, or a demo fixture) hands them, and a card must render even when a field is
 * missing, null or of the wrong type; so nothing here trusts a shape and nothing here throws.
 */

/** Walks `keys` into nested plain objects; any step that is not a plain object yields undefined. */
export function pick(raw: unknown, ...keys: string[]): unknown {
  let current: unknown = raw;
  for (const key of keys) {
    if (!isRecord(current)) return undefined;
    // Own properties only: a raw value must never resolve to Object.prototype members such as
    // "constructor", and a hostile getter or proxy must not take the whole sync down.
    try {
      if (!Object.hasOwn(current, key)) return undefined;
      current = current[key];
    } catch {
      return undefined;
    }
  }
  return current;
}

/** A trimmed, non-empty string, or null for anything else (missing, null, numbers, objects, ""). */
export function pickText(raw: unknown, ...keys: string[]): string | null {
  const value = pick(raw, ...keys);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * Whether a raw field counts as "not there": the API writes null for unset fields, older rows may
 * lack them, and an empty or blank string carries no information either.
 */
export function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

const MAX_RAW_LENGTH = 60;

/**
 * A raw value as text for "Unknown (...)" labels: users must see what the API actually sent (so
 * they can report it), but a stray object must not flood a badge or a CSV cell.
 */
export function rawToText(value: unknown): string | null {
  if (isAbsent(value)) return null;
  let text: string;
  if (typeof value === 'string') text = value.trim();
  else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') text = String(value);
  else {
    try {
      text = JSON.stringify(value) ?? typeof value;
    } catch {
      // Cycles cannot come from JSON, but the input is `unknown`: fall back rather than throw.
      text = Array.isArray(value) ? '[array]' : `[${typeof value}]`;
    }
  }
  return truncate(text, MAX_RAW_LENGTH);
}

/** Shortens to `max` characters with an ellipsis, collapsing whitespace so one line stays one line. */
export function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
