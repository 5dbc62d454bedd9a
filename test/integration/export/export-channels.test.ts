/**
 * The export end to end: a core synced from the simulated hub over HTTP (whose names include
 * CSV-hostile ones, plus more added here), exported through the contract with a test desktop, read
 * back with a CSV parser. How LibreOffice Calc shows the spreadsheet flavour is the spreadsheet tier's
 * (export-in-calc.test.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { ChannelQueryInput } from '@shared/accounts';
import { ChannelExporter, type ChannelExporterDeps } from '@core/export/channel-exporter';
import { silentLogger } from '@core/log';
import { failingAfter, pausedAtFirstWrite } from '../../unit/export/failing-sink';
import { HEADER, shownRow } from '../../unit/export/hostile-fixture';
import { useHostileExport } from './export-fixture';

const setting = useHostileExport();

function readPlain(file: string, delimiter = ','): string[][] {
  return parse(fs.readFileSync(file, 'utf8'), { delimiter, bom: false }) as string[][];
}

function exporterWith(overrides: Partial<ChannelExporterDeps>): ChannelExporter {
  return new ChannelExporter({
    databaseFile: setting.f.core.databaseFile,
    activeProfileId: () => setting.f.core.accounts.activeProfileId(),
    lastSyncedAt: () => setting.f.core.accounts.syncStatus().lastSucceededAt,
    desktop: setting.desktop,
    now: Date.now,
    log: silentLogger,
    ...overrides,
  });
}

describe('plain export round trip', () => {
  it('gives back every stored value, field for field, in the list order', async () => {
    const items = setting.stored();
    const companies = items.map((i) => i.companyName ?? '');
    // The fixture really holds what naive CSV breaks on.
    for (const needle of ['"', ',', ';', '\n', '🍕', 'مرحبا', 'ש', '=', 'ö'])
      expect(
        companies.some((c) => c.includes(needle)),
        needle,
      ).toBe(true);

    const target = path.join(setting.dir, 'plain.csv');
    const outcome = await setting.f.core.exporter.exportToFile(target, { format: 'plain' });
    expect(outcome).toEqual({ path: target, rows: items.length });
    const bytes = fs.readFileSync(target);
    expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
    expect(bytes.toString('utf8').endsWith('\r\n')).toBe(true);
    expect(readPlain(target)).toEqual([HEADER, ...items.map(shownRow)]);
  });

  it('exports the current view through the contract: filters and sort kept, paging ignored', async () => {
    const query: ChannelQueryInput = {
      states: ['live', 'pending_deletion'],
      search: 'e',
      sort: 'phone',
      direction: 'desc',
      limit: 5,
      offset: 3,
    };
    const expected = setting.stored({ ...query, offset: 0 });
    expect(expected.length).toBeGreaterThan(5);
    setting.desktop.answer = path.join(setting.dir, 'view.csv');
    const result = await setting.f.core.dispatch('export.channels', { format: 'plain', scope: 'view', query });
    expect(result).toEqual({ ok: true, value: { status: 'saved', path: setting.desktop.answer, rows: expected.length } });
    expect(readPlain(setting.desktop.answer)).toEqual([HEADER, ...expected.map(shownRow)]);
  });

  it('with safe, neutralises only values that would run', async () => {
    const target = path.join(setting.dir, 'safe.csv');
    await setting.f.core.exporter.exportToFile(target, { format: 'plain', safe: true });
    const rows = readPlain(target).slice(1);
    expect(rows.map((r) => r[0])).toContain(`'=HYPERLINK("http://x","y")`);
    expect(rows.map((r) => r[0])).toContain("'-1");
    // Numbers in E.164 start with "+", so they get the quote; a value that is no number is written as sent.
    const numbers = new Map(setting.stored().map((item) => [item.id, item]));
    for (const row of rows) {
      const item = numbers.get(row[11] ?? '');
      if (item?.phoneE164) expect(row[1]).toBe(`'${item.phoneE164}`);
      else expect(row[1]).toBe(item?.phoneNumber ?? '');
    }
    expect(rows.some((r) => r[1]?.startsWith("'+"))).toBe(true);
    expect(rows.map((r) => r[0])).toContain('0049 Holding');
  });
});

describe('export through the contract', () => {
  it('asks the save dialog with the dated name; cancelling writes nothing', async () => {
    setting.desktop.answer = null;
    const before = fs.readdirSync(setting.dir);
    const result = await setting.f.core.dispatch('export.channels', {});
    expect(result).toEqual({ ok: true, value: { status: 'cancelled' } });
    expect(fs.readdirSync(setting.dir)).toEqual(before);
    expect(setting.desktop.asked.at(-1)?.suggestedName).toMatch(/^partner-accounts-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(setting.desktop.asked.at(-1)?.filters).toEqual([{ name: 'CSV for Excel and LibreOffice', extensions: ['csv'] }]);
  });

  it('refuses invalid input before asking anything', async () => {
    const asked = setting.desktop.asked.length;
    expect(await setting.f.core.dispatch('export.channels', { scope: 'view' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await setting.f.core.dispatch('export.channels', { delimiter: '\t' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(setting.desktop.asked.length).toBe(asked);
  });

  it('reveals only files this process exported', async () => {
    setting.desktop.answer = path.join(setting.dir, 'reveal.csv');
    const saved = await setting.f.core.dispatch('export.channels', {});
    expect(saved.ok).toBe(true);
    expect(await setting.f.core.dispatch('export.reveal', { path: setting.desktop.answer })).toEqual({
      ok: true,
      value: { revealed: true },
    });
    expect(setting.desktop.revealed).toEqual([setting.desktop.answer]);
    for (const other of ['/etc/passwd', path.join(setting.dir, 'plain-not-exported.csv'), `${setting.desktop.answer}/../reveal.csv.x`]) {
      expect(await setting.f.core.dispatch('export.reveal', { path: other })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(setting.desktop.revealed).toEqual([setting.desktop.answer]);
  });

  it("writes the spreadsheet flavour by default with the locale's separator", async () => {
    setting.desktop.answer = path.join(setting.dir, 'spreadsheet.csv');
    const result = await setting.f.core.dispatch('export.channels', {});
    expect(result).toMatchObject({ ok: true, value: { status: 'saved', rows: setting.stored().length } });
    const text = fs.readFileSync(setting.desktop.answer, 'utf8');
    expect(text.startsWith(`\uFEFF${HEADER.join(';')}\r\n`)).toBe(true);
    // What Calc shows of it is checked by the spreadsheet tier (export-in-calc.test.ts).
  });
});

describe('robustness', () => {
  it('a disk that fills up midway leaves no file under the name, keeps the previous one, and says what to do', async () => {
    const target = path.join(setting.dir, 'full-disk.csv');
    fs.writeFileSync(target, 'the previous export');
    const exporter = exporterWith({ openSink: failingAfter(70_000) });
    await expect(exporter.exportToFile(target, { format: 'spreadsheet' })).rejects.toMatchObject({
      message: expect.stringMatching(/The disk is full.+Nothing was saved as full-disk\.csv.+Free some space/),
    });
    expect(fs.readFileSync(target, 'utf8')).toBe('the previous export');
    expect(fs.readdirSync(setting.dir).filter((name) => name.includes('full-disk'))).toEqual(['full-disk.csv']);
  });

  it('lets a sync write while an export is midway, and exports one consistent snapshot', async () => {
    const before = setting.stored().length;
    const paused = pausedAtFirstWrite();
    const exporter = exporterWith({ openSink: paused.openSink });
    const exporting = exporter.exportToFile(path.join(setting.dir, 'snapshot.csv'), { format: 'plain' });
    await paused.reached;
    const client = setting.f.hub.state.listClients()[0]!;
    setting.f.hub.state.addChannel(client.id);
    const status = await setting.f.core.accounts.syncNow();
    expect(status.state, status.error?.message).toBe('succeeded');
    expect(setting.stored().length).toBe(before + 1);
    paused.release();
    await expect(exporting).resolves.toMatchObject({ rows: before });
  });

  it('needs a signed-in profile', async () => {
    const exporter = exporterWith({ activeProfileId: () => null });
    await expect(exporter.exportToFile(path.join(setting.dir, 'nobody.csv'), { format: 'plain' })).rejects.toMatchObject({
      code: 'not_signed_in',
    });
    expect(fs.existsSync(path.join(setting.dir, 'nobody.csv'))).toBe(false);
  });
});
