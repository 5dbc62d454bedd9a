/** The app:// protocol's answers: files only from the renderer folder, always with the CSP. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '@shared/page-security';
import { resolveAppRequest } from '../../../electron/main/policy/app-protocol';
import { makeTempDir } from '../../helpers/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
let root: string;
const isFile = (file: string) => fs.existsSync(file) && fs.statSync(file).isFile();
const get = (url: string, method = 'GET') => resolveAppRequest({ url, method }, root, isFile);

beforeEach(() => {
  tmp = makeTempDir();
  root = path.join(tmp.dir, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
  fs.writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'export {}');
  fs.writeFileSync(path.join(tmp.dir, 'secret.txt'), 'not for pages');
});
afterEach(() => tmp.cleanup());

describe('resolveAppRequest', () => {
  it('serves index.html and assets with the CSP and security headers', () => {
    const page = get('app://partner-desk/index.html');
    expect(page).toMatchObject({ kind: 'file', status: 200, file: path.join(root, 'index.html') });
    expect(page.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['Content-Type']).toBe('text/html; charset=utf-8');
    expect(page.headers['X-Content-Type-Options']).toBe('nosniff');
    expect(page.headers['Cache-Control']).toBe('no-store');
    const script = get('app://partner-desk/assets/index-abc.js');
    expect(script).toMatchObject({ kind: 'file', file: path.join(root, 'assets', 'index-abc.js') });
    expect(script.headers['Content-Type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('serves index.html for the root and for client-side routes', () => {
    expect(get('app://partner-desk/')).toMatchObject({ kind: 'file', file: path.join(root, 'index.html') });
    expect(get('app://partner-desk/channels/123')).toMatchObject({ kind: 'file', file: path.join(root, 'index.html') });
  });

  it('answers missing assets with 404, with the CSP too', () => {
    const missing = get('app://partner-desk/assets/missing.js');
    expect(missing).toMatchObject({ kind: 'refused', status: 404 });
    expect(missing.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('never leaves the renderer folder', () => {
    for (const url of [
      'app://partner-desk/..%2Fsecret.txt',
      'app://partner-desk/%2e%2e/secret.txt',
      'app://partner-desk/..%5Csecret.txt',
      'app://partner-desk/assets/..%2F..%2Fsecret.txt',
      'app://partner-desk/%00index.html',
      'app://partner-desk/%E0%A4%A',
    ]) {
      const answer = get(url);
      if (answer.kind === 'file') expect(answer.file.startsWith(root + path.sep), url).toBe(true);
      else expect([400, 404]).toContain(answer.status);
    }
  });

  it('refuses other hosts, credentials, other schemes and writes', () => {
    expect(get('app://other/index.html')).toMatchObject({ kind: 'refused', status: 403 });
    expect(get('app://user@partner-desk/index.html')).toMatchObject({ kind: 'refused', status: 403 });
    expect(get('https://partner-desk/index.html')).toMatchObject({ kind: 'refused', status: 400 });
    expect(get('app://partner-desk/index.html', 'POST')).toMatchObject({ kind: 'refused', status: 405 });
    expect(get('app://partner-desk/index.html', 'HEAD')).toMatchObject({ kind: 'file' });
  });
});
