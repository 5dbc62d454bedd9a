// Lint fixture: linted as if it lived at electron/core/; must be refused.
import { app } from 'electron';

export const userData = app.getPath('userData');
