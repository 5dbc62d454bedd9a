/**
 * One queued action: what it is, its state, when it goes next, what went wrong (in main's and the
 * server's words) or what it conflicts with, and the buttons that make sense for its state.
 */
import type { OutboxAction } from '@shared/outbox';
import { BusyButton } from '../../components/BusyButton';
import { RelativeTime } from '../../components/RelativeTime';
import { ToneBadge } from '../../components/ToneBadge';
import { humanizeTimes } from '@shared/format/zoned-time';
import { useSession } from '../../state/session-context';
import { useWorkspace, useWs } from '../../state/workspace-context';
import { ACTION_KIND_LABEL, actionView, cancelLabel } from './action-text';

export function ActionRow({ action, compact = false }: { action: OutboxAction; compact?: boolean }) {
  const ws = useWorkspace();
  const busy = useWs('outbox', (s) => s.busy[action.id] ?? null);
  const connection = useSession((s) => s.session?.connection.status ?? null);
  const view = actionView(action, connection);
  return (
    <li className={`action-row action-${action.state}`}>
      <div className="action-main">
        <p className="action-title">
          {!compact && <span className="action-kind">{ACTION_KIND_LABEL[action.kind]}</span>}
          {action.title}
        </p>
        {action.detail && <p className="action-detail">{action.detail}</p>}
        {action.outcome && <p className="action-detail">{humanizeTimes(action.outcome)}</p>}
        {view.note && <p className="action-note">{view.note}</p>}
        {view.showError && action.lastError && (
          <p className="action-error">
            {action.lastError.message}
            {action.lastError.serverMessage && <span className="muted"> The server said: “{action.lastError.serverMessage}”</span>}
          </p>
        )}
        {action.conflict && (
          <div className="action-conflict">
            <p>{action.conflict.message}</p>
            <dl>
              <dt>Queued</dt>
              <dd>{action.conflict.queued ?? '—'}</dd>
              <dt>On the Hub now</dt>
              <dd>{action.conflict.server ?? '—'}</dd>
              <dt>When queued</dt>
              <dd>{action.conflict.seen ?? '—'}</dd>
            </dl>
          </div>
        )}
        <p className="action-meta">
          Queued <RelativeTime value={action.createdAt} />
          {action.sentAt && action.state !== 'queued' && (
            <>
              {' · sent '}
              <RelativeTime value={action.sentAt} />
            </>
          )}
          {view.showAttempts && ` · ${action.attempts} ${action.attempts === 1 ? 'attempt' : 'attempts'}`}
          {view.showNextTry && action.nextAttemptAt && (
            <>
              {' · next try '}
              <RelativeTime value={action.nextAttemptAt} />
            </>
          )}
        </p>
      </div>
      <div className="action-side">
        <ToneBadge tone={view.tone} label={view.label} />
        <div className="action-buttons">
          {action.canRetry && (
            <BusyButton
              className="btn btn-sm"
              busy={busy === 'retry'}
              blocked={busy !== null}
              busyLabel="Retrying…"
              onClick={() => void ws.outbox.getState().retry(action.id)}
            >
              {action.state === 'conflict' ? 'Send anyway' : 'Retry'}
              <span className="visually-hidden">: {action.title}</span>
            </BusyButton>
          )}
          {action.canCancel && (
            <BusyButton
              className="btn btn-sm btn-ghost"
              busy={busy === 'cancel'}
              blocked={busy !== null}
              busyLabel="…"
              onClick={() => void ws.outbox.getState().cancel(action.id)}
            >
              {cancelLabel(action)}
              <span className="visually-hidden">: {action.title}</span>
            </BusyButton>
          )}
        </div>
      </div>
    </li>
  );
}
