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

/**
 * This run's Hub address: `--hub-url`, else PARTNER_DESK_HUB_URL; either must be an http(s) URL (a
 * bad one is refused, never skipped). `source` names where it came from, for the notice that says so.
 */
export function hubUrlOption(value: string | boolean | undefined, env: NodeJS.ProcessEnv): { url: string; source: string } | undefined {
  const flag = urlOption('hub-url', value);
  if (flag) return { url: flag, source: '--hub-url' };
  const fromEnv = env.PARTNER_DESK_HUB_URL?.trim();
  if (!fromEnv) return undefined;
  try {
    return { url: urlOption('hub-url', fromEnv) as string, source: 'PARTNER_DESK_HUB_URL' };
  } catch {
    throw new UsageError(
      `PARTNER_DESK_HUB_URL must be an http(s) URL such as https://hub.360dialog.io/api/v2, not "${fromEnv}". Correct it or unset it.`,
    );
  }
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
