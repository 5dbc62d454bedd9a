/** A client's channels (at most a thousand: a client hub allows a handful), read when its panel opens. */
import { useEffect, useState } from 'react';
import type { PartnerDeskApi } from '@shared/api';
import type { ChannelListItem } from '@shared/accounts';
import type { ErrorInfo } from '@shared/errors';

export interface ClientChannels {
  items: ChannelListItem[] | null;
  total: number;
  error: ErrorInfo | null;
}

export function useClientChannels(api: PartnerDeskApi, clientId: string, version: string | null): ClientChannels {
  const [state, setState] = useState<ClientChannels & { for: string | null }>({ items: null, total: 0, error: null, for: null });
  useEffect(() => {
    let live = true;
    void api.request('channels.list', { clientId, sort: 'state', limit: 1000 }).then((result) => {
      if (!live) return;
      if (result.ok) setState({ items: result.value.items, total: result.value.total, error: null, for: clientId });
      else setState((current) => ({ ...current, error: result.error, for: clientId }));
    });
    return () => {
      live = false;
    };
  }, [api, clientId, version]);
  return state.for === clientId ? state : { items: null, total: 0, error: null };
}
