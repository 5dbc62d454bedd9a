/** "Save view": names the list's current search, filters and sort, for the sidebar. */
import { useId, useState } from 'react';
import { Sheet } from '../../components/Sheet';

export function SaveViewDialog({
  existing,
  onSave,
  onClose,
}: {
  existing: readonly string[];
  onSave(name: string): void;
  onClose(): void;
}) {
  const [name, setName] = useState('');
  const id = useId();
  const trimmed = name.trim();
  const replaces = existing.some((other) => other.toLocaleLowerCase() === trimmed.toLocaleLowerCase());
  return (
    <Sheet side="center" labelledBy="save-view-title" onClose={onClose}>
      <form
        className="dialog-body"
        onSubmit={(event) => {
          event.preventDefault();
          if (trimmed === '') return;
          onSave(trimmed);
          onClose();
        }}
      >
        <h2 id="save-view-title">Save this view</h2>
        <p className="muted">The search, filters, sort and the cards or table choice, under a name in the sidebar with its live count.</p>
        <div className="field">
          <label className="field-label" htmlFor={id}>
            Name
          </label>
          <input
            id={id}
            className="input"
            value={name}
            maxLength={80}
            placeholder="e.g. Needs action in DE"
            onChange={(event) => setName(event.target.value)}
            autoFocus
          />
          {replaces && <p className="field-hint">A view with this name exists; saving replaces it.</p>}
        </div>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" aria-disabled={trimmed === '' || undefined}>
            {replaces ? 'Replace view' : 'Save view'}
          </button>
        </div>
      </form>
    </Sheet>
  );
}
