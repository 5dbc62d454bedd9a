/**
 * Builds the desktop app with electron-vite (into a temporary folder, never out/) and checks what
 * ships: the built page carries a strict CSP and needs no inline script; the app:// protocol
 * serves every built file with the app's CSP; the sandboxed preload requires nothing but
 * electron; and every BrowserWindow, in the sources and in the bundle, comes from the one factory
 * with the secure options.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } from '@shared/page-security';
import { resolveAppRequest } from '../../../electron/main/policy/app-protocol';
import { SECURE_WEB_PREFERENCES } from '../../../electron/main/policy/window-options';
import { makeTempDir } from '../../helpers/temp-dir';

const root = path.resolve(import.meta.dirname, '../../..');
let tmp: ReturnType<typeof makeTempDir>;
let out: string;

function directives(policy: string): Map<string, string> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name!, values.join(' ')]),
  );
}

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
}

beforeAll(() => {
  tmp = makeTempDir('partner-desk-build-');
  out = path.join(tmp.dir, 'out');
  const result = spawnSync(
    path.join(root, 'node_modules', '.bin', 'electron-vite'),
    ['build', '--config', 'test/integration/shell/electron-vite.out-dir.config.ts', '--logLevel', 'warn'],
    {
      cwd: root,
      env: { ...process.env, PARTNER_DESK_BUILD_OUT: out },
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) throw new Error(`electron-vite build failed:\n${result.stdout}\n${result.stderr}`);
}, 180_000);

afterAll(() => tmp?.cleanup());

describe('the built renderer', () => {
  it('carries a strict CSP in index.html that agrees with the protocol header', () => {
    const html = fs.readFileSync(path.join(out, 'renderer', 'index.html'), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
    expect(meta, 'a CSP meta tag').not.toBeNull();
    const page = directives(meta![1]!);
    const header = directives(CONTENT_SECURITY_POLICY);
    for (const [name, value] of page) expect(header.get(name), name).toBe(value);
    // The meta element carries the shared policy (not a hand-kept copy), minus what a meta element ignores.
    expect(meta![1]).toBe(META_CONTENT_SECURITY_POLICY);
    expect(page.has('frame-ancestors')).toBe(false);
    expect(header.get('frame-ancestors')).toBe("'none'");
    expect([...header.keys()].filter((name) => !page.has(name))).toEqual(['frame-ancestors']);
    for (const policy of [meta![1]!, CONTENT_SECURITY_POLICY]) {
      expect(policy).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*|wasm-unsafe-eval/);
    }
    expect(header.get('script-src')).toBe("'self'");
    expect(header.get('object-src')).toBe("'none'");
  });

  it('needs no inline script and loads its assets from the app origin only', () => {
    const html = fs.readFileSync(path.join(out, 'renderer', 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc="\.\/assets\//);
      expect(body!.trim()).toBe('');
    }
    expect(html).not.toMatch(/\b(src|href)="(https?:)?\/\//);
  });

  it('is served by the app:// protocol with the CSP on every file', () => {
    const rendererDir = path.join(out, 'renderer');
    const isFile = (file: string) => fs.existsSync(file) && fs.statSync(file).isFile();
    const files = filesUnder(rendererDir);
    expect(files.length).toBeGreaterThan(2);
    for (const file of files) {
      const url = `app://partner-desk/${path.relative(rendererDir, file).split(path.sep).join('/')}`;
      const answer = resolveAppRequest({ url, method: 'GET' }, rendererDir, isFile);
      expect(answer, url).toMatchObject({ kind: 'file', status: 200, file });
      expect(answer.headers['Content-Security-Policy'], url).toBe(CONTENT_SECURITY_POLICY);
      expect(answer.headers['X-Content-Type-Options']).toBe('nosniff');
    }
    const html = fs.readFileSync(path.join(rendererDir, 'index.html'), 'utf8');
    for (const [, ref] of html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)) {
      const answer = resolveAppRequest({ url: new URL(ref!, 'app://partner-desk/index.html').href, method: 'GET' }, rendererDir, isFile);
      expect(answer.kind, ref).toBe('file');
    }
  });
});

describe('the built main process and preload', () => {
  it('registers the privileged app:// scheme and bundles the one CSP', () => {
    const main = fs.readFileSync(path.join(out, 'main', 'index.js'), 'utf8');
    expect(main).toMatch(
      /registerSchemesAsPrivileged\(\[\{\s*scheme: (?:APP_SCHEME|"app"),\s*privileges: \{\s*standard: true,\s*secure: true/,
    );
    expect(main).toMatch(/protocol\.handle\((?:APP_SCHEME|"app"), async \(request\) => \{\s*const answer = resolveAppRequest\(/);
    for (const directive of CONTENT_SECURITY_POLICY.split('; ')) expect(main).toContain(`"${directive}"`);
    expect(main).not.toMatch(/\.loadFile\(/);
  });

  it('creates exactly one BrowserWindow, from the secure factory options', () => {
    const main = fs.readFileSync(path.join(out, 'main', 'index.js'), 'utf8');
    const constructions = [...main.matchAll(/new\s+(?:[\w$]+\.)?BrowserWindow\s*\(/g)];
    expect(constructions).toHaveLength(1);
    expect(main.slice(constructions[0]!.index!, constructions[0]!.index! + 80)).toMatch(/BrowserWindow\(mainWindowOptions\(/);
    const required = {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
    };
    expect(SECURE_WEB_PREFERENCES).toMatchObject(required);
    for (const [key, value] of Object.entries(required)) expect(main, key).toContain(`${key}: ${JSON.stringify(value)}`);
    expect(main).toMatch(/webPreferences: \{\s*\.\.\.SECURE_WEB_PREFERENCES,\s*preload: input\.preload\s*\}/);
  });

  it('imports electron-updater the way its CommonJS build allows', () => {
    const main = fs.readFileSync(path.join(out, 'main', 'index.js'), 'utf8');
    expect(main).toMatch(/^import \w+ from "electron-updater";$/m);
    expect(main).not.toMatch(/import \{[^}]*\} from "electron-updater"/);
  });

  it('builds a sandbox-safe preload: one CommonJS file requiring only electron, exposing only the contract', () => {
    const preload = fs.readFileSync(path.join(out, 'preload', 'index.cjs'), 'utf8');
    expect(new Set([...preload.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]))).toEqual(new Set(['electron']));
    expect([...preload.matchAll(/exposeInMainWorld\(\s*["'](\w+)["']/g)].map((m) => m[1])).toEqual(['partnerDesk']);
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*\)/);
  });

  it('keeps zod and the schemas out of the preload: it checks names only (main validates)', () => {
    const preload = fs.readFileSync(path.join(out, 'preload', 'index.cjs'), 'utf8');
    expect(preload).not.toMatch(/\bZodError\b|safeParse|z\.object/);
    expect(preload).toContain('"channels.list"');
    // 214 KB while it bundled the contract; a few KB of names and wiring now.
    expect(Buffer.byteLength(preload)).toBeLessThan(8 * 1024);
  });
});

describe('the sources', () => {
  const sources = filesUnder(path.join(root, 'electron')).filter((file) => file.endsWith('.ts'));

  it('construct BrowserWindow in the window factory only', () => {
    const constructing = sources.filter((file) => /new\s+BrowserWindow\s*\(/.test(fs.readFileSync(file, 'utf8')));
    expect(constructing.map((file) => path.relative(root, file))).toEqual([path.join('electron', 'main', 'window.ts')]);
  });

  it('spell out webPreferences in the window options only', () => {
    const naming = sources.filter((file) => /webPreferences\s*:/.test(fs.readFileSync(file, 'utf8')));
    expect(naming.map((file) => path.relative(root, file))).toEqual([path.join('electron', 'main', 'policy', 'window-options.ts')]);
  });

  it('keep the shell policies free of electron', () => {
    for (const file of filesUnder(path.join(root, 'electron', 'main', 'policy'))) {
      expect(fs.readFileSync(file, 'utf8'), path.basename(file)).not.toMatch(/from ['"]electron['"]|require\(['"]electron['"]\)/);
    }
  });
});
