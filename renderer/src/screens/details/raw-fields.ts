/**
 * The raw channel record as a flat list of "path = value" rows ("setup_info.phone_name = Acme"),
 * so support can read every field, including ones this app does not know, and filter them.
 */

export interface RawField {
  path: string;
  value: string;
  kind: 'string' | 'number' | 'boolean' | 'null' | 'empty';
}

/** Depth-first, in the record's own key order; arrays as path[0]. Stops after `limit` rows. */
export function flattenRaw(raw: unknown, limit = 2_000): RawField[] {
  const out: RawField[] = [];
  const walk = (value: unknown, path: string): void => {
    if (out.length >= limit) return;
    if (value === null || value === undefined) {
      out.push({ path, value: 'null', kind: 'null' });
    } else if (Array.isArray(value)) {
      if (value.length === 0) out.push({ path, value: '[]', kind: 'empty' });
      value.forEach((item, index) => walk(item, `${path}[${index}]`));
    } else if (typeof value === 'object') {
      const entries = Object.entries(value as Record<string, unknown>);
      if (entries.length === 0) out.push({ path, value: '{}', kind: 'empty' });
      for (const [key, child] of entries) walk(child, path ? `${path}.${key}` : key);
    } else if (typeof value === 'string') {
      out.push({ path, value, kind: 'string' });
    } else if (typeof value === 'number') {
      out.push({ path, value: String(value), kind: 'number' });
    } else if (typeof value === 'boolean') {
      out.push({ path, value: String(value), kind: 'boolean' });
    } else {
      out.push({ path, value: String(value), kind: 'string' });
    }
  };
  walk(raw, '');
  return out;
}

/** Rows whose path or value contains the text (case-insensitive). */
export function filterFields(fields: readonly RawField[], text: string): RawField[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return [...fields];
  return fields.filter((field) => field.path.toLowerCase().includes(needle) || field.value.toLowerCase().includes(needle));
}

/** A nested value by path segments, as text; null when absent. For the Overview's named fields. */
export function rawText(raw: unknown, ...path: string[]): string | null {
  let value: unknown = raw;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
    value = (value as Record<string, unknown>)[key];
  }
  if (value === null || value === undefined || value === '') return null;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
