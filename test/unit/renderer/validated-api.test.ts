import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PartnerDeskApi } from '@shared/api';
import { withValidation } from '../../../renderer/src/api/validated-api';
import { appInfo, demoSession } from './fixtures';

function fakeApi(value: unknown, eventPayloads: unknown[] = []): PartnerDeskApi {
  return {
    request: async () => ({ ok: true, value }),
    on: (_event, listener) => {
      for (const payload of eventPayloads) (listener as (p: unknown) => void)(payload);
      return () => undefined;
    },
  } as PartnerDeskApi;
}

describe('withValidation', () => {
  beforeEach(() => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined); // the mismatches are expected here
  });

  it('passes through values that match the contract', async () => {
    await expect(withValidation(fakeApi(appInfo)).request('app.info', {})).resolves.toEqual({ ok: true, value: appInfo });
  });

  it('turns a value that breaks the contract into a bad_response error', async () => {
    const result = await withValidation(fakeApi({ ...appInfo, runMode: 'mainframe' })).request('app.info', {});
    expect(result.ok === false && result.error.code).toBe('bad_response');
  });

  it('drops malformed event payloads and delivers valid ones', () => {
    const seen: unknown[] = [];
    withValidation(fakeApi(null, [{ nonsense: true }, demoSession])).on('session.changed', (s) => seen.push(s));
    expect(seen).toEqual([demoSession]);
  });

  it('turns a rejected call into an error Result instead of an exception', async () => {
    const throwing = { request: () => Promise.reject(new Error('ipc broke')), on: () => () => undefined } as unknown as PartnerDeskApi;
    const result = await withValidation(throwing).request('session.get', {});
    expect(result.ok).toBe(false);
  });
});
