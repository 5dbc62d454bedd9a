/**
 * The CLI's view of the outside world: where output goes and how it ends. Commands return an exit
 * code (0 success, 1 failure with a one-line reason on stderr, 2 usage error, 3 damaged database,
 * 4 database not writable: read-only or disk full) instead of exiting,
 * so tests can run them in-process.
 */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Whether stderr is a terminal (progress lines only then). */
  interactive: boolean;
  /** Resolves when the user asks a long-running command to stop (Ctrl+C, SIGTERM). */
  untilStopped(): Promise<void>;
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
/** The local database is damaged: nothing is written to it (`partner-desk doctor` repairs it). */
export const EXIT_DAMAGED = 3;
/** The local database cannot be written: its folder or file is read-only, or the disk is full. */
export const EXIT_NOT_WRITABLE = 4;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Whether stdout's reader went away (`partner-desk channels | head`). */
let stdoutGone = false;
let watchingStdout = false;

/**
 * A reader that stops reading is no failure of the command: the rest of its output is dropped, and the
 * command still finishes what it was doing (a sync or a queued action is never cut off half-way by
 * `| head`). Without this, Node throws EPIPE from the stream and the process dies with a stack trace.
 */
function watchStdout(): void {
  if (watchingStdout) return;
  watchingStdout = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    stdoutGone = true;
  });
}

export function processIo(): CliIo {
  watchStdout();
  return {
    out: (line) => {
      if (!stdoutGone) process.stdout.write(`${line}\n`);
    },
    err: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
    cwd: process.cwd(),
    stdin: process.stdin,
    interactive: process.stderr.isTTY === true,
    untilStopped: () =>
      new Promise((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      }),
  };
}
