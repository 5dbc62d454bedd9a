/**
 * The saved views in the sidebar, each with its live count: a click applies the view's filters to
 * the WhatsApp accounts list (and its cards or table). The view whose filters are the list's now is
 * marked current. Each has a remove button beside it; saving happens on the accounts page.
 */
import { formatCount } from '@shared/format';
import { Icon } from '../../components/Icon';
import { channelQueryKey } from '../../state/channel-list';
import { useWorkspace, useWs } from '../../state/workspace-context';
import { toFilters } from '../../state/workspace-prefs';

export function SavedViewsNav() {
  const ws = useWorkspace();
  const views = useWs('views', (s) => s.views);
  const counts = useWs('views', (s) => s.counts);
  const section = useWs('ui', (s) => s.section);
  const currentKey = useWs('channels', (s) => s.queryKey);
  if (views.length === 0) return null;

  return (
    <section className="saved-views" aria-labelledby="saved-views-title">
      <h2 id="saved-views-title" className="sidebar-heading">
        Saved views
      </h2>
      <ul className="nav">
        {views.map((view) => {
          const filters = toFilters(view.filters);
          const current = section === 'accounts' && channelQueryKey(filters) === currentKey;
          const count = counts[view.id];
          return (
            <li key={view.id} className="saved-view">
              <button
                type="button"
                className="nav-item"
                aria-current={current ? 'true' : undefined}
                onClick={() => {
                  ws.channels.getState().setQuery(filters);
                  if (view.viewMode) ws.ui.getState().setViewMode(view.viewMode);
                  ws.ui.getState().go('accounts');
                }}
              >
                <Icon name="bookmark" />
                <span className="nav-label nav-label-wrap" dir="auto">
                  {view.name}
                </span>
                <span className="nav-count" data-view-count={view.name}>
                  <span aria-hidden="true">{count === undefined || count === null ? '…' : formatCount(count)}</span>
                  <span className="visually-hidden">
                    , {count === undefined || count === null ? 'counting' : `${formatCount(count)} channels`}
                  </span>
                </span>
              </button>
              <button
                type="button"
                className="icon-btn icon-btn-xs saved-view-remove"
                aria-label={`Remove the saved view ${view.name}`}
                title="Remove this saved view"
                onClick={() => ws.views.getState().remove(view.id)}
              >
                <Icon name="close" size={12} />
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
