/** A real core on a temporary data folder, for integration tests; closed and removed afterwards. */
import { createCore, type Core, type CoreOptions } from '@core';
import { MemorySecretStore, type SecretStore } from '@core/secrets/secret-store';
import { makeTempDir } from './temp-dir';

export interface CoreFixture {
  core: Core;
  secrets: SecretStore;
  dataDir: string;
  dispose(): void;
}

export async function startTestCore(options: Partial<CoreOptions> = {}): Promise<CoreFixture> {
  const tmp = makeTempDir();
  const secrets = options.secrets ?? new MemorySecretStore();
  const core = await createCore({ dataDir: tmp.dir, secrets, runMode: 'web', appVersion: '0.0.0-test', ...options });
  return {
    core,
    secrets,
    dataDir: tmp.dir,
    dispose() {
      core.close();
      tmp.cleanup();
    },
  };
}
