import { describe, expect, it } from 'vitest';
import { EXPORT_HEADER, exportRow, lastSyncedText } from '../../../electron/core/export/export-columns';
import { toE164 } from '../../../shared/format/phone';
import { deriveChannelStatus } from '../../../shared/status';
import { HEADER, SYNCED_AT } from './hostile-fixture';
import { liveChannel } from '../status/channels';

describe('export columns', () => {
  it('are the Hub CSV six, in the seed order and words, then the extra columns', () => {
    expect(EXPORT_HEADER).toEqual(HEADER);
  });

  it('hold the words the app shows', () => {
    const raw = liveChannel();
    const status = deriveChannelStatus(raw);
    const row = exportRow({
      id: 'aB3dE5CH',
      clientId: '3CpBg3xvCL',
      companyName: 'Acme GmbH',
      displayName: 'Acme Support',
      phoneNumber: '4930123456',
      email: 'ops@acme.example',
      status,
      createdAt: null,
      syncedAt: SYNCED_AT,
      removedAt: null,
    });
    expect(row).toEqual(['Acme GmbH', '+4930123456', 'ops@acme.example', 'Approved', 'Verified', 'Registered', 'Acme Support', 'Live', '3CpBg3xvCL', 'aB3dE5CH', '', '2026-11-28T09:15:42Z']);
  });

  it('format numbers and times one way', () => {
    expect(toE164('0049151')).toBe('+0049151');
    expect(toE164(null)).toBeNull();
    expect(lastSyncedText('2026-01-02T03:04:05.678Z')).toBe('2026-01-02T03:04:05Z');
    expect(lastSyncedText('yesterday')).toBe('yesterday');
  });
});
