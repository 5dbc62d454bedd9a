/**
 * A channel's history: every status change the app saw (each sync's notification about it), every
 * action queued from here for the channel or its client with when it was sent and how it ended, and
 * the Hub's own created and last-changed dates. Times in the user's zone. What happened between two
 * syncs the app cannot know, and it says since when it has been watching.
 */
import { useEffect, useState } from 'react';
import type { ErrorInfo } from '@shared/errors';
import type { ChannelHistory, HistoryEntry } from '@shared/history';
import { formatZonedDateTime, humanizeTimes } from '@shared/format/zoned-time';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Icon, type IconName } from '../../components/Icon';
import { ToneBadge } from '../../components/ToneBadge';
import { useWorkspace } from '../../state/workspace-context';
import { ACTION_STATE_VIEW } from '../outbox/action-text';
import { changedFieldTitle } from '../notifications/changed-fields';

export function HistoryTab({ channelId }: { channelId: string }) {
  const ws = useWorkspace();
  const [history, setHistory] = useState<ChannelHistory | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);

  useEffect(() => {
    let live = true;
    const load = () =>
      void ws.api.request('channels.history', { id: channelId }).then((result) => {
        if (!live) return;
        if (result.ok) {
          setHistory(result.value);
          setError(null);
        } else setError(result.error);
      });
    load();
    // A sync's notification or the outbox moving an action on adds to the story.
    const offs = [ws.api.on('notifications.changed', load), ws.api.on('outbox.changed', load)];
    return () => {
      live = false;
      offs.forEach((off) => off());
    };
  }, [ws, channelId]);

  if (error && !history) return <ErrorAlert title="The history could not be read" error={error} />;
  if (!history) return <p className="muted tab-loading">Reading…</p>;

  return (
    <section className="panel history" aria-labelledby="history-title">
      <h3 id="history-title" className="section-title">
        What happened to this channel
      </h3>
      <p className="muted history-note">
        {history.watchingSince
          ? `Status changes as the syncs saw them since ${formatZonedDateTime(history.watchingSince)}, and every action sent from Partner Desk.`
          : 'Status changes appear here once this profile has synced.'}
      </p>
      {history.items.length === 0 ? (
        <p className="muted">Nothing recorded yet.</p>
      ) : (
        <ol className="timeline">
          {history.items.map((entry) => (
            <TimelineEntry key={keyOf(entry)} entry={entry} />
          ))}
        </ol>
      )}
      {history.truncated && <p className="muted">Older entries are not shown.</p>}
    </section>
  );
}

function keyOf(entry: HistoryEntry): string {
  return entry.kind === 'status' ? `n${entry.notificationId}` : entry.kind === 'action' ? `a${entry.actionId}` : `h${entry.event}`;
}

const ICON: Record<HistoryEntry['kind'], IconName> = { status: 'bell', action: 'outbox', hub: 'clock' };

function TimelineEntry({ entry }: { entry: HistoryEntry }) {
  return (
    <li className={`timeline-entry timeline-${entry.kind}`}>
      <span className="timeline-icon" aria-hidden="true">
        <Icon name={ICON[entry.kind]} size={14} />
      </span>
      <div className="timeline-body">
        <p className="timeline-time">
          <time dateTime={entry.at}>{formatZonedDateTime(entry.at)}</time>
        </p>
        {entry.kind === 'status' && (
          <>
            <p className="timeline-title">
              {entry.changes.length > 0 && entry.changes[0]?.field === 'channel' ? entry.body : 'A sync saw a change'}
            </p>
            {entry.changes.filter((c) => c.field !== 'channel').length > 0 && (
              <ul className="timeline-changes">
                {entry.changes
                  .filter((c) => c.field !== 'channel')
                  .map((change) => (
                    <li key={change.field}>
                      <span className="muted">{changedFieldTitle(change.field, true)}:</span> {change.from ?? '—'}{' '}
                      <span aria-label="changed to">→</span> <strong>{change.to ?? '—'}</strong>
                    </li>
                  ))}
              </ul>
            )}
          </>
        )}
        {entry.kind === 'action' && (
          <>
            <p className="timeline-title">
              {entry.title}
              {entry.detail && <span className="muted"> · {entry.detail}</span>}
              {entry.scope === 'client' && <span className="muted"> (its client)</span>}
            </p>
            <p className="timeline-meta">
              <ToneBadge tone={ACTION_STATE_VIEW[entry.state].tone} label={ACTION_STATE_VIEW[entry.state].label} />
              <span>
                {entry.sentAt ? `Sent ${formatZonedDateTime(entry.sentAt)}` : entry.state === 'cancelled' ? 'Never sent' : 'Not sent yet'}
              </span>
              {entry.finishedAt && entry.state !== 'cancelled' && <span>· Ended {formatZonedDateTime(entry.finishedAt)}</span>}
            </p>
            {(entry.outcome ?? entry.error) && <p className="timeline-outcome">{humanizeTimes(entry.outcome ?? entry.error ?? '')}</p>}
          </>
        )}
        {entry.kind === 'hub' && (
          <p className="timeline-title">
            {entry.event === 'created' ? 'Created on the 360dialog Hub' : 'Last changed on the 360dialog Hub'}
          </p>
        )}
      </div>
    </li>
  );
}
