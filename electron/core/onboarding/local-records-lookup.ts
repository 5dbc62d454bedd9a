/** A client or channel from the local copy, or null when it is not there (not synced yet, or removed). */
import type { ClientListItem } from '@shared/accounts';
import type { GrantedChannel } from '@shared/onboarding';
import type { AccountsService } from '../accounts/accounts-service';

type Lookup = Pick<AccountsService, 'client' | 'channelDetails'>;

export function localClient(accounts: Lookup, clientId: string | null): ClientListItem | null {
  if (!clientId) return null;
  try {
    return accounts.client(clientId);
  } catch {
    return null;
  }
}

export function localChannel(accounts: Lookup, channelId: string): GrantedChannel['channel'] {
  try {
    return accounts.channelDetails(channelId).channel;
  } catch {
    return null;
  }
}
