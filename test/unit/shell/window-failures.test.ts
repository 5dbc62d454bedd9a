/** What the window says when its page does not load or its renderer stops, and the small start-up rules beside it. */
import { describe, expect, it } from 'vitest';
import { APP_ID, appUserModelId } from '../../../electron/main/policy/app-identity';
import { describeLoadFailure, describeRendererGone } from '../../../electron/main/policy/load-failure';
import { runNotices } from '../../../electron/main/policy/run-notices';

const failure = { errorCode: -102, errorDescription: 'ERR_CONNECTION_REFUSED', url: 'http://localhost:5173/', isMainFrame: true };

describe('describeLoadFailure', () => {
  it('offers a retry with the reason, naming the dev server in development', () => {
    const dev = describeLoadFailure(failure, { fromDevServer: true })!;
    expect(dev.buttons).toEqual(['Try Again', 'Quit']);
    expect(dev.detail).toMatch(/development server at http:\/\/localhost:5173\/ did not answer \(ERR_CONNECTION_REFUSED -102\).*npm start/);
    const packaged = describeLoadFailure(
      { ...failure, url: 'app://partner-desk/index.html', errorDescription: 'ERR_FILE_NOT_FOUND', errorCode: -6 },
      { fromDevServer: false },
    )!;
    expect(packaged.detail).toMatch(/app:\/\/partner-desk\/index\.html did not load \(ERR_FILE_NOT_FOUND -6\).*reinstall/);
  });

  it('says nothing for a sub-frame or an aborted navigation (a reload replacing another)', () => {
    expect(describeLoadFailure({ ...failure, isMainFrame: false }, { fromDevServer: false })).toBeNull();
    expect(describeLoadFailure({ ...failure, errorCode: -3, errorDescription: 'ERR_ABORTED' }, { fromDevServer: false })).toBeNull();
  });
});

describe('describeRendererGone', () => {
  it('offers a reload after a crash or running out of memory, and says the queue is safe', () => {
    expect(describeRendererGone({ reason: 'crashed', exitCode: 139 })!.detail).toMatch(
      /ended \(crashed, code 139\).*Nothing queued is lost/,
    );
    expect(describeRendererGone({ reason: 'oom', exitCode: 0 })!.detail).toMatch(/ran out of memory/);
    expect(describeRendererGone({ reason: 'clean-exit', exitCode: 0 })).toBeNull();
  });
});

describe('runNotices', () => {
  it('says when the sandbox is off, with the fix for the way it was started', () => {
    expect(runNotices({ platform: 'linux', sandboxDisabled: false, isPackaged: true })).toEqual([]);
    expect(runNotices({ platform: 'linux', sandboxDisabled: true, isPackaged: true })).toEqual([
      expect.stringMatching(/without Chromium’s sandbox.*\.deb package/),
    ]);
    expect(runNotices({ platform: 'linux', sandboxDisabled: true, isPackaged: false })).toEqual([
      expect.stringMatching(/terminal that ran `npm start`/),
    ]);
  });
});

describe('appUserModelId', () => {
  it('is the installer’s id when packaged, the executable in development (where no Start-menu shortcut carries the id)', () => {
    expect(appUserModelId({ isPackaged: true, execPath: 'C:\\x\\electron.exe' })).toBe(APP_ID);
    expect(appUserModelId({ isPackaged: false, execPath: 'C:\\x\\electron.exe' })).toBe('C:\\x\\electron.exe');
  });
});
