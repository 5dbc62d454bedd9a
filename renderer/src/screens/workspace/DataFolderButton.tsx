/**
 * "Show data folder": where the local database and logs are, opened in the file manager by the
 * desktop shell. Where that is impossible (web mode), the path is shown instead.
 */
import { useState } from 'react';
import { useSession } from '../../state/session-context';
import { useWorkspace } from '../../state/workspace-context';

export function DataFolderButton() {
  const { api } = useWorkspace();
  const dataDir = useSession((s) => s.info?.dataDir ?? null);
  const [note, setNote] = useState<string | null>(null);

  async function reveal() {
    const result = await api.request('app.revealDataFolder', {});
    setNote(result.ok && result.value.revealed ? null : `The data folder is ${dataDir ?? 'not known'}.`);
  }

  return (
    <>
      <button type="button" className="btn btn-sm" onClick={() => void reveal()}>
        Show data folder
      </button>
      {note && (
        <span className="muted path" role="status">
          {note}
        </span>
      )}
    </>
  );
}
