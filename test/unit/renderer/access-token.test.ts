import { describe, expect, it } from 'vitest';
import {
  hashWithoutToken,
  takeAccessToken,
  tokenFromHash,
  TOKEN_STORAGE_KEY,
  type TokenEnvironment,
} from '../../../renderer/src/api/access-token';

const TOKEN = 'a3f9c2d4e5b6a7980112233445566778';

function environment(hash: string, stored: Record<string, string> = {}) {
  const storage = new Map(Object.entries(stored));
  const replaced: string[] = [];
  const env: TokenEnvironment = {
    hash,
    replaceHash: (next) => replaced.push(next),
    storage: { getItem: (key) => storage.get(key) ?? null, setItem: (key, value) => void storage.set(key, value) },
  };
  return { env, storage, replaced };
}

describe('tokenFromHash', () => {
  it('reads the token parameter with or without the leading #', () => {
    expect(tokenFromHash(`#token=${TOKEN}`)).toBe(TOKEN);
    expect(tokenFromHash(`token=${TOKEN}&x=1`)).toBe(TOKEN);
  });

  it('refuses missing, empty or implausible tokens', () => {
    expect(tokenFromHash('')).toBeNull();
    expect(tokenFromHash('#token=')).toBeNull();
    expect(tokenFromHash('#token=short')).toBeNull();
    expect(tokenFromHash('#token=has spaces and <tags>')).toBeNull();
  });
});

describe('hashWithoutToken', () => {
  it('removes only the token', () => {
    expect(hashWithoutToken(`#token=${TOKEN}`)).toBe('');
    expect(hashWithoutToken(`#view=clients&token=${TOKEN}`)).toBe('#view=clients');
  });
});

describe('takeAccessToken', () => {
  it('stores a token from the hash and removes it from the address bar', () => {
    const { env, storage, replaced } = environment(`#token=${TOKEN}`);
    expect(takeAccessToken(env)).toBe(TOKEN);
    expect(storage.get(TOKEN_STORAGE_KEY)).toBe(TOKEN);
    expect(replaced).toEqual(['']);
  });

  it('falls back to the stored token after a reload', () => {
    const { env, replaced } = environment('', { [TOKEN_STORAGE_KEY]: TOKEN });
    expect(takeAccessToken(env)).toBe(TOKEN);
    expect(replaced).toEqual([]);
  });

  it('prefers a new token in the hash over an old stored one', () => {
    const fresh = 'b'.repeat(64);
    const { env, storage } = environment(`#token=${fresh}`, { [TOKEN_STORAGE_KEY]: TOKEN });
    expect(takeAccessToken(env)).toBe(fresh);
    expect(storage.get(TOKEN_STORAGE_KEY)).toBe(fresh);
  });

  it('returns null without any token, and still cleans a malformed one from the address bar', () => {
    expect(takeAccessToken(environment('').env)).toBeNull();
    const { env, replaced } = environment('#token=%3Cscript%3E');
    expect(takeAccessToken(env)).toBeNull();
    expect(replaced).toEqual(['']);
  });

  it('still works for this page load when storage throws', () => {
    const { env } = environment(`#token=${TOKEN}`);
    env.storage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(takeAccessToken(env)).toBe(TOKEN);
  });
});
