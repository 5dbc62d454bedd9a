/** The export save dialog and the start-up error texts. */
import { describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import { chosenSavePath, saveDialogOptions } from '../../../electron/main/policy/save-dialog';
import { describeStartupError } from '../../../electron/main/policy/startup-error';

const request = {
  suggestedName: 'partner-accounts-2026-11-28.csv',
  title: 'Export channels',
  filters: [{ name: 'CSV', extensions: ['csv'] }],
};

describe('save dialog', () => {
  it('opens in Downloads with the suggested name and asks before overwriting', () => {
    expect(saveDialogOptions(request, '/home/ana/Downloads')).toEqual({
      title: 'Export channels',
      defaultPath: '/home/ana/Downloads/partner-accounts-2026-11-28.csv',
      filters: request.filters,
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
  });

  it('never takes a folder from the suggested name', () => {
    expect(saveDialogOptions({ ...request, suggestedName: '../../etc/passwd' }, '/d').defaultPath).toBe('/d/passwd');
    expect(saveDialogOptions({ ...request, suggestedName: '..\\..\\x.csv' }, '/d').defaultPath).toBe('/d/x.csv');
  });

  it('writes nothing when cancelled, and adds a missing extension', () => {
    expect(chosenSavePath({ canceled: true, filePath: '/d/x.csv' }, request)).toBeNull();
    expect(chosenSavePath({ canceled: false, filePath: '' }, request)).toBeNull();
    expect(chosenSavePath({ canceled: false, filePath: '/d/report' }, request)).toBe('/d/report.csv');
    expect(chosenSavePath({ canceled: false, filePath: '/d/report.CSV' }, request)).toBe('/d/report.CSV');
    expect(chosenSavePath({ canceled: false, filePath: '/d/report.v2' }, request)).toBe('/d/report.v2.csv');
  });
});

describe('describeStartupError', () => {
  it('passes the message of a known problem through', () => {
    const error = new AppError('database_too_new', 'The data folder was written by a newer Partner Desk.');
    expect(describeStartupError(error, { isPackaged: true })).toEqual({
      title: 'Partner Desk cannot open its data',
      message: error.message,
    });
  });

  it('explains a SQLite build for the wrong runtime, per build kind', () => {
    const abi = new Error(
      'The module was compiled against a different Node.js version using NODE_MODULE_VERSION 115. This version of Node.js requires NODE_MODULE_VERSION 139.',
    );
    expect(describeStartupError(abi, { isPackaged: false }).message).toMatch(/npm run native:electron/);
    expect(describeStartupError(abi, { isPackaged: true }).message).toMatch(/Reinstall/);
  });

  it('reads an engine that cannot load as an engine problem, never as a damaged database, whatever store error wraps it', () => {
    const loadError = new Error('/app/out/native/electron/better_sqlite3.node: invalid ELF header');
    const fromStore = new AppError('database_engine_unavailable', 'The SQLite engine (better-sqlite3) could not be loaded: …', {
      cause: loadError,
    });
    const dev = describeStartupError(fromStore, { isPackaged: false });
    expect(dev.title).toMatch(/database engine does not match/);
    expect(dev.message).toMatch(/invalid ELF header.*npm run native:electron -- --force/s);
    expect(dev.message).not.toMatch(/move it aside|cannot be read/);
    expect(describeStartupError(fromStore, { isPackaged: true }).message).toMatch(
      /Reinstall Partner Desk; your data folder is not affected/,
    );
    // From the binding check the message is already complete, and passes through.
    const fromCheck = new AppError(
      'database_engine_unavailable',
      'The SQLite engine for Electron cannot be used: it has not been built yet. Run `npm run native:electron` once.',
    );
    expect(describeStartupError(fromCheck, { isPackaged: false })).toEqual({
      title: expect.stringMatching(/database engine/),
      message: fromCheck.message,
    });
  });

  it('falls back to the error text and where to find the log', () => {
    expect(describeStartupError(new Error('disk full'), { isPackaged: true }).message).toMatch(/^disk full[\s\S]*log file/);
  });
});
