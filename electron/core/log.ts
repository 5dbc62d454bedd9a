/**
 * A small structured logger. Secrets must never be logged; as a second line of defence every
 * registered secret is masked in whatever a caller passes.
 */
import fs from 'node:fs';
import path from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** Register a value that must be masked wherever it appears in later log lines. */
  redact(secret: string): void;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface LoggerOptions {
  level?: LogLevel;
  /** Append JSON lines here. */
  file?: string;
  /** Also print (to stderr) at or above this level; never stdout, which CLI output owns. */
  consoleLevel?: LogLevel | 'silent';
  now?: () => number;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? 'info';
  const consoleLevel = options.consoleLevel ?? 'silent';
  const now = options.now ?? Date.now;
  const secrets = new Set<string>();
  if (options.file) fs.mkdirSync(path.dirname(options.file), { recursive: true });

  const mask = (text: string): string => {
    let out = text;
    for (const secret of secrets) out = out.split(secret).join('[redacted]');
    return out;
  };

  const write = (lvl: LogLevel, message: string, fields?: LogFields): void => {
    if (ORDER[lvl] < ORDER[level]) return;
    const line = mask(JSON.stringify({ time: new Date(now()).toISOString(), level: lvl, message, ...fields }));
    if (options.file) {
      try {
        fs.appendFileSync(options.file, `${line}\n`);
      } catch {
        // Logging never takes the app down: a full disk or a removed data folder loses the line, not the work.
      }
    }
    if (consoleLevel !== 'silent' && ORDER[lvl] >= ORDER[consoleLevel]) process.stderr.write(`${line}\n`);
  };

  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    redact: (secret) => {
      if (secret.length >= 4) secrets.add(secret);
    },
  };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {}, redact() {} };
