import { describe, expect, it } from 'vitest';
import { parseChannel, parseClient, parseTemplate } from '@core/api/schemas';
import { summarizeCloudHealth, summarizeHealth } from '@core/api/health';
import { messagingApiKind } from '@core/api/channel-api';

const channel = {
  id: 'aB3dE5CH',
  client_id: '3CpBg3xvCL',
  account_mode: 'live',
  status: 'ready',
  terminated_at: null,
  current_limit: 'TIER_1K',
  setup_info: { phone_number: '4930123456', phone_name: 'Acme Support', shards_number: 1 },
  waba_account: { id: 'DWLgd6WA', fb_account_status: 'verified', on_behalf_of_business_info: { status: 'approved' } },
  integration: { enabled: true, app_id: 104148, state: 'running' },
  brand_new_field: { nested: [1, 2] },
};

describe('record parsers', () => {
  it('keep unknown fields and accept missing optional ones', () => {
    const parsed = parseChannel(channel);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.brand_new_field).toEqual({ nested: [1, 2] });
    expect(parsed.value.setup_info?.shards_number).toBe(1);
    expect(parsed.value.integration?.app_id).toBe('104148');
    expect(parsed.value.billing_started_at).toBeUndefined();
  });

  it('say which field was wrong and how', () => {
    const wrong = parseChannel({ ...channel, setup_info: 42, account_mode: 7, terminated_at: false });
    expect(wrong).toEqual({ ok: false, reason: expect.stringContaining('setup_info: expected an object, got the number 42') });
    if (!wrong.ok) {
      expect(wrong.reason).toContain('account_mode: expected a string, got the number 7');
      expect(wrong.reason).toContain('terminated_at: expected a string, got the boolean false');
    }
    const { id: _id, ...noId } = channel;
    expect(parseChannel(noId)).toEqual({ ok: false, reason: 'id is missing' });
    expect(parseChannel('nope')).toEqual({ ok: false, reason: 'record: expected an object, got the text "nope"' });
    expect(parseChannel({ ...channel, setup_info: { phone_number: 4930 } })).toEqual({
      ok: false,
      reason: expect.stringContaining('setup_info.phone_number: expected a string'),
    });
  });

  it('parse clients and templates the same way', () => {
    expect(parseClient({ id: '3CpBg3xvCL', name: 'Acme', max_channels: 3, contact_info: null, extra: true })).toMatchObject({
      ok: true,
      value: { extra: true },
    });
    expect(parseClient({ id: 'xCL', max_channels: 'many', contact_info: 42 })).toEqual({
      ok: false,
      reason: 'max_channels: expected a number, got the text "many"; contact_info: expected an object, got the number 42',
    });
    const template = { id: 't1', name: 'welcome', language: 'de', status: 'approved', components: [{ type: 'BODY', text: 'Hi' }] };
    expect(parseTemplate(template).ok).toBe(true);
    expect(parseTemplate({ ...template, components: 'none', status: 3 })).toEqual({
      ok: false,
      reason: expect.stringContaining('components: expected an array'),
    });
  });
});

describe('summarizeCloudHealth', () => {
  const answer = (sending: string, entities: unknown[]) => ({ health_status: { can_send_message: sending, entities }, id: 'node-1' });

  it('says whether the number can send, per entity, with the first problem and its remedy', () => {
    const summary = summarizeCloudHealth(
      answer('BLOCKED', [
        {
          entity_type: 'PHONE_NUMBER',
          id: '106540352242922',
          can_send_message: 'BLOCKED',
          errors: [
            {
              error_code: 141006,
              error_description: 'Payment method missing.',
              possible_solution: 'Add a payment method in Business Manager.',
            },
            { error_code: 1 },
          ],
        },
        { entity_type: 'WABA', id: 104996122399160, can_send_message: 'AVAILABLE' },
        { entity_type: 'APP', can_send_message: 'LIMITED', errors: [{ error_code: 2 }] },
      ]),
    );
    expect(summary.status).toBe('blocked');
    expect(summary.nodes).toEqual([
      {
        host: 'PHONE_NUMBER',
        role: '106540352242922',
        status: 'blocked',
        rawStatus: 'BLOCKED',
        problem: 'Payment method missing. Add a payment method in Business Manager.',
      },
      { host: 'WABA', role: '104996122399160', status: 'available', rawStatus: 'AVAILABLE', problem: null },
      { host: 'APP', role: null, status: 'limited', rawStatus: 'LIMITED', problem: null },
    ]);
  });

  it('the overall answer decides; without one the worst entity does; anything else is unknown', () => {
    expect(summarizeCloudHealth(answer('AVAILABLE', [])).status).toBe('available');
    expect(
      summarizeCloudHealth({ health_status: { entities: [{ can_send_message: 'AVAILABLE' }, { can_send_message: 'LIMITED' }] } }).status,
    ).toBe('limited');
    expect(summarizeCloudHealth(answer('SOMETHING_NEW', [])).status).toBe('unknown');
    expect(summarizeCloudHealth({ health: { gateway_status: 'connected' } }).status).toBe('unknown'); // the On-Premise shape
    expect(summarizeCloudHealth(null).status).toBe('unknown');
  });
});

describe('messagingApiKind', () => {
  it('tells the legacy On-Premise API (waba) from the Cloud API (waba-v2, and anything else)', () => {
    expect(messagingApiKind('https://waba-v2.360dialog.io')).toBe('cloud');
    expect(messagingApiKind('https://waba-v2.360dialog.io/')).toBe('cloud');
    expect(messagingApiKind('https://waba.360dialog.io')).toBe('on_premise');
    expect(messagingApiKind('http://127.0.0.1:4010/waba')).toBe('on_premise');
    expect(messagingApiKind('http://127.0.0.1:4010/waba-v2')).toBe('cloud');
    expect(messagingApiKind('not a url')).toBe('cloud');
  });
});

describe('summarizeHealth', () => {
  it('reads the single-node form', () => {
    expect(summarizeHealth({ health: { gateway_status: 'connected' } })).toMatchObject({
      status: 'connected',
      nodes: [{ host: null, status: 'connected' }],
    });
  });
  it('reads the multi-node form and reports the worst node', () => {
    const summary = summarizeHealth({
      health: {
        'host1:c1': { gateway_status: 'connected', role: 'primary_master' },
        'host2:c2': { gateway_status: 'disconnected', role: 'coreapp' },
      },
    });
    expect(summary.status).toBe('disconnected');
    expect(summary.nodes).toEqual([
      { host: 'host1:c1', role: 'primary_master', status: 'connected', rawStatus: 'connected', problem: null },
      { host: 'host2:c2', role: 'coreapp', status: 'disconnected', rawStatus: 'disconnected', problem: null },
    ]);
  });
  it('turns anything else into unknown instead of failing', () => {
    expect(summarizeHealth({ health: { gateway_status: 'rebooting' } })).toMatchObject({
      status: 'unknown',
      nodes: [{ rawStatus: 'rebooting' }],
    });
    expect(summarizeHealth({ nope: 1 }).status).toBe('unknown');
    expect(summarizeHealth(null).status).toBe('unknown');
  });
});
