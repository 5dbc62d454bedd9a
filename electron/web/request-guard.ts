/**
 * Who may drive web mode: only the page we served, on the loopback address we bound. Checks the
 * Host header (defeats DNS rebinding), the Origin and Fetch-Metadata headers (defeats other local
 * pages), and the per-launch token (defeats other local processes and pages that guessed the port).
 */
import { timingSafeEqual } from 'node:crypto';

export interface GuardFailure {
  status: 401 | 403 | 421;
  code: 'unauthorized' | 'forbidden';
  message: string;
}

export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export function allowedOrigins(port: number): Set<string> {
  return new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
}

type Headers = Record<string, string | string[] | undefined>;

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Host check, for every request including static files. */
export function checkHost(headers: Headers, port: number): GuardFailure | null {
  const host = single(headers.host)?.toLowerCase();
  if (!host || !allowedHosts(port).has(host)) {
    return {
      status: 421,
      code: 'forbidden',
      message: `Partner Desk answers only on http://127.0.0.1:${port}; this request named another host.`,
    };
  }
  return null;
}

/** Origin, fetch metadata and token checks, for the API. */
export function checkApiRequest(headers: Headers, port: number, token: string): GuardFailure | null {
  const hostFailure = checkHost(headers, port);
  if (hostFailure) return hostFailure;
  const origin = single(headers.origin);
  if (origin !== undefined && !allowedOrigins(port).has(origin.toLowerCase())) {
    return {
      status: 403,
      code: 'forbidden',
      message: `Requests from ${origin} may not use Partner Desk. Only the page Partner Desk served may.`,
    };
  }
  const site = single(headers['sec-fetch-site']);
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return { status: 403, code: 'forbidden', message: 'Cross-site requests may not use Partner Desk.' };
  }
  const auth = single(headers.authorization) ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(auth);
  if (!match?.[1] || !sameSecret(match[1], token)) {
    return {
      status: 401,
      code: 'unauthorized',
      message: 'This request lacks the access token of this Partner Desk session. Open the address printed by `partner-desk web`.',
    };
  }
  return null;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
