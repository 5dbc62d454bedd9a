/**
 * The Electron DesktopIntegration with Electron replaced by fakes: the save dialog's answer, the
 * clipboard never holding a secret longer than a minute, the badge.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '@core/log';

const electron = vi.hoisted(() => ({
  clipboard: { text: '' },
  dialogAnswer: { canceled: false, filePath: '/home/ana/Downloads/report' } as { canceled: boolean; filePath?: string },
  dialogCalls: [] as unknown[][],
  badge: [] as number[],
}));

vi.mock('electron', () => ({
  app: { getPath: () => '/home/ana/Downloads', setBadgeCount: (n: number) => void electron.badge.push(n) },
  BrowserWindow: { getFocusedWindow: () => null },
  clipboard: {
    readText: async () => electron.clipboard.text,
    writeText: async (text: string) => void (electron.clipboard.text = text),
    clear: () => void (electron.clipboard.text = ''),
  },
  dialog: { showSaveDialog: async (...args: unknown[]) => (electron.dialogCalls.push(args), electron.dialogAnswer) },
  nativeImage: { createFromBuffer: () => ({}) },
  Notification: { isSupported: () => false },
  shell: { showItemInFolder: () => {} },
}));

const { createElectronDesktop } = await import('../../../../electron/main/desktop-integration');

describe('createElectronDesktop', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    electron.clipboard.text = '';
    electron.dialogCalls.length = 0;
  });
  afterEach(() => vi.useRealTimers());

  it('asks where to save, in Downloads, and adds the extension', async () => {
    const desktop = createElectronDesktop({ mainWindow: () => null, log: silentLogger });
    const file = await desktop.chooseSavePath({
      suggestedName: 'accounts.csv',
      title: 'Export',
      filters: [{ name: 'CSV', extensions: ['csv'] }],
    });
    expect(file).toBe('/home/ana/Downloads/report.csv');
    expect(electron.dialogCalls[0]![0]).toMatchObject({ defaultPath: '/home/ana/Downloads/accounts.csv', title: 'Export' });
  });

  it('clears a copied key after at most 60 seconds, whatever the caller asked', async () => {
    const desktop = createElectronDesktop({ mainWindow: () => null, log: silentLogger });
    expect(await desktop.writeClipboard('D360-secret', { clearAfterMs: 10 * 60_000 })).toBe(true);
    expect(electron.clipboard.text).toBe('D360-secret');
    expect(desktop.clipboardClearPending).toBe(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(electron.clipboard.text).toBe('');
  });

  it('clears at once when flushed (quit, sleep, lock)', async () => {
    const desktop = createElectronDesktop({ mainWindow: () => null, log: silentLogger });
    await desktop.writeClipboard('D360-secret', { clearAfterMs: 60_000 });
    await desktop.flushClipboard();
    expect(electron.clipboard.text).toBe('');
    expect(desktop.clipboardClearPending).toBe(false);
  });

  it.runIf(process.platform === 'linux' || process.platform === 'darwin')('sets the badge count where the platform has one', () => {
    const desktop = createElectronDesktop({ mainWindow: () => null, log: silentLogger });
    desktop.setBadgeCount(5);
    expect(electron.badge).toEqual([5]);
  });
});
