/**
 * The URL rules of the shell: what counts as the app, where windows may navigate, which links go
 * to the system browser. Includes the classic bypass attempts: an app URL hidden in a query,
 * credentials in URLs, look-alike hosts, javascript:/file:/data: URLs and redirects.
 */
import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, chooseRendererSource, isAppUrl, PRODUCTION_ORIGIN } from '../../../electron/main/policy/app-origin';
import {
  decideNavigation,
  decideRedirect,
  decideWindowOpen,
  externalTarget,
  isAllowedPageRequest,
} from '../../../electron/main/policy/navigation';

const PROD = [PRODUCTION_ORIGIN];
const DEV = chooseRendererSource({ isPackaged: false, devServerUrl: 'http://localhost:5173/' }).origins;

describe('the renderer source', () => {
  it('loads app:// in a packaged app, whatever ELECTRON_RENDERER_URL says', () => {
    expect(chooseRendererSource({ isPackaged: true, devServerUrl: 'http://localhost:5173' })).toEqual({
      url: APP_ENTRY_URL,
      origins: PROD,
      devServer: false,
    });
    expect(APP_ENTRY_URL).toBe('app://partner-desk/index.html');
  });

  it('uses a loopback dev server only in development', () => {
    const dev = chooseRendererSource({ isPackaged: false, devServerUrl: 'http://localhost:5173' });
    expect(dev.devServer).toBe(true);
    expect(dev.url).toBe('http://localhost:5173/');
    expect(dev.origins).toContainEqual({ protocol: 'http:', host: 'localhost:5173' });
    expect(chooseRendererSource({ isPackaged: false, devServerUrl: 'http://127.0.0.1:4000/' }).devServer).toBe(true);
  });

  it('refuses a remote, credentialed or non-http dev server and falls back to app://', () => {
    for (const devServerUrl of [
      'https://evil.example/',
      'http://localhost.evil.example:5173',
      'http://user:pw@localhost:5173',
      'file:///tmp/index.html',
      'javascript:alert(1)',
      'not a url',
      undefined,
    ]) {
      expect(chooseRendererSource({ isPackaged: false, devServerUrl }).url, String(devServerUrl)).toBe(APP_ENTRY_URL);
    }
  });
});

describe('isAppUrl', () => {
  it('accepts the app origin', () => {
    expect(isAppUrl('app://partner-desk/index.html', PROD)).toBe(true);
    expect(isAppUrl('app://partner-desk/assets/index.js?x=1#top', PROD)).toBe(true);
  });

  it('refuses look-alikes and bypass attempts', () => {
    const attempts = [
      'https://evil.example/?x=app://partner-desk/',
      'https://evil.example/app://partner-desk',
      'app://partner-desk.evil.example/',
      'app://evil@partner-desk/',
      'app://partner-desk:pw@evil/',
      'app://partner-desk:8080/',
      'app://other-app/',
      'file:///work/main/out/renderer/index.html',
      'javascript:alert(document.domain)',
      'data:text/html,<script>alert(1)</script>',
      'http://localhost:5173/',
      '',
      'app:partner-desk',
    ];
    for (const url of attempts) expect(isAppUrl(url, PROD), url).toBe(false);
    expect(isAppUrl(undefined, PROD)).toBe(false);
    expect(isAppUrl(`app://partner-desk/${'a'.repeat(10_000)}`, PROD)).toBe(false);
  });

  it('trusts the dev server only when it is one of the origins', () => {
    expect(isAppUrl('http://localhost:5173/src/main.tsx', DEV)).toBe(true);
    expect(isAppUrl('http://localhost:5173/', PROD)).toBe(false);
    expect(isAppUrl('http://localhost:5174/', DEV)).toBe(false);
  });
});

describe('external links (system browser)', () => {
  it('opens https: links on the allowlist, re-serialised', () => {
    expect(externalTarget('https://hub.360dialog.com/dashboard')).toBe('https://hub.360dialog.com/dashboard');
    expect(externalTarget('https://docs.360dialog.com/partner-api')).toBe('https://docs.360dialog.com/partner-api');
    expect(externalTarget('https://360dialog.com/')).toBe('https://360dialog.com/');
    expect(externalTarget('https://business.facebook.com/settings')).toBe('https://business.facebook.com/settings');
    expect(externalTarget('HTTPS://HUB.360DIALOG.COM/a b')).toBe('https://hub.360dialog.com/a%20b');
    expect(externalTarget('https://wa.me/4915112345678')).toBe('https://wa.me/4915112345678');
  });

  it('refuses everything else', () => {
    const refused = [
      'http://hub.360dialog.com/',
      'https://evil.example/?x=app://',
      'https://evil.example/?next=https://hub.360dialog.com',
      'https://hub.360dialog.com@evil.example/',
      'https://user:pass@hub.360dialog.com/',
      'https://user@hub.360dialog.com/',
      'https://evil.example\\@hub.360dialog.com/',
      'https://360dialog.com.evil.example/',
      'https://evil360dialog.com/',
      'https://xn--360dilog-5ve.com/',
      'https://360diаlog.com/',
      'https://hub.360dialog.com:8443/',
      'https://360dialog.com./',
      'https://facebook.com/',
      'https://m.facebook.com/',
      'javascript:alert(1)',
      'javascript://hub.360dialog.com/%0aalert(1)',
      'file:///etc/passwd',
      'file://hub.360dialog.com/share',
      'data:text/html,hi',
      'smb://hub.360dialog.com/share',
      'ms-msdt:/id PCWDiagnostic',
      'app://partner-desk/index.html',
      'not a url',
      '',
    ];
    for (const url of refused) expect(externalTarget(url), url).toBeNull();
    expect(externalTarget(42)).toBeNull();
  });

  it("hands a permission link's email draft to the mail program, and nothing else dressed as mailto", () => {
    const draft = 'mailto:ops@acme.example?subject=Connect%20your%20number&body=Hello%0D%0Ahttps%3A%2F%2Fhub.360dialog.com%2Fdashboard';
    expect(externalTarget(draft)).toBe(draft);
    expect(externalTarget('mailto:?subject=x')).toBe('mailto:?subject=x');
    for (const url of ['mailto://evil.example/x', 'mailto:a@b.example/../../x', 'mailto:a b@c.example'])
      expect(externalTarget(url), url).toBeNull();
  });

  it("opens demo mode's simulated permission page on 127.0.0.1, and no other local page", () => {
    const page = 'http://127.0.0.1:41235/dashboard/app/demoHubPA/permissions?email=a%40b.example&state=pdX1';
    expect(externalTarget(page)).toBe(page);
    for (const url of [
      'http://127.0.0.1:41235/api/v2/partners/demoHubPA',
      'http://127.0.0.1:41235/dashboard/app/demoHubPA/permissions/../../admin',
      'http://localhost:41235/dashboard/app/demoHubPA/permissions',
      'http://user:pw@127.0.0.1:41235/dashboard/app/demoHubPA/permissions',
      'http://10.0.0.1/dashboard/app/demoHubPA/permissions',
      'http://127.0.0.1:41235/__demo/faults',
    ]) {
      expect(externalTarget(url), url).toBeNull();
    }
  });
});

describe('navigation, redirects and new windows', () => {
  it('lets the app navigate within itself', () => {
    expect(decideNavigation('app://partner-desk/index.html', PROD)).toEqual({ allow: true });
  });

  it('sends an allowed link to the browser instead of navigating', () => {
    expect(decideNavigation('https://docs.360dialog.com/x', PROD)).toEqual({
      allow: false,
      openExternally: 'https://docs.360dialog.com/x',
    });
  });

  it('blocks other navigations without opening anything', () => {
    for (const url of [
      'https://evil.example/?x=app://partner-desk',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'http://localhost:5173/',
    ]) {
      expect(decideNavigation(url, PROD), url).toEqual({ allow: false, openExternally: null });
    }
  });

  it('allows redirects only within the app', () => {
    expect(decideRedirect('app://partner-desk/index.html', PROD)).toBe(true);
    expect(decideRedirect('https://hub.360dialog.com/', PROD)).toBe(false);
    expect(decideRedirect('https://evil.example/?x=app://partner-desk', PROD)).toBe(false);
    expect(decideRedirect('file:///etc/passwd', PROD)).toBe(false);
  });

  it('never opens a window; only allowed links reach the browser', () => {
    expect(decideWindowOpen('https://hub.360dialog.com/')).toEqual({ openExternally: 'https://hub.360dialog.com/' });
    expect(decideWindowOpen('app://partner-desk/index.html')).toEqual({ openExternally: null });
    expect(decideWindowOpen('https://evil.example/')).toEqual({ openExternally: null });
    expect(decideWindowOpen('about:blank')).toEqual({ openExternally: null });
  });
});

describe('requests made by pages', () => {
  it('allows the app origin, inline data, blobs of the app and DevTools', () => {
    for (const url of [
      'app://partner-desk/assets/index.js',
      'data:image/png;base64,AAAA',
      'blob:app://partner-desk/1234',
      'devtools://devtools/bundled/inspector.html',
    ]) {
      expect(isAllowedPageRequest(url, true, PROD), url).toBe(true);
    }
  });

  it('blocks the network and the file system', () => {
    for (const url of [
      'https://hub.360dialog.io/api/v2/partners',
      'http://127.0.0.1:4780/api/request/session.get',
      'wss://evil.example/',
      'file:///etc/passwd',
      'blob:https://evil.example/1',
      'ws://localhost:5173/',
    ]) {
      expect(isAllowedPageRequest(url, true, PROD), url).toBe(false);
    }
  });

  it('allows the dev server and its HMR websocket in development only', () => {
    expect(isAllowedPageRequest('http://localhost:5173/src/main.tsx', true, DEV)).toBe(true);
    expect(isAllowedPageRequest('ws://localhost:5173/', true, DEV)).toBe(true);
    expect(isAllowedPageRequest('ws://localhost:9999/', true, DEV)).toBe(false);
  });

  it('leaves requests Chromium makes for itself alone', () => {
    expect(isAllowedPageRequest('https://redirector.gvt1.com/dictionaries/en-US.bdic', false, PROD)).toBe(true);
  });
});
