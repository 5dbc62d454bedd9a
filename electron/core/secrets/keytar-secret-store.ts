/**
 * The OS keychain through keytar (macOS Keychain, Windows Credential Manager, Secret Service on
 * Linux). keytar is loaded lazily so that a machine without it can still run demo mode, and every
 * failure becomes an AppError that tells the user what to do instead of a native crash.
 */
import { createRequire } from 'node:module';
import { AppError } from '@shared/errors';
import type { SecretStore } from './secret-store';

export const KEYCHAIN_SERVICE = 'partner-desk';

interface KeytarModule {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

const HELP =
  'Partner Desk keeps credentials only in the system keychain. On Linux, install and unlock a Secret Service ' +
  '(GNOME Keyring or KWallet) and sign in again; on macOS and Windows the keychain is built in. Demo mode works without it.';

export class KeytarSecretStore implements SecretStore {
  readonly description = 'the system keychain';
  private keytar: KeytarModule | undefined;

  constructor(private readonly service: string = KEYCHAIN_SERVICE) {}

  async get(account: string): Promise<string | null> {
    return this.call('read a credential from', (k) => k.getPassword(this.service, account));
  }

  async set(account: string, secret: string): Promise<void> {
    if (secret.length === 0) throw new AppError('invalid_input', 'An empty credential cannot be stored.');
    await this.call('store a credential in', (k) => k.setPassword(this.service, account, secret));
  }

  async delete(account: string): Promise<boolean> {
    return this.call('delete a credential from', (k) => k.deletePassword(this.service, account));
  }

  async accounts(prefix: string): Promise<string[]> {
    const credentials = await this.call('list the credentials in', (k) => k.findCredentials(this.service));
    return credentials.map((c) => c.account).filter((account) => account.startsWith(prefix));
  }

  async isAvailable(): Promise<boolean> {
    try {
      await this.get('__partner-desk-probe__');
      return true;
    } catch {
      return false;
    }
  }

  private load(): KeytarModule {
    if (!this.keytar) {
      try {
        this.keytar = createRequire(import.meta.url)('keytar') as KeytarModule;
      } catch (error) {
        throw new AppError('keychain_unavailable', `The keychain module could not be loaded (${describe(error)}). ${HELP}`, {
          cause: error,
        });
      }
    }
    return this.keytar;
  }

  private async call<T>(verb: string, operation: (keytar: KeytarModule) => Promise<T>): Promise<T> {
    const keytar = this.load();
    try {
      return await operation(keytar);
    } catch (error) {
      throw new AppError('keychain_unavailable', `Could not ${verb} the system keychain: ${describe(error)}. ${HELP}`, {
        cause: error,
      });
    }
  }
}

function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.trim().replace(/\.$/, '') || 'unknown error';
}
