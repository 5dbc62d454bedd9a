/**
 * A core synced from the simulated hub over HTTP whose company names include what naive CSV breaks
 * on (quotes, separators, line breaks, right-to-left scripts, emoji, formula starts), with a desktop
 * whose save dialog answers what the test says: the setting of the export tests, with and without
 * LibreOffice Calc.
 */
import { ChannelQuery, type ChannelListItem, type ChannelQueryInput } from '@shared/accounts';
import type { DesktopIntegration, SavePathRequest } from '@core/desktop';
import { afterAll, beforeAll } from 'vitest';
import { startSyncedCore, type SyncedFixture } from '../../helpers/synced-core';
import { makeTempDir } from '../../helpers/temp-dir';

/** A desktop whose save dialog answers what the test says and which records what it was asked. */
export class TestDesktop implements DesktopIntegration {
  readonly kind = 'headless' as const;
  answer: string | null = null;
  readonly asked: SavePathRequest[] = [];
  readonly revealed: string[] = [];
  async chooseSavePath(request: SavePathRequest) {
    this.asked.push(request);
    return this.answer;
  }
  async revealFile(file: string) {
    this.revealed.push(file);
    return true;
  }
  async writeClipboard() {
    return false;
  }
  notify() {}
  setBadgeCount() {}
}

export const HOSTILE_COMPANIES = [
  'Zeilen\numbruch & "Quotes", Semi; Colon GmbH',
  'שלום 🍕 مرحبا Ltd',
  '=HYPERLINK("http://x","y")',
  '-1',
  '@SUM(A1)',
  '0049 Holding',
  'Bäckerei Größ, Köln',
];

export interface ExportFixture {
  f: SyncedFixture;
  desktop: TestDesktop;
  /** The stored channels in the list's default order (at most 1,000), as the export must write them. */
  stored(input?: ChannelQueryInput): ChannelListItem[];
}

/** 40 clients and 400 channels plus one client and channel per hostile company, synced; a German locale (";" separator). */
export async function startHostileExport(): Promise<ExportFixture> {
  const desktop = new TestDesktop();
  const f = await startSyncedCore({ clients: 40, channels: 400, seed: 11 }, { desktop, locale: 'de-DE' });
  for (const [i, organisation] of HOSTILE_COMPANIES.entries()) {
    const client = f.hub.state.addClient({ organisation, name: organisation });
    const channel = f.hub.state.addChannel(client.id);
    f.hub.state.updateChannel(channel.id, {
      setup_info: { ...channel.setup_info, phone_number: `00491510000${i}`, phone_name: `${organisation} support` },
    });
  }
  const status = await f.core.accounts.syncNow();
  if (status.state !== 'succeeded') throw new Error(`the export fixture's sync did not succeed: ${JSON.stringify(status.error)}`);
  return {
    f,
    desktop,
    stored(input = {}) {
      const page = f.core.accounts.listChannels(ChannelQuery.parse({ ...input, limit: 1000 }));
      if (page.total > 1000) throw new Error('the export fixture holds more channels than one page');
      return page.items;
    },
  };
}

/**
 * The export tests' setting for a whole file: starts the hostile export and a temporary folder before
 * its tests, removes both after. Read the fields inside tests (they are set in beforeAll).
 */
export function useHostileExport(): ExportFixture & { readonly dir: string } {
  let fixture: ExportFixture | undefined;
  let tmp: ReturnType<typeof makeTempDir> | undefined;
  const ready = (): ExportFixture => {
    if (!fixture) throw new Error('the export fixture is read before its beforeAll ran');
    return fixture;
  };
  beforeAll(async () => {
    tmp = makeTempDir();
    fixture = await startHostileExport();
  });
  afterAll(() => {
    fixture?.f.dispose();
    tmp?.cleanup();
  });
  return {
    get f() {
      return ready().f;
    },
    get desktop() {
      return ready().desktop;
    },
    stored: (input) => ready().stored(input),
    get dir() {
      if (!tmp) throw new Error('the export folder is read before its beforeAll ran');
      return tmp.dir;
    },
  };
}
