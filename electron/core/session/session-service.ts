/**
 * Sign-in, demo, profile switching and sign-out. Owns the "connection" part of the session state
 * and emits `session.changed` whenever it changes. Credentials go to the keychain before a profile
 * is written, and only after the Hub accepted them, so a refused key leaves nothing behind.
 */
import { AppError, isAppError } from '../../../shared/errors';
import type { ConnectionState, SessionState, SignInInput } from '../../../shared/contract';
import { apiKeyAuth, bearerAuth, requestToken, storeBearerToken, type AuthProvider, type BearerAuth } from '../api/auth';
import { createHttpClient } from '../api/http-client';
import { createPartnerApi } from '../api/partner-api';
import type { Partner } from '../api/schemas';
import type { CoreEvents } from '../events';
import type { Logger } from '../log';
import type { ProfileRepository, ProfileRow } from '../profiles/profile-repository';
import { secretAccounts, type SecretStore } from '../secrets/secret-store';
import type { DemoConnector } from './demo-connector';

export interface SessionServiceDeps {
  profiles: ProfileRepository;
  secrets: SecretStore;
  events: CoreEvents;
  log: Logger;
  fetch: typeof fetch;
  now: () => number;
  defaultHubUrl: string;
  /**
   * The Hub address for this run (`--hub-url` or PARTNER_DESK_HUB_URL given to the CLI or web mode):
   * used instead of every profile's stored address, so a run told to use another Hub never quietly
   * talks to the one used at sign-in. Demo profiles have no Hub address and are not affected.
   */
  hubUrlOverride?: string;
  demo: DemoConnector;
}

/** What a Partner API client for a profile needs; credentials stay behind the AuthProvider. */
export interface HubConnection {
  fetch: typeof fetch;
  baseUrl: string;
  partnerId: string;
  auth: AuthProvider;
}

/** Sign-in and the connection check wait this long for the Hub before saying it is unreachable. */
const SIGN_IN_TIMEOUT_MS = 20_000;

const SIGNED_OUT: ConnectionState = { status: 'signed_out', partner: null, message: null, checkedAt: null };

export class SessionService {
  private connection: ConnectionState = SIGNED_OUT;
  private readonly hasSecret = new Map<string, boolean>();
  /** One per profile, so concurrent requests share a token renewal. */
  private readonly bearers = new Map<string, BearerAuth>();
  private secretCheck: Promise<void> | null = null;
  private secretsChecked = false;
  private closed = false;

  constructor(private readonly deps: SessionServiceDeps) {}

  /**
   * Restores the last active profile (if any); the keychain and the connection are checked in the
   * background. The keychain may wait for an unlock prompt or time out (a Secret Service takes ~25 s
   * to give up), and nothing local may wait for it: the cached workspace opens at once, and
   * `session.changed` follows when the keychain and then the Hub have answered.
   */
  async restore(options: { checkConnection?: boolean } = {}): Promise<void> {
    const active = this.activeProfile();
    if (!active) return;
    // The CLI's commands that read the local copy never touch the network (a hanging Hub held each
    // of them 20 s): they leave the connection unchecked.
    if (options.checkConnection === false) {
      this.setConnection({ status: 'unchecked', partner: null, message: null, checkedAt: null });
      return;
    }
    this.setConnection({ status: 'connecting', partner: null, message: null, checkedAt: null });
    void this.checkSecrets()
      .then(() => this.refresh())
      .catch(() => undefined);
  }

  /** The session as it is known now; credentials not yet confirmed by the keychain count as present. */
  async state(): Promise<SessionState> {
    if (!this.secretsChecked) void this.checkSecrets();
    return this.snapshot();
  }

  /** The session once the keychain has said which credentials it holds (the CLI's `status`). */
  async checkedState(): Promise<SessionState> {
    if (!this.secretsChecked) await this.checkSecrets();
    return this.snapshot();
  }

  /** The core is closing: work still under way (a keychain read, a connection check) ends quietly. */
  close(): void {
    this.closed = true;
  }

  /** One keychain read of every profile's credential at a time; tells listeners what it found. */
  private checkSecrets(): Promise<void> {
    this.secretCheck ??= this.refreshSecretFlags()
      .then(() => {
        if (this.closed) return;
        this.secretsChecked = true;
        this.deps.events.emit('session.changed', this.snapshot());
      })
      .finally(() => {
        this.secretCheck = null;
      });
    return this.secretCheck;
  }

  async signIn(input: SignInInput): Promise<SessionState> {
    const hubUrl = input.hubUrl ?? this.deps.defaultHubUrl;
    this.setConnection({ status: 'connecting', partner: null, message: null, checkedAt: null });
    try {
      const { auth, storeSecrets } = await this.authenticate(input, hubUrl);
      const partner = await this.readPartner({ fetch: this.deps.fetch, baseUrl: hubUrl, partnerId: input.partnerId, auth });
      const label = partner.brand_name?.trim() || input.partnerId;
      const existing = this.deps.profiles.find(input.partnerId, hubUrl, input.method);
      const profileId = existing?.id ?? crypto.randomUUID();
      await storeSecrets(profileId); // keychain first: a profile never exists without its credential
      const profile = this.deps.profiles.upsert({ id: profileId, partnerId: input.partnerId, hubUrl, authMethod: input.method, label });
      this.deps.profiles.setActive(profile.id);
      this.hasSecret.set(profile.id, true);
      this.setConnection(connected(partner.id, label, this.deps.now()));
      this.deps.log.info('signed in', { profileId: profile.id, partnerId: input.partnerId, method: input.method });
      return this.snapshot();
    } catch (error) {
      this.setConnection(this.activeProfile() ? failedConnection(error, this.deps.now()) : SIGNED_OUT);
      throw error;
    }
  }

  async startDemo(): Promise<SessionState> {
    const demo = await this.deps.demo.connect();
    const partner = await this.readPartner({ fetch: demo.fetch, baseUrl: demo.hubUrl, partnerId: demo.partnerId, auth: apiKeyAuth(demo.apiKey) });
    const label = partner.brand_name?.trim() || demo.partnerId;
    const profile = this.deps.profiles.upsert({ partnerId: demo.partnerId, hubUrl: demo.hubUrl, authMethod: 'demo', label });
    this.deps.profiles.setActive(profile.id);
    this.hasSecret.set(profile.id, true); // the demo hub's key is public and built in
    this.setConnection(connected(partner.id, label, this.deps.now()));
    return this.snapshot();
  }

  async switchProfile(profileId: string): Promise<SessionState> {
    if (!this.deps.profiles.get(profileId)) throw new AppError('not_found', 'That profile no longer exists. Choose another one or sign in again.');
    this.deps.profiles.setActive(profileId);
    await this.refresh();
    return this.snapshot();
  }

  /** Re-checks the active profile's connection; offline is a state, not an error. */
  async refresh(): Promise<SessionState> {
    const profile = this.activeProfile();
    if (!profile) {
      this.setConnection(SIGNED_OUT);
      return this.snapshot();
    }
    this.setConnection({ ...this.connection, status: 'connecting', message: null });
    try {
      const partner = await this.readPartner(await this.connectionFor(profile));
      this.setConnection(connected(partner.id, partner.brand_name?.trim() || profile.label, this.deps.now()));
    } catch (error) {
      this.setConnection(failedConnection(error, this.deps.now()));
    }
    return this.snapshot();
  }

  async signOut(profileId: string, keepCache: boolean): Promise<SessionState> {
    const profile = this.deps.profiles.get(profileId);
    if (!profile) throw new AppError('not_found', 'That profile is already signed out.');
    // Every credential of the profile: the partner key or password and token, and the channel API keys.
    // A demo profile on a machine without a keychain has none, and signing out must still work.
    const accounts = await this.deps.secrets.accounts(secretAccounts.profilePrefix(profileId)).catch((error: unknown) => {
      if (profile.auth_method === 'demo') return [];
      throw error;
    });
    for (const account of accounts) await this.deps.secrets.delete(account);
    this.hasSecret.set(profileId, false);
    this.bearers.delete(profileId);
    if (keepCache && profile.auth_method !== 'demo') {
      if (this.deps.profiles.activeId() === profileId) this.deps.profiles.setActive(null);
    } else {
      this.deps.profiles.delete(profileId);
      this.hasSecret.delete(profileId);
    }
    if (!this.activeProfile()) this.setConnection(SIGNED_OUT);
    this.deps.log.info('signed out', { profileId, keepCache });
    return this.snapshot();
  }

  /**
   * The partner's own record: proves the credentials work and gives the name shown as "connected
   * to ...". One attempt: a person is waiting, and an honest "offline" beats a silent backoff.
   */
  private readPartner(connection: HubConnection): Promise<Partner> {
    return createPartnerApi({ ...connection, now: this.deps.now, log: this.deps.log, retry: { maxAttempts: 1 }, timeoutMs: SIGN_IN_TIMEOUT_MS }).getPartner();
  }

  /** A profile's Hub endpoint and credentials, for building a Partner API client. */
  async connectionFor(profile: ProfileRow): Promise<HubConnection> {
    if (profile.auth_method === 'demo') {
      const demo = await this.deps.demo.connect();
      return { fetch: demo.fetch, baseUrl: demo.hubUrl, partnerId: demo.partnerId, auth: apiKeyAuth(demo.apiKey) };
    }
    const base = { fetch: this.deps.fetch, baseUrl: this.hubUrlOf(profile), partnerId: profile.partner_id };
    if (profile.auth_method === 'api_key') {
      const key = await this.deps.secrets.get(secretAccounts.partnerApiKey(profile.id));
      if (!key) throw notSignedIn(profile);
      return { ...base, auth: apiKeyAuth(key, this.deps.log) };
    }
    let bearer = this.bearers.get(profile.id);
    if (!bearer) {
      bearer = bearerAuth({
        secrets: this.deps.secrets,
        profileId: profile.id,
        baseUrl: this.hubUrlOf(profile),
        fetch: this.deps.fetch,
        now: this.deps.now,
        log: this.deps.log,
        profileLabel: `${profile.label} (${profile.partner_id})`,
      });
      this.bearers.set(profile.id, bearer);
    }
    return { ...base, auth: bearer };
  }

  private async authenticate(
    input: SignInInput,
    hubUrl: string,
  ): Promise<{ auth: AuthProvider; storeSecrets: (profileId: string) => Promise<void> }> {
    if (input.method === 'api_key') {
      return {
        auth: apiKeyAuth(input.apiKey, this.deps.log),
        storeSecrets: (id) => this.deps.secrets.set(secretAccounts.partnerApiKey(id), input.apiKey),
      };
    }
    this.deps.log.redact(input.password);
    const tokenClient = createHttpClient({ baseUrl: hubUrl, fetch: this.deps.fetch, retry: { maxAttempts: 1 }, timeoutMs: SIGN_IN_TIMEOUT_MS, log: this.deps.log });
    const token = await requestToken(tokenClient, input.username, input.password);
    this.deps.log.redact(token.access_token);
    const bearer = `Bearer ${token.access_token}`;
    return {
      auth: { headers: async () => ({ Authorization: bearer }) },
      storeSecrets: async (id) => {
        await this.deps.secrets.set(secretAccounts.partnerPassword(id), input.password);
        await storeBearerToken(this.deps.secrets, id, input.username, token, this.deps.now());
        this.bearers.delete(id); // a renewal provider may still hold the previous token
      },
    };
  }

  private async refreshSecretFlags(): Promise<void> {
    if (this.closed) return;
    for (const profile of this.deps.profiles.list()) {
      if (this.closed) return;
      if (profile.auth_method === 'demo') {
        this.hasSecret.set(profile.id, true);
        continue;
      }
      const account = profile.auth_method === 'api_key' ? secretAccounts.partnerApiKey(profile.id) : secretAccounts.partnerPassword(profile.id);
      try {
        this.hasSecret.set(profile.id, (await this.deps.secrets.get(account)) !== null);
      } catch {
        this.hasSecret.set(profile.id, false); // keychain unavailable: treat as signed out, keep the cache
      }
    }
  }

  /** The connection as last seen (services that would only wait for an offline Hub skip it). */
  connectionStatus(): ConnectionState['status'] {
    return this.connection.status;
  }

  /** The active profile's row, for services that call the Hub as it (accounts, outbox). */
  activeProfileRow(): ProfileRow | null {
    return this.activeProfile();
  }

  /** Where a profile's requests go: this run's override, else the address it was signed in at. */
  hubUrlOf(profile: ProfileRow): string {
    return profile.auth_method !== 'demo' && this.deps.hubUrlOverride ? this.deps.hubUrlOverride : profile.hub_url;
  }

  private activeProfile(): ProfileRow | null {
    const id = this.deps.profiles.activeId();
    return id ? this.deps.profiles.get(id) : null;
  }

  private snapshot(): SessionState {
    return {
      profiles: this.deps.profiles.list().map((p) => ({
        id: p.id,
        partnerId: p.partner_id,
        label: p.label,
        authMethod: p.auth_method,
        hubUrl: this.hubUrlOf(p),
        // A profile is only ever written after its credential was stored: until the keychain answers, it has one.
        hasSecret: this.hasSecret.get(p.id) ?? true,
        createdAt: p.created_at,
        lastUsedAt: p.last_used_at,
      })),
      activeProfileId: this.deps.profiles.activeId(),
      connection: this.connection,
    };
  }

  private setConnection(next: ConnectionState): void {
    if (this.closed) return;
    this.connection = next;
    this.deps.events.emit('session.changed', this.snapshot());
  }
}

function connected(partnerId: string, name: string, now: number): ConnectionState {
  return { status: 'connected', partner: { id: partnerId, name }, message: null, checkedAt: new Date(now).toISOString() };
}

function failedConnection(error: unknown, now: number): ConnectionState {
  const offline = isAppError(error) && error.code === 'offline';
  const message = isAppError(error) ? error.message : 'The connection check failed unexpectedly.';
  return { status: offline ? 'offline' : 'error', partner: null, message, checkedAt: new Date(now).toISOString() };
}

function notSignedIn(profile: ProfileRow): AppError {
  return new AppError('not_signed_in', `The keychain holds no credential for ${profile.label} (${profile.partner_id}). Sign in again.`);
}
