import { describe, expect, it } from 'vitest';
import { firstInvalidField, validateSignIn } from '../../../renderer/src/screens/welcome/sign-in-validation';

const KEY = 'k'.repeat(32);

describe('validateSignIn', () => {
  it('accepts a valid form and omits an empty Hub URL', () => {
    expect(validateSignIn({ partnerId: ' abc123PA ', apiKey: KEY, hubUrl: '  ' })).toEqual({
      ok: true,
      value: { method: 'api_key', partnerId: 'abc123PA', apiKey: KEY },
    });
  });

  it('keeps a Hub URL when one is given', () => {
    const result = validateSignIn({ partnerId: 'abcPA', apiKey: KEY, hubUrl: 'http://127.0.0.1:4010/api/v2' });
    expect(result.ok && result.value.hubUrl).toBe('http://127.0.0.1:4010/api/v2');
  });

  it("uses the contract's words for each field", () => {
    const result = validateSignIn({ partnerId: 'bad id!', apiKey: 'short', hubUrl: '' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.partnerId).toBe('A partner id contains only letters, digits, "-" and "_".');
    expect(result.errors.apiKey).toBe('The Partner API key looks too short; paste the whole key.');
    expect(firstInvalidField(result.errors)).toBe('partnerId');
  });

  it('explains what a Hub URL should look like', () => {
    const result = validateSignIn({ partnerId: 'abcPA', apiKey: KEY, hubUrl: 'not a url' });
    expect(result.ok === false && result.errors.hubUrl).toMatch(/https:\/\//);
    expect(result.ok === false && firstInvalidField(result.errors)).toBe('hubUrl');
  });
});
