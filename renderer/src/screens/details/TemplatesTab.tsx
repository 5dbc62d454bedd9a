/**
 * Template Message Manager: the WABA's templates (name, language, category, status, rejection
 * reason) with a preview of the selected one. Read from main's cache, so it works offline; "Refresh"
 * asks the Hub, and if that fails the cached copy stays with the reason beside it.
 */
import { useEffect, useMemo, useState } from 'react';
import { BusyButton } from '../../components/BusyButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RelativeTime } from '../../components/RelativeTime';
import { ToneBadge } from '../../components/ToneBadge';
import { EMPTY_LOADABLE } from '../../state/details-store';
import { useWorkspace, useWs } from '../../state/workspace-context';
import { TemplatePreview } from './TemplatePreview';
import { templateCategory, templateStatus } from './template-status';

export function TemplatesTab({ channelId }: { channelId: string }) {
  const ws = useWorkspace();
  const entry = useWs('details', (s) => s.templates[channelId]) ?? EMPTY_LOADABLE;
  const [filter, setFilter] = useState('');
  const [selectedId, setSelectedId] = useState<string | null>(null);

  useEffect(() => {
    void ws.details.getState().loadTemplates(channelId);
    return () => ws.details.getState().release('templates', channelId);
  }, [ws, channelId]);

  const data = entry.value;
  const items = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const all = data?.items ?? [];
    return needle ? all.filter((t) => `${t.name} ${t.language} ${t.category ?? ''} ${t.status ?? ''}`.toLowerCase().includes(needle)) : all;
  }, [data, filter]);
  const selected = items.find((t) => t.id === selectedId) ?? items[0] ?? null;

  if (!data) {
    if (entry.error) return <ErrorAlert title="The templates could not be read" error={entry.error} />;
    return <p className="muted tab-loading">Reading templates…</p>;
  }

  return (
    <div className="templates">
      <div className="tab-toolbar">
        <p className="muted">
          {data.items.length} {data.items.length === 1 ? 'template' : 'templates'} · updated{' '}
          <RelativeTime value={data.fetchedAt} fallback="never" />
        </p>
        <input
          className="input input-sm"
          type="search"
          aria-label="Filter templates"
          placeholder="Filter templates"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
        />
        <BusyButton
          className="btn btn-sm"
          busy={entry.loading || data.refreshing}
          busyLabel="Refreshing…"
          onClick={() => void ws.details.getState().loadTemplates(channelId, true)}
        >
          Refresh
        </BusyButton>
      </div>
      {data.refreshError && <ErrorAlert tone="warning" title="Showing the saved copy" error={data.refreshError} />}
      {entry.error && <ErrorAlert title="Refresh failed" error={entry.error} />}
      {data.items.length === 0 ? (
        <p className="muted">
          {data.refreshing && !data.fetchedAt
            ? 'Reading the templates from the Hub…'
            : `This WhatsApp Business Account has no message templates${data.fetchedAt ? '' : ' saved on this computer yet'}.`}
        </p>
      ) : (
        <div className="templates-split">
          <div className="tpl-list-wrap">
            <table className="data-table tpl-table">
              <caption className="visually-hidden">Message templates</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Language</th>
                  <th scope="col">Category</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {items.map((template) => {
                  const status = templateStatus(template.status);
                  const isSelected = selected?.id === template.id;
                  return (
                    <tr key={template.id} className={isSelected ? 'is-selected' : undefined}>
                      <td>
                        <button type="button" className="row-open" aria-pressed={isSelected} onClick={() => setSelectedId(template.id)}>
                          {template.name}
                        </button>
                      </td>
                      <td>{template.language}</td>
                      <td>{templateCategory(template.category)}</td>
                      <td>
                        <ToneBadge tone={status.tone} label={status.label} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {selected && <TemplatePreview template={selected} />}
        </div>
      )}
    </div>
  );
}
