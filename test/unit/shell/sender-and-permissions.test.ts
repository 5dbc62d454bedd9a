/** The IPC sender check and the permission policy. */
import { describe, expect, it } from 'vitest';
import { PRODUCTION_ORIGIN } from '../../../electron/main/policy/app-origin';
import { FORBIDDEN_SENDER_RESULT, isTrustedSender } from '../../../electron/main/policy/ipc-sender';
import { decidePermission } from '../../../electron/main/policy/permissions';

const PROD = [PRODUCTION_ORIGIN];
const main = (url: string) => ({ fromAppWindow: true, frame: { url, isMainFrame: true } });

describe('isTrustedSender', () => {
  it('trusts the main frame of an app window on the app origin', () => {
    expect(isTrustedSender(main('app://partner-desk/index.html'), PROD)).toBe(true);
  });

  it('refuses subframes, foreign windows, gone frames and other origins', () => {
    expect(isTrustedSender({ fromAppWindow: true, frame: { url: 'app://partner-desk/index.html', isMainFrame: false } }, PROD)).toBe(false);
    expect(isTrustedSender({ fromAppWindow: false, frame: { url: 'app://partner-desk/index.html', isMainFrame: true } }, PROD)).toBe(false);
    expect(isTrustedSender({ fromAppWindow: true, frame: null }, PROD)).toBe(false);
    for (const url of [
      'https://evil.example/?x=app://partner-desk',
      'file:///work/main/out/renderer/index.html',
      'app://evil@partner-desk/',
      'about:blank',
      'http://localhost:5173/',
    ]) {
      expect(isTrustedSender(main(url), PROD), url).toBe(false);
    }
  });

  it('answers a refused sender with a forbidden result, not a throw', () => {
    expect(FORBIDDEN_SENDER_RESULT).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
  });
});

describe('decidePermission', () => {
  it('grants only sanitised clipboard writes, only to the app', () => {
    expect(decidePermission({ permission: 'clipboard-sanitized-write', requestingUrl: 'app://partner-desk/index.html' }, PROD)).toBe(true);
    expect(decidePermission({ permission: 'clipboard-sanitized-write', requestingUrl: 'app://partner-desk' }, PROD)).toBe(true);
    expect(decidePermission({ permission: 'clipboard-sanitized-write', requestingUrl: 'https://evil.example/' }, PROD)).toBe(false);
    expect(decidePermission({ permission: 'clipboard-sanitized-write', requestingUrl: undefined }, PROD)).toBe(false);
  });

  it('denies everything powerful, even to the app', () => {
    for (const permission of [
      'notifications',
      'media',
      'geolocation',
      'clipboard-read',
      'openExternal',
      'fullscreen',
      'pointerLock',
      'hid',
      'serial',
      'usb',
      'midi',
      'midiSysex',
      'display-capture',
      'fileSystem',
      'unknown',
    ]) {
      expect(decidePermission({ permission, requestingUrl: 'app://partner-desk/index.html' }, PROD), permission).toBe(false);
    }
  });
});
