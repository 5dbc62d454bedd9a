/**
 * The save dialog for exports: where it opens (the Downloads folder with the suggested name) and
 * what its answer means. A cancelled dialog writes nothing; a name typed without the extension gets
 * it (GTK dialogs on Linux do not add it). Pure: the wiring shows Electron's dialog.
 */
import path from 'node:path';
import type { SavePathRequest } from '@core/desktop';

export function saveDialogOptions(request: SavePathRequest, downloadsDir: string) {
  // Only a file name may come from the request, never a folder elsewhere.
  const name = path.basename(request.suggestedName.replace(/\\/g, '/')) || 'export';
  return {
    title: request.title,
    defaultPath: path.join(downloadsDir, name),
    filters: request.filters,
    properties: ['createDirectory', 'showOverwriteConfirmation'] as Array<'createDirectory' | 'showOverwriteConfirmation'>,
  };
}

export function chosenSavePath(result: { canceled: boolean; filePath?: string | undefined }, request: SavePathRequest): string | null {
  if (result.canceled || !result.filePath) return null;
  const extensions = request.filters.flatMap((filter) => filter.extensions).filter((ext) => ext !== '*');
  const current = path.extname(result.filePath).slice(1).toLowerCase();
  const [first] = extensions;
  if (first === undefined || extensions.some((ext) => ext.toLowerCase() === current)) return result.filePath;
  return `${result.filePath}.${first}`;
}
