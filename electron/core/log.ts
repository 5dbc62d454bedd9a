/**
 * The structured logger: pino (JSON lines) writing through pino-roll, which rotates the files
 * daily and at 10 MB and keeps the newest 14. Secrets must never be logged; as a second line of
 * defence every registered secret is masked in each line before it is written.
 *
 * Several processes log at once (the desktop app, web mode, any number of CLI commands), so each
 * kind writes its own files (`logs/desktop.<date>.<n>.log`, `web…`, `cli…`: the caller names the
 * base file). Weighed: one shared file would have each long-lived process rotate it on its own
 * schedule, counting only its own bytes, and rename or delete it under the others. pino-roll never
 * renames: it moves on to the next numbered file, and every line is one write() on a file opened
 * for appending, so two CLI commands writing the same file at once interleave whole lines, never
 * parts of them. electron-log (renames to `.old.log`, one old file) and rotating-file-stream
 * (renames on rotation) were the alternatives.
 *
 * Logging never takes the app down: a folder that cannot be made, a full disk or a removed data
 * folder loses lines, not work (errors of the file stream are swallowed).
 */
import fs from 'node:fs';
import path from 'node:path';
import pino, { type DestinationStream } from 'pino';
import roll from 'pino-roll';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** Register a value that must be masked wherever it appears in later log lines. */
  redact(secret: string): void;
  /** Writes out what is still buffered (before the process exits). */
  flush?(): Promise<void>;
}

export interface LoggerOptions {
  level?: LogLevel;
  /**
   * The base of the log files, e.g. `<data>/logs/desktop.log`: written as
   * `desktop.2026-05-01.1.log`, `desktop.2026-05-01.2.log` (after 10 MB), a new date each day.
   */
  file?: string;
  /** Also print (to stderr) at or above this level; never stdout, which CLI output owns. */
  consoleLevel?: LogLevel | 'silent';
  now?: () => number;
  /** Rotation limits (tests make them small). */
  maxBytes?: number;
  keepFiles?: number;
}

export const LOG_KEEP_FILES = 14;
export const LOG_MAX_BYTES = 10 * 1024 * 1024;

/** The files a logger with base `file` writes, newest last (by name: date, then number). */
export function logFilesOf(file: string): string[] {
  const dir = path.dirname(file);
  const base = path.basename(file, path.extname(file));
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const pattern = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(\\d{4}-\\d{2}-\\d{2})\\.(\\d+)\\.log$`);
  return names
    .map((name) => ({ name, m: pattern.exec(name) }))
    .filter((e): e is { name: string; m: RegExpExecArray } => e.m !== null)
    .sort((a, b) => (a.m[1] === b.m[1] ? Number(a.m[2]) - Number(b.m[2]) : a.m[1]! < b.m[1]! ? -1 : 1))
    .map((e) => path.join(dir, e.name));
}

/**
 * The file stream, which pino-roll opens asynchronously: lines logged before it is open wait in
 * memory (a bounded number), then go in order.
 */
class RollingDestination implements DestinationStream {
  private stream:
    | (DestinationStream & {
        flushSync?(): void;
        flush?(cb?: (error?: Error) => void): void;
        on?(event: string, listener: (...args: unknown[]) => void): void;
      })
    | null = null;
  private pending: string[] | null = [];
  private readonly ready: Promise<void>;

  constructor(file: string, options: { maxBytes: number; keepFiles: number }) {
    const ext = path.extname(file) || '.log';
    const base = path.join(path.dirname(file), path.basename(file, path.extname(file)));
    this.ready = roll({
      file: base,
      extension: ext,
      frequency: 'daily',
      dateFormat: 'yyyy-MM-dd',
      size: `${Math.max(1, Math.ceil(options.maxBytes / 1024))}k`,
      mkdir: true,
      // Removes the oldest files of this kind on each rotation, those of earlier runs too.
      limit: { count: Math.max(1, options.keepFiles - 1), removeOtherLogFiles: true },
      // Lines are written asynchronously (the size rotation needs it), always whole: a write()
      // of whole lines to a file opened for appending, so another process's lines never split them.
      sync: false,
      // Every line goes out at once; with a minimum above 0, flush() waits for the write under way.
      minLength: 1,
    }).then(
      async (stream) => {
        stream.on('error', () => undefined);
        // SonicBoom opens (and makes the folder) after pino-roll answers: wait for it, or its failure.
        const opened =
          (stream as unknown as { fd: number }).fd >= 0 ||
          (await new Promise<boolean>((resolve) => {
            stream.once('ready', () => resolve(true));
            stream.once('error', () => resolve(false));
          }));
        if (opened) this.stream = stream as unknown as RollingDestination['stream'];
        for (const line of this.pending ?? []) this.write(line);
        this.pending = null;
      },
      () => {
        // The folder cannot be made (read-only, full): lines are dropped, the app goes on.
        this.pending = null;
      },
    );
  }

  write(line: string): void {
    if (this.stream) {
      try {
        this.stream.write(line);
      } catch {
        // A full disk: the line is lost, not the work.
      }
    } else if (this.pending && this.pending.length < 1_000) {
      this.pending.push(line);
    }
  }

  async flush(): Promise<void> {
    await this.ready;
    const stream = this.stream;
    if (!stream?.flush) return;
    await new Promise<void>((resolve) => {
      try {
        stream.flush!(() => resolve());
      } catch {
        resolve(); // nothing more can be written
      }
    });
  }
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? 'info';
  const consoleLevel = options.consoleLevel ?? 'silent';
  const now = options.now ?? Date.now;
  const secrets = new Set<string>();
  const mask = (text: string): string => {
    let out = text;
    for (const secret of secrets) out = out.split(secret).join('[redacted]');
    return out;
  };

  const file = options.file
    ? new RollingDestination(options.file, { maxBytes: options.maxBytes ?? LOG_MAX_BYTES, keepFiles: options.keepFiles ?? LOG_KEEP_FILES })
    : null;
  const streams: pino.StreamEntry[] = [];
  if (file) streams.push({ level, stream: file });
  if (consoleLevel !== 'silent') streams.push({ level: consoleLevel, stream: process.stderr });
  const lowest = consoleLevel !== 'silent' && pino.levels.values[consoleLevel]! < pino.levels.values[level]! ? consoleLevel : level;
  const logger = pino(
    {
      level: streams.length === 0 ? 'silent' : lowest,
      base: { pid: process.pid },
      messageKey: 'message',
      timestamp: () => `,"time":"${new Date(now()).toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
      hooks: { streamWrite: mask },
    },
    pino.multistream(streams),
  );

  const write = (lvl: LogLevel, message: string, fields?: LogFields): void => {
    if (fields) logger[lvl](fields, message);
    else logger[lvl](message);
  };

  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    redact: (secret) => {
      if (secret.length >= 4) secrets.add(secret);
    },
    flush: async () => {
      await file?.flush();
    },
  };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {}, redact() {}, flush: async () => undefined };
