import { describe, expect, it } from 'vitest';
import { EXPORT_HEADER, exportRow, lastSyncedText } from '@core/export/export-columns';
import { deriveChannelStatus } from '@shared/status';
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
      phoneE164: '+4930123456',
      email: 'ops@acme.example',
      status,
      createdAt: null,
      syncedAt: SYNCED_AT,
      removedAt: null,
    });
    expect(row).toEqual([
      'Acme GmbH',
      '+4930123456',
      'ops@acme.example',
      'Approved',
      'Verified',
      'Registered',
      'High',
      '1K conversations / 24 h',
      'Acme Support',
      'Live',
      '3CpBg3xvCL',
      'aB3dE5CH',
      '',
      '2026-11-28T09:15:42Z',
    ]);
  });

  it('write the number in E.164, or exactly as the Hub sent it when it is no phone number', () => {
    const item = (phoneNumber: string | null, phoneE164: string | null) => ({
      id: 'c',
      clientId: null,
      companyName: null,
      displayName: null,
      phoneNumber,
      phoneE164,
      email: null,
      status: deriveChannelStatus({}),
      createdAt: null,
      syncedAt: SYNCED_AT,
      removedAt: null,
    });
    expect(exportRow(item('00491510001037', '+491510001037'))[1]).toBe('+491510001037');
    expect(exportRow(item('03649 2485142', '+4936492485142'))[1]).toBe('+4936492485142');
    expect(exportRow(item('tbd (ask Jörg)', null))[1]).toBe('tbd (ask Jörg)');
    expect(exportRow(item(null, null))[1]).toBe('');
    // Quality rating and messaging limit of a channel without them: the words the cards show.
    expect(exportRow(item(null, null)).slice(6, 8)).toEqual(['Not available', 'Not available']);
  });

  it('format times one way', () => {
    expect(lastSyncedText('2026-01-02T03:04:05.678Z')).toBe('2026-01-02T03:04:05Z');
    expect(lastSyncedText('yesterday')).toBe('yesterday');
  });
});
