// Lint fixture: linted as if it lived at renderer/src/; must be refused.
import fs from 'node:fs';
import { ipcRenderer } from 'electron';

export const read = (file: string): string => fs.readFileSync(file, 'utf8') + String(ipcRenderer);
