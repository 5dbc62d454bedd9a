/**
 * The list envelope as the published schema allows it (§2, §11): `count` and `total` optional, the
 * records under the endpoint's own key or one of the known generic names; anything else is refused
 * with a message that names what was looked for.
 */
import { describe, expect, it } from 'vitest';
import { readListPage } from '@core/api/list-page';
import { isHubError } from '@core/api';

const records = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
const read = (body: unknown, offset = 0) => readListPage(body, ['partner_channels', 'channels'], 'list channels', offset);

describe('readListPage', () => {
  it('reads the documented envelope', () => {
    expect(read({ count: 3, total: 10, limit: 3, offset: 6, partner_channels: records })).toMatchObject({
      items: records,
      count: 3,
      total: 10,
      offset: 6,
      limit: 3,
    });
  });

  it('without count: the records that came; without total: null, so the reader pages until a short page', () => {
    expect(read({ total: 10, partner_channels: records })).toMatchObject({ count: 3, total: 10 });
    expect(read({ count: 3, partner_channels: records })).toMatchObject({ count: 3, total: null });
    expect(read({ partner_channels: records }, 40)).toMatchObject({ count: 3, total: null, offset: 40, limit: null });
    expect(read({ count: null, total: null, partner_channels: [] })).toMatchObject({ count: 0, total: null });
  });

  it("finds the records under the endpoint's alternative name or a generic one, the endpoint's own first", () => {
    expect(read({ total: 3, channels: records }).items).toEqual(records);
    for (const key of ['items', 'data', 'results']) expect(read({ total: 3, [key]: records }).items, key).toEqual(records);
    expect(read({ total: 3, data: [{ id: 'x' }], partner_channels: records }).items).toEqual(records);
  });

  it('refuses a page with no list under any known name, or with a malformed count or total, saying what it looked for', () => {
    const none = (() => {
      try {
        read({ total: 3, records });
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(isHubError(none) && none.code).toBe('bad_response');
    expect((none as Error).message).toMatch(
      /no list of records under any known name \("partner_channels", "channels", "items", "data", "results"\)/,
    );
    expect(() => read({ count: 'three', total: 3, partner_channels: records })).toThrow(/count/);
    expect(() => read({ count: 3, total: -1, partner_channels: records })).toThrow(/total/);
    expect(() => read([records])).toThrow(/not a JSON object/);
  });
});
