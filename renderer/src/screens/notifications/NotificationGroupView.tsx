/** One client's notifications: who, how many unread, and each change with its before and after. */
import type { NotificationItem } from '@shared/accounts';
import { Icon } from '../../components/Icon';
import { RelativeTime } from '../../components/RelativeTime';
import { useWorkspace } from '../../state/workspace-context';
import { readableTitle, type NotificationGroup } from './group-notifications';
import { changedFieldTitle } from './changed-fields';

interface GroupProps {
  group: NotificationGroup;
  name: string;
  onMarkRead(ids: number[]): void;
}

export function NotificationGroupView({ group, name, onMarkRead }: GroupProps) {
  const headingId = `ng-${group.clientId ?? 'none'}`;
  return (
    <section className="notif-group" aria-labelledby={headingId}>
      <header className="notif-group-head">
        <h2 id={headingId} dir="auto">
          {name}
        </h2>
        {group.unread > 0 && <span className="count-pill">{group.unread} unread</span>}
        {group.unread > 0 && (
          <button
            type="button"
            className="btn btn-ghost btn-sm"
            onClick={() => onMarkRead(group.items.filter((i) => i.readAt === null).map((i) => i.id))}
          >
            Mark read
            <span className="visually-hidden"> for {name}</span>
          </button>
        )}
      </header>
      <ul className="notif-list">
        {group.items.map((item) => (
          <NotificationRow key={item.id} item={item} onMarkRead={onMarkRead} />
        ))}
      </ul>
    </section>
  );
}

function NotificationRow({ item, onMarkRead }: { item: NotificationItem; onMarkRead(ids: number[]): void }) {
  const ws = useWorkspace();
  const unread = item.readAt === null;
  return (
    <li className={unread ? 'notif is-unread' : 'notif'}>
      <span className="notif-dot" aria-hidden="true" />
      <div className="notif-main">
        <p className="notif-title">
          {unread && <span className="visually-hidden">Unread: </span>}
          {readableTitle(item.title)}
        </p>
        <ul className="notif-changes">
          {item.changes.length > 0
            ? item.changes.map((change, index) => (
                <li key={index}>
                  <span className="notif-field">{fieldTitle(change.field)}</span>
                  {change.from !== null && <span className="notif-from">{change.from}</span>}
                  {change.from !== null && change.to !== null && <span aria-label="changed to"> → </span>}
                  {change.to !== null ? <span className="notif-to">{change.to}</span> : <span className="notif-to">removed</span>}
                </li>
              ))
            : item.body.split('\n').map((line, index) => <li key={index}>{line}</li>)}
        </ul>
      </div>
      <div className="notif-side">
        <RelativeTime value={item.createdAt} />
        <div className="notif-actions">
          {item.channelId && (
            <button
              type="button"
              className="btn btn-sm"
              onClick={() => {
                if (unread) onMarkRead([item.id]);
                if (item.channelId) ws.ui.getState().openChannelDetails(item.channelId);
              }}
            >
              Open
              <span className="visually-hidden"> {item.title}</span>
            </button>
          )}
          {unread && (
            <button
              type="button"
              className="icon-btn"
              aria-label={`Mark read: ${item.title}`}
              title="Mark read"
              onClick={() => onMarkRead([item.id])}
            >
              <Icon name="check" />
            </button>
          )}
        </div>
      </div>
    </li>
  );
}

function fieldTitle(field: string): string {
  return changedFieldTitle(field);
}
