/** Parsing helpers for option values, each failing with a usage error that names the option. */
import { UsageError } from './cli-io';

export function portOption(value: string | boolean | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || port > 65_535) {
    throw new UsageError(`--port must be a number from 0 to 65535 (0 picks a free port), not "${String(value)}".`);
  }
  return port;
}

export function countOption(name: string, value: string | boolean | undefined, fallback: number, max = 1_000_000): number {
  if (value === undefined) return fallback;
  const count = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || count > max) {
    throw new UsageError(`--${name} must be a whole number from 0 to ${max}, not "${String(value)}".`);
  }
  return count;
}

export function urlOption(name: string, value: string | boolean | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new UsageError(`--${name} needs a URL.`);
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
    return value.replace(/\/+$/, '');
  } catch {
    throw new UsageError(`--${name} must be an http(s) URL, not "${value}".`);
  }
}
