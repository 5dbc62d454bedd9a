import { describe, expect, it } from 'vitest';
import { companyOf, phoneOf, qualityLine } from '../../../../renderer/src/screens/accounts/channel-text';
import { ACTIVATION_FILTERS } from '../../../../renderer/src/screens/accounts/filter-options';
import { companyFromTitle, groupNotifications, readableTitle } from '../../../../renderer/src/screens/notifications/group-notifications';
import { cancelLabel, queuedOutcomeText, sectionsOf } from '../../../../renderer/src/screens/outbox/action-text';
import { deriveChannelStatus, NOT_AVAILABLE } from '@shared/status';
import { action, channel, notification } from '../state/samples';

describe('channel words', () => {
  it('falls back from company to display name to id, and formats the number', () => {
    expect(companyOf(channel('x'))).toBe('Müller & Söhne GmbH');
    expect(companyOf(channel('x', { companyName: ' ', displayName: 'Shop' }))).toBe('Shop');
    expect(companyOf(channel('x', { companyName: null, displayName: null }))).toBe('Channel x');
    expect(phoneOf(channel('x'))).toBe('+49 30 123456');
    expect(phoneOf(channel('x', { phoneNumber: null, phoneE164: null }))).toBe('No number yet');
    expect(phoneOf(channel('x', { phoneNumber: '00491510001037', phoneE164: '+491510001037' }))).toBe('+49 1510001037');
    // Not a number this app can read: exactly as the Hub sent it.
    expect(phoneOf(channel('x', { phoneNumber: 'tbd (ask Jörg)', phoneE164: null }))).toBe('tbd (ask Jörg)');
  });

  it('says quality and limit only when known', () => {
    const known = channel('x', {
      status: deriveChannelStatus({ account_mode: 'live', current_quality_rating: 'GREEN', current_limit: 'TIER_1K' }),
    });
    expect(qualityLine(known)).toBe('Quality High · 1K conversations / 24 h');
    expect(qualityLine(channel('x'))).toBeNull();
  });

  it('offers the exact filter words the status rules produce, "Not available" included', () => {
    const registration = ACTIVATION_FILTERS.find((f) => f.field === 'numberRegistration');
    expect(registration?.options).toEqual(expect.arrayContaining(['Registered', 'Not registered', 'In progress', 'Error', NOT_AVAILABLE]));
    expect(new Set(registration?.options).size).toBe(registration?.options.length);
  });
});

describe('notification groups', () => {
  it('groups by client, newest client first, counting unread', () => {
    const groups = groupNotifications([
      notification(1, 'c1', '2025-06-18T09:00:00Z', '2025-06-18T09:30:00Z'),
      notification(2, 'c2', '2025-06-18T10:00:00Z'),
      notification(3, 'c1', '2025-06-18T11:00:00Z'),
      notification(4, null, '2025-06-18T08:00:00Z'),
    ]);
    expect(groups.map((g) => g.clientId)).toEqual(['c1', 'c2', null]);
    expect(groups[0]).toMatchObject({ unread: 1, latestAt: '2025-06-18T11:00:00Z' });
    expect(groups[0]?.items.map((i) => i.id)).toEqual([3, 1]);
  });

  it('reads a company from a title for groups without a known client', () => {
    expect(companyFromTitle('Acme GmbH +4930123456')).toBe('Acme GmbH');
    expect(companyFromTitle('+4930123456')).toBe('+4930123456');
  });
});

describe('outbox sections', () => {
  it('puts what needs the user first, then what waits for the network, then the settled', () => {
    const sections = sectionsOf([
      action('a', 'done'),
      action('b', 'queued'),
      action('c', 'conflict'),
      action('d', 'failed'),
      action('e', 'sending'),
    ]);
    expect(sections.map((s) => [s.id, s.items.map((i) => i.id).sort()])).toEqual([
      ['attention', ['c', 'd']],
      ['waiting', ['b', 'e']],
      ['settled', ['a']],
    ]);
    expect(cancelLabel(action('b', 'queued'))).toBe('Withdraw');
    expect(cancelLabel(action('d', 'failed'))).toBe('Discard');
  });
});

describe('notification titles', () => {
  it('show the number grouped, as on the cards', () => {
    expect(readableTitle('Acme GmbH +4930123456')).toBe('Acme GmbH · +49 30 123456');
    expect(readableTitle('+4930123456')).toBe('+49 30 123456');
    expect(readableTitle('Channel abc123')).toBe('Channel abc123');
  });
});

describe('how a dialog that queued an action ends', () => {
  it('says the outcome once done, the reason once failed, and what it waits for (withdrawable) while queued', () => {
    expect(queuedOutcomeText({ ...action('a', 'done'), outcome: 'The tag is now "x".' }, null)).toBe('The tag is now "x".');
    expect(queuedOutcomeText(action('a', 'done'), null)).toBe('Cancel ch1: done.');
    expect(
      queuedOutcomeText(
        { ...action('a', 'failed'), lastError: { code: 'hub_error', message: 'The Hub refused it.', status: 422, serverMessage: null } },
        null,
      ),
    ).toBe('The Hub refused it.');
    expect(queuedOutcomeText(action('a', 'queued'), 'Waiting for the connection. Sent when Partner Desk is back online.')).toBe(
      'Waiting for the connection. Sent when Partner Desk is back online. Until it is sent, you can withdraw it in the Outbox.',
    );
    expect(queuedOutcomeText(action('a', 'sending'), null)).toBe('Sending it to the 360dialog Hub now; follow it in the Outbox.');
  });
});
