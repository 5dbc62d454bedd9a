/**
 * Where credentials live. The only implementation used by the app is the OS keychain (keytar);
 * the in-memory one exists for tests of other layers and never persists anything.
 */
export interface SecretStore {
  /** A human-readable name for error messages, e.g. "the system keychain". */
  readonly description: string;
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  /** Returns whether something was deleted. */
  delete(account: string): Promise<boolean>;
  /** The accounts (names only) that start with `prefix`, e.g. all of one profile's credentials. */
  accounts(prefix: string): Promise<string[]>;
  /** Whether the backing store answers at all (e.g. a Secret Service is running). */
  isAvailable(): Promise<boolean>;
}

/** Keychain account names: one place, so every layer agrees on them. */
export const secretAccounts = {
  /** Every credential of a profile starts with this (partner credential, token, channel keys). */
  profilePrefix: (profileId: string) => `profile:${profileId}:`,
  partnerApiKey: (profileId: string) => `profile:${profileId}:partner-api-key`,
  partnerPassword: (profileId: string) => `profile:${profileId}:partner-password`,
  bearerToken: (profileId: string) => `profile:${profileId}:bearer-token`,
  channelApiKey: (profileId: string, channelId: string) => `profile:${profileId}:channel:${channelId}:api-key`,
};

export class MemorySecretStore implements SecretStore {
  readonly description = 'an in-memory secret store (tests only)';
  private readonly secrets = new Map<string, string>();

  async get(account: string): Promise<string | null> {
    return this.secrets.get(account) ?? null;
  }

  async set(account: string, secret: string): Promise<void> {
    this.secrets.set(account, secret);
  }

  async delete(account: string): Promise<boolean> {
    return this.secrets.delete(account);
  }

  async accounts(prefix: string): Promise<string[]> {
    return [...this.secrets.keys()].filter((account) => account.startsWith(prefix));
  }

  async isAvailable(): Promise<boolean> {
    return true;
  }
}
