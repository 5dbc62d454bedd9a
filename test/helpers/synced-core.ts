/**
 * A real core signed in (with a Partner API key) to a simulated hub served over HTTP on 127.0.0.1:
 * the setting every sync test starts from. Everything is torn down by dispose().
 */
import { createDemoHub, startDemoHubServer, type DemoHub, type DemoHubOptions } from '@demo-hub';
import { startTestCore, type CoreFixture } from './core-fixture';
import type { CoreOptions } from '@core';

export interface SyncedFixture extends CoreFixture {
  hub: DemoHub;
  hubUrl: string;
  profileId: string;
}

export async function startSyncedCore(hubOptions: DemoHubOptions, coreOptions: Partial<CoreOptions> = {}): Promise<SyncedFixture> {
  const hub = createDemoHub(hubOptions);
  const server = await startDemoHubServer(hub, { port: 0 });
  const hubUrl = `${server.url}/api/v2`;
  const fixture = await startTestCore({ hubUrl, ...coreOptions });
  const state = await fixture.core.session.signIn({ method: 'api_key', partnerId: hub.partnerId, apiKey: hub.apiKey });
  return {
    ...fixture,
    hub,
    hubUrl,
    profileId: state.activeProfileId!,
    dispose() {
      fixture.dispose();
      void server.close();
    },
  };
}
