// Starts a worker thread from its TypeScript source (web mode, the CLI and tests run from source
// through tsx; a worker does not inherit the main thread's loader). The built app and CLI start
// the bundled out/main/<worker>.js directly (see worker-file.ts).
import { fileURLToPath, URL } from 'node:url';
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

// The repository's tsconfig, whatever the working folder: its `paths` are the import aliases (@core/…).
register({ tsconfig: fileURLToPath(new URL('../../../tsconfig.json', import.meta.url)) });
await import(workerData.entry);
