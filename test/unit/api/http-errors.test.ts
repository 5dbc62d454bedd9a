import { describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import { dispositionOf, errorForStatus, HubError, serverMessage } from '@core/api/http-errors';

describe('serverMessage: every documented error shape', () => {
  it('reads the Partner API meta envelope, with details when given', () => {
    expect(serverMessage({ meta: { success: false, http_code: 404, developer_message: 'Channel not found' } })).toBe('Channel not found');
    expect(serverMessage({ meta: { developer_message: 'Wrong payload', details: ['max_channels: must be >= 1'] } })).toBe(
      'Wrong payload (max_channels: must be >= 1)',
    );
  });
  it("reads /token's OAuth shape", () => {
    expect(serverMessage({ error: 'invalid_grant', error_description: 'Wrong email or password.' })).toBe('Wrong email or password.');
    expect(serverMessage({ error: 'invalid_request' })).toBe('invalid_request');
  });
  it("reads the Messaging API's {meta, errors[]} and {error} shapes", () => {
    expect(
      serverMessage({
        meta: { api_status: 'stable', success: false },
        errors: [{ code: 1005, title: 'Access denied', details: 'Invalid api key' }],
      }),
    ).toBe('Invalid api key');
    expect(serverMessage({ errors: [{ title: 'Unauthorized' }] })).toBe('Unauthorized');
    expect(serverMessage({ error: 'health status unavailable' })).toBe('health status unavailable');
    expect(serverMessage({ error: { message: 'nested' } })).toBe('nested');
  });
  it('returns null for bodies without words', () => {
    for (const body of [null, 'text', 42, {}, { meta: {} }, { meta: { developer_message: '  ' } }, { errors: [] }])
      expect(serverMessage(body)).toBeNull();
  });
});

describe('errorForStatus', () => {
  const body = { meta: { developer_message: 'Client abcCL not found' } };
  it.each([
    [400, 'invalid_input'],
    [422, 'invalid_input'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not_found'],
    [409, 'conflict'],
    [429, 'rate_limited'],
    [500, 'server_error'],
    [502, 'server_error'],
    [405, 'invalid_input'],
  ] as const)('HTTP %i -> %s, with the server message and the status', (status, code) => {
    const error = errorForStatus(status, body, 'change the client');
    expect(error).toBeInstanceOf(HubError);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    expect(error.serverMessage).toBe('Client abcCL not found');
    expect(error.message).toContain('change the client');
    expect(error.message).toContain('Client abcCL not found');
    expect(error.toInfo()).toEqual({ code, message: error.message });
  });
  it('keeps the sign-in advice for refused partner credentials and gives key advice for channels', () => {
    expect(errorForStatus(401, null, 'read the partner account').message).toMatch(/refused the credentials.*sign in again/s);
    expect(errorForStatus(401, null, 'check the channel health', { service: 'channel' }).message).toMatch(/generate a new API key/);
  });
  it('carries the wait of a 429 and marks 5xx as possibly acted on', () => {
    const limited = errorForStatus(429, null, 'x', { retryAfterMs: 30_000 });
    expect(limited.retryAfterMs).toBe(30_000);
    expect(limited.message).toContain('30 s');
    expect(limited.transient).toBe(true);
    expect(errorForStatus(503, '<html>', 'x').mayHaveActed).toBe(true);
    expect(errorForStatus(400, null, 'x').transient).toBe(false);
  });
});

describe('dispositionOf (what the outbox does next)', () => {
  it('retries transient failures, pauses on credentials, fails on refusals', () => {
    expect(dispositionOf(errorForStatus(503, null, 'x'))).toBe('retry');
    expect(dispositionOf(errorForStatus(429, null, 'x'))).toBe('retry');
    expect(dispositionOf(new HubError('offline', 'x'))).toBe('retry');
    expect(dispositionOf(errorForStatus(401, null, 'x'))).toBe('pause');
    expect(dispositionOf(new AppError('not_signed_in', 'x'))).toBe('pause');
    for (const status of [400, 403, 404, 409, 422]) expect(dispositionOf(errorForStatus(status, null, 'x'))).toBe('failed');
    expect(dispositionOf(new DOMException('aborted', 'AbortError'))).toBe('retry');
    expect(dispositionOf(new TypeError('bug'))).toBe('failed');
  });
});
