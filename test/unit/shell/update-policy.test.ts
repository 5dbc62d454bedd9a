/** Which builds update themselves, and how release notes become plain text. */
import { describe, expect, it } from 'vitest';
import {
  htmlToText,
  releaseNotesText,
  updateReadyNotification,
  updateSupport,
  type UpdateEnvironment,
} from '../../../electron/main/policy/update-policy';

const packaged = (patch: Partial<UpdateEnvironment>): UpdateEnvironment => ({
  isPackaged: true,
  platform: 'win32',
  env: {},
  hasUpdateConfig: true,
  ...patch,
});
const reason = (context: UpdateEnvironment) => {
  const support = updateSupport(context);
  return support.supported ? 'supported' : support.reason;
};

describe('updateSupport', () => {
  it('updates the NSIS install, the macOS app and the AppImage', () => {
    expect(reason(packaged({ platform: 'win32' }))).toBe('supported');
    expect(reason(packaged({ platform: 'darwin' }))).toBe('supported');
    expect(reason(packaged({ platform: 'linux', env: { APPIMAGE: '/home/u/Partner-Desk.AppImage' } }))).toBe('supported');
  });

  it('never updates in development', () => {
    expect(reason(packaged({ isPackaged: false }))).toBe('development');
    expect(reason(packaged({ isPackaged: false, platform: 'linux', env: { APPIMAGE: '/x' } }))).toBe('development');
  });

  it('leaves a .deb (any Linux build that is not an AppImage) to the package manager', () => {
    expect(reason(packaged({ platform: 'linux', env: {} }))).toBe('linux-package');
    expect(updateSupport(packaged({ platform: 'linux' }))).toMatchObject({ message: expect.stringMatching(/package manager/) });
  });

  it('honours an administrator switch, a portable exe and a build without a publish config', () => {
    expect(reason(packaged({ env: { PARTNER_DESK_DISABLE_UPDATES: '1' } }))).toBe('disabled');
    expect(reason(packaged({ env: { PORTABLE_EXECUTABLE_DIR: 'C:\\Apps' } }))).toBe('portable');
    expect(reason(packaged({ hasUpdateConfig: false }))).toBe('not-configured');
    expect(reason(packaged({ platform: 'freebsd' }))).toBe('platform');
  });
});

describe('release notes', () => {
  it('turns GitHub release HTML into plain text, dropping scripts and tags', () => {
    const html =
      '<h2>What&#39;s new</h2><ul><li>Faster <b>sync</b></li><li>CSV &amp; Excel</li></ul><script>alert(1)</script><img src=x onerror=alert(2)>';
    expect(htmlToText(html)).toBe("What's new\n\n• Faster sync\n• CSV & Excel");
  });

  it('joins per-version notes', () => {
    expect(
      releaseNotesText([
        { version: '1.2.0', note: '<p>One</p>' },
        { version: '1.1.0', note: null },
      ]),
    ).toBe('1.2.0\nOne\n\n1.1.0');
  });

  it('returns null for no notes and caps very long ones', () => {
    expect(releaseNotesText(null)).toBeNull();
    expect(releaseNotesText(undefined)).toBeNull();
    expect(releaseNotesText('<p></p>')).toBeNull();
    expect(releaseNotesText('x'.repeat(10_000))!.length).toBe(4000);
  });

  it('leaves malformed entities alone', () => {
    expect(htmlToText('a &#x110000; b &bogus; c &#0;')).toBe('a &#x110000; b &bogus; c &#0;');
  });
});

describe('updateReadyNotification', () => {
  it('names the version and the first note', () => {
    expect(updateReadyNotification({ version: '1.1.0', releaseNotes: "What's new\n\n• Faster sync" })).toEqual({
      title: 'Update ready: restart to install',
      body: "Partner Desk 1.1.0: What's new",
    });
    expect(updateReadyNotification({ version: '1.2.0', releaseNotes: '1.2.0\n• Faster sync' })).toEqual({
      title: 'Update ready: restart to install',
      body: 'Partner Desk 1.2.0: Faster sync',
    });
    expect(updateReadyNotification({ version: '1.1.0', releaseNotes: null })).toEqual({
      title: 'Update ready: restart to install',
      body: 'Partner Desk 1.1.0 is ready.',
    });
  });
});
