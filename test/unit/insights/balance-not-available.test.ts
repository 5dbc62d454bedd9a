/** Which failed balance reads mean "this client has no balance" (cached for a day) and which stay errors. */
import { describe, expect, it } from 'vitest';
import { errorForStatus, HubError } from '@core/api';
import { offlineError } from '@core/api/http-errors';
import { balanceNotAvailable } from '@core/insights/insights-service';

describe('balanceNotAvailable', () => {
  it.each([400, 403, 404, 409, 410, 422])('HTTP %i: the client has no balance (no direct payment)', (status) => {
    expect(balanceNotAvailable(errorForStatus(status, {}, "read the client's balance"))).toBe(true);
  });

  it.each([401, 407, 408, 429, 500, 502, 503])(
    'HTTP %i: an error about us, the rate or the server, never cached as an answer',
    (status) => {
      expect(balanceNotAvailable(errorForStatus(status, {}, "read the client's balance"))).toBe(false);
    },
  );

  it('no answer at all is never "not available"', () => {
    expect(balanceNotAvailable(offlineError("read the client's balance", new Error('ECONNREFUSED')))).toBe(false);
    expect(balanceNotAvailable(new HubError('bad_response', 'cut off', { status: null }))).toBe(false);
    expect(balanceNotAvailable(new Error('boom'))).toBe(false);
  });
});
