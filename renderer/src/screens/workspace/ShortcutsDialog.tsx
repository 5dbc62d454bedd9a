/** The keyboard shortcut list ("?"), read from the same table the handler uses. */
import { Kbd } from '../../components/Kbd';
import { Sheet } from '../../components/Sheet';
import { SHORTCUT_HELP } from './shortcuts';

export function ShortcutsDialog({ onClose }: { onClose(): void }) {
  return (
    <Sheet side="center" labelledBy="shortcuts-title" onClose={onClose}>
      <div className="dialog-body">
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <table className="shortcut-table">
          <tbody>
            {SHORTCUT_HELP.map((entry) => (
              <tr key={entry.does}>
                <td className="shortcut-keys">
                  {entry.keys.map((key, index) => (
                    <Kbd key={index}>{key}</Kbd>
                  ))}
                </td>
                <td>{entry.does}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="dialog-actions">
          <button type="button" className="btn btn-primary" onClick={onClose} autoFocus>
            Close
          </button>
        </div>
      </div>
    </Sheet>
  );
}
