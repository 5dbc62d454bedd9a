/**
 * "Download CSV": every column the file will hold, which channels (all, or the list as filtered now),
 * which flavour (for Excel and LibreOffice, or plain RFC 4180) and the separator. Main writes the file (asking where in the
 * desktop app, into Downloads in web mode) and answers with the path, which can be revealed.
 */
import { useState, type FormEvent } from 'react';
import type { ChannelQueryInput } from '@shared/accounts';
import type { ErrorInfo } from '@shared/errors';
import { EXPORT_COLUMN_TITLES, EXPORT_FORMAT_LABELS, type CsvDelimiter, type ExportFormat } from '@shared/export';
import { formatCount } from '@shared/format';
import { BusyButton } from '../../components/BusyButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Sheet } from '../../components/Sheet';
import { useWorkspace } from '../../state/workspace-context';

interface ExportDialogProps {
  /** The current view's query, for "only the channels shown". */
  viewQuery: ChannelQueryInput;
  viewCount: number | null;
  allCount: number | null;
  filtered: boolean;
  /** The selected channels, when the export was asked for from the selection. */
  selection?: readonly string[] | null;
  onClose(): void;
}

type Outcome = { kind: 'saved'; path: string; rows: number } | { kind: 'error'; error: ErrorInfo } | null;

export function ExportDialog({ viewQuery, viewCount, allCount, filtered, selection = null, onClose }: ExportDialogProps) {
  const { api } = useWorkspace();
  const [scope, setScope] = useState<'all' | 'view' | 'selection'>(selection ? 'selection' : filtered ? 'view' : 'all');
  const [format, setFormat] = useState<ExportFormat>('spreadsheet');
  const [delimiter, setDelimiter] = useState<CsvDelimiter | 'auto'>('auto');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [revealNote, setRevealNote] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setOutcome(null);
    const { offset: _o, limit: _l, ...query } = viewQuery;
    const result = await api.request('export.channels', {
      format,
      scope: scope === 'all' ? 'all' : 'view',
      ...(delimiter === 'auto' ? {} : { delimiter }),
      ...(scope === 'view' ? { query } : {}),
      // The selection in the list's order: its ids as a filter of the same sort.
      ...(scope === 'selection' && selection
        ? { query: { search: '', sort: query.sort, direction: query.direction, ids: [...selection] } }
        : {}),
    });
    setBusy(false);
    if (!result.ok) setOutcome({ kind: 'error', error: result.error });
    else if (result.value.status === 'cancelled') onClose();
    else setOutcome({ kind: 'saved', path: result.value.path, rows: result.value.rows });
  }

  async function reveal(path: string) {
    const result = await api.request('export.reveal', { path });
    setRevealNote(
      result.ok && result.value.revealed ? null : 'This computer cannot open the folder from here; the path above is where the file is.',
    );
  }

  return (
    <Sheet side="center" labelledBy="export-title" onClose={onClose}>
      <form className="dialog-body" onSubmit={submit}>
        <h2 id="export-title">Download CSV</h2>
        {outcome?.kind === 'saved' ? (
          <>
            <p role="status">
              Saved {formatCount(outcome.rows)} {outcome.rows === 1 ? 'channel' : 'channels'} to{' '}
              <code className="path">{outcome.path}</code>
            </p>
            {revealNote && <p className="muted">{revealNote}</p>}
            <div className="dialog-actions">
              <button type="button" className="btn" onClick={() => void reveal(outcome.path)}>
                Show in folder
              </button>
              <button type="button" className="btn btn-primary" onClick={onClose} autoFocus>
                Done
              </button>
            </div>
          </>
        ) : (
          <>
            <section aria-labelledby="export-columns-title">
              <p id="export-columns-title" className="muted">
                One row per channel, with these {EXPORT_COLUMN_TITLES.length} columns (the first six as in the Partner Hub's CSV; numbers in
                E.164):
              </p>
              <ol className="export-columns">
                {EXPORT_COLUMN_TITLES.map((title) => (
                  <li key={title}>{title}</li>
                ))}
              </ol>
            </section>
            <fieldset className="fieldset">
              <legend>Channels</legend>
              <label className="radio">
                <input type="radio" name="scope" checked={scope === 'all'} onChange={() => setScope('all')} />
                <span>All channels{allCount !== null ? ` (${formatCount(allCount)})` : ''}</span>
              </label>
              {selection && (
                <label className="radio">
                  <input type="radio" name="scope" checked={scope === 'selection'} onChange={() => setScope('selection')} />
                  <span>Only the selected channels ({formatCount(selection.length)})</span>
                </label>
              )}
              <label className="radio">
                <input type="radio" name="scope" checked={scope === 'view'} onChange={() => setScope('view')} />
                <span>Only the list as filtered and sorted now{viewCount !== null ? ` (${formatCount(viewCount)})` : ''}</span>
              </label>
            </fieldset>
            <fieldset className="fieldset">
              <legend>Format</legend>
              {(Object.keys(EXPORT_FORMAT_LABELS) as ExportFormat[]).map((value) => (
                <label key={value} className="radio">
                  <input type="radio" name="format" checked={format === value} onChange={() => setFormat(value)} />
                  <span>{EXPORT_FORMAT_LABELS[value]}</span>
                </label>
              ))}
            </fieldset>
            <label className="field">
              <span className="field-label">Separator</span>
              <select className="select" value={delimiter} onChange={(event) => setDelimiter(event.target.value as CsvDelimiter | 'auto')}>
                <option value="auto">{format === 'spreadsheet' ? "What this computer's spreadsheet expects" : 'Comma (,)'}</option>
                <option value=",">Comma (,)</option>
                <option value=";">Semicolon (;)</option>
              </select>
            </label>
            {outcome?.kind === 'error' && <ErrorAlert title="The export did not complete" error={outcome.error} />}
            <div className="dialog-actions">
              <button type="button" className="btn" onClick={onClose}>
                Cancel
              </button>
              <BusyButton type="submit" className="btn btn-primary" busy={busy} busyLabel="Exporting…">
                Download CSV
              </BusyButton>
            </div>
          </>
        )}
      </form>
    </Sheet>
  );
}
