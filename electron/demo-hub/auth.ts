/**
 * Partner authentication (§1): the `X-API-Key` header, or a Bearer token from `POST /token`. Tokens
 * look like JWTs (three base64url parts, HS256-signed with a seed-derived demo secret) and expire by
 * the hub's clock, so tests can step time past `expires_in` instead of waiting a day.
 */
import { createHmac } from 'node:crypto';
import { Rng } from './prng';

export interface TokenOut {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  refresh_token: string;
}

export type AuthResult = { ok: true } | { ok: false; message: string };

const b64url = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');

export class TokenIssuer {
  private readonly expiries = new Map<string, number>();
  private readonly secret: string;
  private readonly rng: Rng;
  private issued = 0;

  constructor(
    seed: number,
    private readonly partnerId: string,
    private readonly ttlSeconds: number,
    private readonly now: () => number,
  ) {
    this.secret = `demo-hub-secret-${seed}`;
    this.rng = Rng.for(seed, 'tokens');
  }

  issue(username: string): TokenOut {
    const nowMs = this.now();
    const iat = Math.floor(nowMs / 1000);
    const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const payload = b64url(
      JSON.stringify({ sub: username, partner_id: this.partnerId, iat, exp: iat + this.ttlSeconds, jti: `demo-${++this.issued}` }),
    );
    const signature = createHmac('sha256', this.secret).update(`${header}.${payload}`).digest('base64url');
    const token = `${header}.${payload}.${signature}`;
    this.expiries.set(token, nowMs + this.ttlSeconds * 1000);
    // token_type is lowercase on purpose: the real service answers "bearer" (§5 quirk 7).
    return { access_token: token, token_type: 'bearer', expires_in: this.ttlSeconds, refresh_token: this.rng.alnum(40) };
  }

  check(token: string): AuthResult {
    const expiry = this.expiries.get(token);
    if (expiry === undefined) return { ok: false, message: 'Invalid token' };
    if (this.now() >= expiry) return { ok: false, message: 'Token expired' };
    return { ok: true };
  }

  /** Every issued token stops working, as after a password change. */
  revokeAll(): void {
    this.expiries.clear();
  }
}

export function authenticatePartner(headers: Headers, apiKey: string, tokens: TokenIssuer): AuthResult {
  const key = headers.get('x-api-key');
  const authorization = headers.get('authorization');
  if (key === null && authorization === null) {
    return { ok: false, message: 'Authentication required: send X-API-Key or Authorization: Bearer <token>' };
  }
  if (key !== null && key === apiKey) return { ok: true };
  if (authorization !== null) {
    const match = /^bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match?.[1]) return { ok: false, message: 'Malformed Authorization header: expected "Bearer <token>"' };
    return tokens.check(match[1]);
  }
  return { ok: false, message: 'Invalid API key' };
}
