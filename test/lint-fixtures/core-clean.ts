// Lint fixture: linted as if it lived at electron/core/; plain Node code that must pass.
import path from 'node:path';

export const file = (dir: string): string => path.join(dir, 'partner-desk.sqlite');
