/**
 * Sign-in, demo, profile switching and sign-out. Owns the "connection" part of the session state
 * and emits `session.changed` whenever it changes. Credentials go to the keychain before a profile
 * is written, and only after the Hub accepted them, so a refused key leaves nothing behind.
 */
import { AppError, isAppError } from '@shared/errors';
import type { ConnectionState, SessionState, SignInInput } from '@shared/contract';
import { apiKeyAuth, bearerAuth, requestToken, storeBearerToken, type AuthProvider, type BearerAuth } from '../api/auth';
import { createHttpClient } from '../api/http-client';
import { isNoNetwork } from '../api/http-errors';
import { createPartnerApi } from '../api/partner-api';
import type { Partner } from '../api/schemas';
import type { CoreEvents } from '../events';
import type { Logger } from '../log';
import type { ProfileRepository, ProfileRow } from '../profiles/profile-repository';
import { secretAccounts, type SecretStore } from '../secrets/secret-store';
import type { HubObserver } from '../api/hub-observer';
import { ConnectionMonitor, type MonitorTimers } from './connection-monitor';
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
  /** The connection's status changed (the core resumes the outbox when it is back). */
  onConnectionChange?: (state: ConnectionState, previous: ConnectionState['status']) => void;
  random?: () => number;
  timers?: MonitorTimers;
}

/** What a Partner API client for a profile needs; credentials stay behind the AuthProvider. */
export interface HubConnection {
  fetch: typeof fetch;
  baseUrl: string;
  partnerId: string;
  auth: AuthProvider;
  /** Told every request's outcome (the connection monitor). */
  observe?: HubObserver;
}

/** Sign-in and the connection check wait this long for the Hub before saying it is unreachable. */
const SIGN_IN_TIMEOUT_MS = 20_000;
/** A background check gives up sooner: it runs again by itself, and a silent Hub should not hold the "checking" state long. */
const CHECK_TIMEOUT_MS = 10_000;

export class SessionService {
  /** The one connection state of this process (connection-machine.ts). */
  readonly connection: ConnectionMonitor;
  private readonly hasSecret = new Map<string, boolean>();
  /** One per profile, so concurrent requests share a token renewal. */
  private readonly bearers = new Map<string, BearerAuth>();
  private secretCheck: Promise<void> | null = null;
  private secretsChecked = false;
  private closed = false;

  constructor(private readonly deps: SessionServiceDeps) {
    this.connection = new ConnectionMonitor({
      now: deps.now,
      ...(deps.random ? { random: deps.random } : {}),
      ...(deps.timers ? { timers: deps.timers } : {}),
      check: (observe) => this.checkActive(observe),
      onChange: (state, previous) => {
        if (this.closed) return;
        this.deps.events.emit('session.changed', this.snapshot());
        this.deps.onConnectionChange?.(state, previous);
      },
    });
  }

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
      this.connection.apply({ type: 'local_only' });
      return;
    }
    this.connection.apply({ type: 'checking', at: this.deps.now() });
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
    this.connection.close();
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
    const startedAt = this.deps.now();
    this.connection.apply({ type: 'checking', at: startedAt });
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
      this.connection.apply({ type: 'contact', at: this.deps.now(), startedAt, partner: { id: partner.id, name: label } });
      this.deps.log.info('signed in', { profileId: profile.id, partnerId: input.partnerId, method: input.method });
      return this.snapshot();
    } catch (error) {
      // A refused new credential says nothing about the active profile's; a network that is gone does.
      if (!this.activeProfile()) this.connection.apply({ type: 'signed_out' });
      else if (isAppError(error) && error.code === 'offline') {
        this.connection.apply({
          type: 'unreachable',
          at: this.deps.now(),
          startedAt,
          noNetwork: isNoNetwork(error.cause),
          message: error.message,
        });
      }
      throw error;
    }
  }

  async startDemo(): Promise<SessionState> {
    const startedAt = this.deps.now();
    const demo = await this.deps.demo.connect();
    const partner = await this.readPartner({
      fetch: demo.fetch,
      baseUrl: demo.hubUrl,
      partnerId: demo.partnerId,
      auth: apiKeyAuth(demo.apiKey),
    });
    const label = partner.brand_name?.trim() || demo.partnerId;
    const profile = this.deps.profiles.upsert({ partnerId: demo.partnerId, hubUrl: demo.hubUrl, authMethod: 'demo', label });
    this.deps.profiles.setActive(profile.id);
    this.hasSecret.set(profile.id, true); // the demo hub's key is public and built in
    if (this.connection.status === 'signed_out') this.connection.apply({ type: 'checking', at: startedAt });
    this.connection.apply({ type: 'contact', at: this.deps.now(), startedAt, partner: { id: partner.id, name: label } });
    return this.snapshot();
  }

  async switchProfile(profileId: string): Promise<SessionState> {
    if (!this.deps.profiles.get(profileId))
      throw new AppError('not_found', 'That profile no longer exists. Choose another one or sign in again.');
    this.deps.profiles.setActive(profileId);
    this.connection.apply({ type: 'signed_out' }); // forget the previous profile's partner and state
    await this.refresh();
    return this.snapshot();
  }

  /** Re-checks the active profile's connection; offline is a state, not an error. */
  async refresh(): Promise<SessionState> {
    if (!this.activeProfile()) {
      this.connection.apply({ type: 'signed_out' });
      return this.snapshot();
    }
    await this.connection.check();
    return this.snapshot();
  }

  /** The OS or the browser says the network went or came. */
  networkChanged(online: boolean): SessionState {
    this.connection.networkChanged(online);
    return this.snapshot();
  }

  /**
   * One check of the active profile's connection: its partner record, which also proves the key. The
   * Hub's answer or silence reaches the monitor through `observe`; what fails before a request is
   * reported here (no credential in the keychain, a keychain that does not answer).
   */
  private async checkActive(observe: HubObserver): Promise<boolean> {
    const profile = this.activeProfile();
    if (!profile) {
      this.connection.apply({ type: 'signed_out' });
      return false;
    }
    const startedAt = this.deps.now();
    try {
      const partner = await this.readPartner(await this.connectionFor(profile, observe), CHECK_TIMEOUT_MS);
      this.connection.apply({
        type: 'contact',
        at: this.deps.now(),
        startedAt,
        partner: { id: partner.id, name: partner.brand_name?.trim() || profile.label },
      });
    } catch (error) {
      if (isAppError(error) && error.code === 'not_signed_in')
        this.connection.apply({ type: 'rejected', at: this.deps.now(), startedAt, message: error.message });
      else if (isAppError(error) && error.code === 'keychain_unavailable')
        this.connection.apply({ type: 'local_failure', at: this.deps.now(), message: error.message });
      else if (!isAppError(error))
        this.connection.apply({ type: 'local_failure', at: this.deps.now(), message: 'The connection check failed unexpectedly.' });
      // Any other error came from the Hub's answer (or its silence) and was observed already.
    }
    return true;
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
    if (!this.activeProfile()) this.connection.apply({ type: 'signed_out' });
    this.deps.log.info('signed out', { profileId, keepCache });
    return this.snapshot();
  }

  /**
   * The partner's own record: proves the credentials work and gives the name shown as "connected
   * to ...". One attempt: a person is waiting, and an honest "offline" beats a silent backoff.
   */
  private readPartner(connection: HubConnection, timeoutMs = SIGN_IN_TIMEOUT_MS): Promise<Partner> {
    return createPartnerApi({ ...connection, now: this.deps.now, log: this.deps.log, retry: { maxAttempts: 1 }, timeoutMs }).getPartner();
  }

  /** A profile's Hub endpoint and credentials, for building a Partner API client; its requests tell the connection monitor how they went. */
  async connectionFor(profile: ProfileRow, observe: HubObserver = this.connection.observer): Promise<HubConnection> {
    // Only the active profile's traffic speaks for the connection shown.
    const observed = profile.id === this.deps.profiles.activeId() ? { observe } : {};
    if (profile.auth_method === 'demo') {
      const demo = await this.deps.demo.connect();
      return { fetch: demo.fetch, baseUrl: demo.hubUrl, partnerId: demo.partnerId, auth: apiKeyAuth(demo.apiKey), ...observed };
    }
    const base = { fetch: this.deps.fetch, baseUrl: this.hubUrlOf(profile), partnerId: profile.partner_id, ...observed };
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
    const tokenClient = createHttpClient({
      baseUrl: hubUrl,
      fetch: this.deps.fetch,
      retry: { maxAttempts: 1 },
      timeoutMs: SIGN_IN_TIMEOUT_MS,
      log: this.deps.log,
    });
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
      const account =
        profile.auth_method === 'api_key' ? secretAccounts.partnerApiKey(profile.id) : secretAccounts.partnerPassword(profile.id);
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

  /** Whether the connection is known to be down (offline, or the Hub does not answer): work that would only wait for it is skipped. */
  isUnreachable(): boolean {
    const status = this.connection.status;
    return status === 'offline' || status === 'hub_unavailable';
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
      connection: this.connection.state(),
    };
  }
}

function notSignedIn(profile: ProfileRow): AppError {
  return new AppError('not_signed_in', `The keychain holds no credential for ${profile.label} (${profile.partner_id}). Sign in again.`);
}
