/**
 * Reads and writes the remembered window state (window-state.json in the data folder). A missing
 * or unreadable file simply means "no saved state"; the validation lives in policy/window-state.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '@core/log';
import { parseSavedWindowState, type SavedWindowState } from './policy/window-state';

export function readWindowState(file: string): SavedWindowState | null {
  try {
    return parseSavedWindowState(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

export function writeWindowState(file: string, state: SavedWindowState, log: Logger): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify(state));
    fs.renameSync(temporary, file);
  } catch (error) {
    log.warn('could not save the window position', { error: String(error) });
  }
}
