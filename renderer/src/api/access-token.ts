/**
 * The web mode's per-launch access token. `partner-desk web` prints a URL carrying it in the hash
 * (`#token=<hex>`), which never reaches the server's logs; the renderer moves it to sessionStorage
 * (gone when the tab closes) and removes it from the address bar so it is not bookmarked or shared.
 * Pure functions over a small environment interface, so they are testable without a browser.
 */

export const TOKEN_STORAGE_KEY = 'partner-desk-token';

// Lenient on the alphabet (the server may switch from hex to base64url) but bounded.
const TOKEN_PATTERN = /^[A-Za-z0-9._~-]{8,512}$/;

export function isPlausibleToken(value: string | null | undefined): value is string {
  return typeof value === 'string' && TOKEN_PATTERN.test(value);
}

/** The `token` parameter of a location hash such as "#token=abc123", if it looks valid. */
export function tokenFromHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return isPlausibleToken(token) ? token : null;
}

/** The hash with the `token` parameter removed ("" when nothing else is left). */
export function hashWithoutToken(hash: string): string {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  params.delete('token');
  const rest = params.toString();
  return rest ? `#${rest}` : '';
}

export interface TokenEnvironment {
  hash: string;
  /** Replaces the current history entry's hash without navigating. */
  replaceHash(hash: string): void;
  storage: TokenStorage;
}

/** The part of sessionStorage used here (declared locally so Node-side tests need no DOM types). */
export interface TokenStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** Reads the token from the hash (storing it and cleaning the address bar) or from storage. */
export function takeAccessToken(env: TokenEnvironment): string | null {
  const hasTokenParam = new URLSearchParams(env.hash.replace(/^#/, '')).has('token');
  const fromHash = tokenFromHash(env.hash);
  if (hasTokenParam) env.replaceHash(hashWithoutToken(env.hash));
  if (fromHash) {
    try {
      env.storage.setItem(TOKEN_STORAGE_KEY, fromHash);
    } catch {
      // Storage can be disabled; the token still works for this page load.
    }
    return fromHash;
  }
  return readStored(env.storage);
}

function readStored(storage: TokenStorage): string | null {
  try {
    const stored = storage.getItem(TOKEN_STORAGE_KEY);
    return isPlausibleToken(stored) ? stored : null;
  } catch {
    return null;
  }
}
