/**
 * The table's Columns menu: which of the optional columns to show (Company, Number, State and Action
 * always stay). Columns that do not fit the window's width stay out until it is wider; "As many as
 * fit" goes back to the default order.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { Icon } from '../../components/Icon';
import { useWorkspace, useWs } from '../../state/workspace-context';
import { COLUMNS, DEFAULT_OPTIONAL, OPTIONAL_COLUMNS, type ColumnId } from './table-columns';

export function ColumnsMenu() {
  const ws = useWorkspace();
  const chosen = useWs('views', (s) => s.columns);
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const id = useId();
  const current: readonly string[] = chosen ?? DEFAULT_OPTIONAL;

  useEffect(() => {
    if (!open) return;
    const onDown = (event: MouseEvent) => {
      if (!ref.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  function toggle(column: ColumnId) {
    const next = current.includes(column) ? current.filter((c) => c !== column) : [...current, column];
    ws.views.getState().setColumns(next);
  }

  return (
    <div
      className="columns-menu"
      ref={ref}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          setOpen(false);
        }
      }}
    >
      <button type="button" className="btn btn-sm" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        <Icon name="columns" />
        Columns
      </button>
      {open && (
        <div className="columns-popover" id={id} role="group" aria-label="Table columns">
          <p className="field-hint">Company, Number, State and Action always show. The others show as the width allows, in this order.</p>
          {OPTIONAL_COLUMNS.map((column) => (
            <label key={column} className="checkbox">
              <input type="checkbox" checked={current.includes(column)} onChange={() => toggle(column)} />
              <span>{COLUMNS[column].fullTitle}</span>
            </label>
          ))}
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => ws.views.getState().setColumns(null)}>
            As many as fit
          </button>
        </div>
      )}
    </div>
  );
}
