/**
 * Notifications: every status change the syncs found, persisted, grouped by client, newest first,
 * with the unread count and "mark read" per item, per client and for all.
 */
import { useEffect, useMemo } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useWorkspace, useWs } from '../../state/workspace-context';
import { ListMessage } from '../accounts/ListMessage';
import { companyFromTitle, groupNotifications } from './group-notifications';
import { NotificationGroupView } from './NotificationGroupView';
import { PageHeader } from '../../components/PageHeader';

export function NotificationsPage() {
  const ws = useWorkspace();
  const items = useWs('notifications', (s) => s.items);
  const unread = useWs('notifications', (s) => s.unread);
  const loaded = useWs('notifications', (s) => s.loaded);
  const error = useWs('notifications', (s) => s.error);
  const clients = useWs('details', (s) => s.clients);
  const groups = useMemo(() => groupNotifications(items), [items]);

  // Client names for the group headings, from the local copy (cheap, no network).
  useEffect(() => {
    for (const group of groups) if (group.clientId) void ws.details.getState().loadClient(group.clientId);
  }, [ws, groups]);

  const markRead = (ids: number[] | 'all') => void ws.notifications.getState().markRead(ids);

  return (
    <section className="page-body" aria-labelledby="page-title">
      <PageHeader title="Notifications" sub={unread === 0 ? 'All read' : `${unread} unread`}>
        {unread > 0 && (
          <button type="button" className="btn" onClick={() => markRead('all')}>
            Mark all read
          </button>
        )}
      </PageHeader>
      <div className="page-scroll">
        {error && <ErrorAlert title="Notifications could not be updated" error={error} />}
        {!loaded ? (
          <p className="muted">Reading notifications…</p>
        ) : groups.length === 0 ? (
          <ListMessage title="No notifications yet">
            When a sync finds a change in a channel's status (a number goes live, a verification is rejected), it shows up here.
          </ListMessage>
        ) : (
          groups.map((group) => (
            <NotificationGroupView
              key={group.clientId ?? 'none'}
              group={group}
              name={(group.clientId && clients[group.clientId]?.value?.name) || companyFromTitle(group.items[0]?.title ?? 'Other channels')}
              onMarkRead={markRead}
            />
          ))
        )}
      </div>
    </section>
  );
}
