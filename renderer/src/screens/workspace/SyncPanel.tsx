/**
 * The sync status at the foot of the sidebar: "Synced 3 min ago", a progress bar by phase and
 * count while running, the reason and "Retry" when it failed. Announced politely to screen readers.
 */
import { Icon } from '../../components/Icon';
import { useNow } from '../../hooks/use-now';
import { useWorkspace, useWs } from '../../state/workspace-context';
import { describeSync } from './sync-text';

export function SyncPanel() {
  const ws = useWorkspace();
  const status = useWs('sync', (s) => s.status);
  const requesting = useWs('sync', (s) => s.requesting);
  const requestError = useWs('sync', (s) => s.requestError);
  const now = useNow();
  const view = describeSync(status, now, requesting);
  const busy = view.tone === 'running';
  const percent = view.progress?.max ? Math.min(100, Math.round((view.progress.value / view.progress.max) * 100)) : null;

  return (
    <section className={`sync-panel sync-${view.tone}`} aria-label="Sync">
      <div className="sync-head">
        <span className="sync-dot" aria-hidden="true" />
        <div className="sync-text" role="status" aria-live="polite">
          <span className="sync-headline">{view.headline}</span>
          {view.detail && <span className="sync-detail">{view.detail}</span>}
          {requestError && <span className="sync-detail sync-error">{requestError.message}</span>}
        </div>
        <button
          type="button"
          className="icon-btn"
          aria-label={view.retry ? 'Retry sync' : 'Sync now'}
          title={view.retry ? 'Retry sync' : 'Sync now'}
          aria-disabled={busy || undefined}
          onClick={() => {
            if (!busy) void ws.sync.getState().syncNow();
          }}
        >
          <Icon name="refresh" className={busy ? 'spin' : undefined} />
        </button>
      </div>
      {view.progress && (
        <div
          className={percent === null ? 'progress progress-indeterminate' : 'progress'}
          role="progressbar"
          aria-label="Sync progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent ?? undefined}
        >
          <div className="progress-bar" style={{ width: percent === null ? undefined : `${percent}%` }} />
        </div>
      )}
    </section>
  );
}
