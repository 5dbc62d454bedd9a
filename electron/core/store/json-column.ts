/** Reading JSON stored in a column: a damaged value yields the fallback instead of an exception. */
export function parseJsonOr(text: string | null, fallback: unknown): unknown {
  if (text === null) return fallback;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return fallback;
  }
}
