/**
 * The parent side of the start-up smoke test: builds the app once with electron-vite, lays it out
 * as development (`npm start`) or as electron-builder packs it (the builder config's own `files`
 * list copied into a `resources/app.asar` folder, the native binding in `app.asar.unpacked`), and
 * starts the built main file under plain Node with the Electron stand-in (run-main.ts), talking to
 * it over the child's IPC channel.
 */
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBuilderConfig } from '../../../scripts/packaging/builder-config';
import { ELECTRON_BINDING_RELATIVE, stampFileFor } from '../../../electron/main/native-binding';
import type { Recorded } from './fake-electron';
import type { ChildScenario, FromChild, ToChild } from './run-main';

const here = path.dirname(fileURLToPath(import.meta.url));
export const PROJECT_ROOT = path.resolve(here, '../../..');
export const STAND_IN_ELECTRON_VERSION = '45.5.0';
const NODE_BUILD_OF_SQLITE = path.join(PROJECT_ROOT, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

/** electron-vite's output (main, preload, renderer) in `outDir`. */
export function buildApp(outDir: string): void {
  const result = spawnSync(
    path.join(PROJECT_ROOT, 'node_modules', '.bin', 'electron-vite'),
    ['build', '--config', 'test/integration/shell/electron-vite.out-dir.config.ts', '--logLevel', 'warn'],
    {
      cwd: PROJECT_ROOT,
      env: { ...process.env, PARTNER_DESK_BUILD_OUT: outDir },
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) throw new Error(`electron-vite build failed:\n${result.stdout}\n${result.stderr}`);
}

export type BindingKind =
  /** The Node build (it loads under this test's Node) stamped as Electron's: the normal case. */
  | 'fits'
  /** None: `npm run native:electron` never ran. */
  | 'missing'
  /** A file the loader rejects (what a binding for another ABI or CPU does), stamped as fitting. */
  | 'unloadable'
  /** The right file, stamped for another Electron: left over from before an upgrade. */
  | 'stale';

function writeBinding(file: string, kind: BindingKind): void {
  if (kind === 'missing') return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (kind === 'unloadable') fs.writeFileSync(file, Buffer.from('\x7fELF\x02\x01\x01 this is not a loadable object'));
  else fs.copyFileSync(NODE_BUILD_OF_SQLITE, file);
  const electronVersion = kind === 'stale' ? '44.0.0' : STAND_IN_ELECTRON_VERSION;
  fs.writeFileSync(
    stampFileFor(file),
    JSON.stringify({ module: 'better-sqlite3', moduleVersion: '12', electronVersion, platform: process.platform, arch: process.arch }),
  );
}

export interface AppLayout {
  kind: 'development' | 'packaged';
  mainFile: string;
  appPath: string;
  resourcesPath: string;
}

function copyDir(from: string, to: string, keep: (file: string) => boolean = () => true): void {
  fs.cpSync(from, to, { recursive: true, filter: (source) => fs.statSync(source).isDirectory() || keep(source) });
}

/** The project as `npm start` runs it: sources built into out/, node_modules beside them. */
export function developmentLayout(buildDir: string, root: string, binding: BindingKind): AppLayout {
  fs.mkdirSync(root, { recursive: true });
  fs.copyFileSync(path.join(PROJECT_ROOT, 'package.json'), path.join(root, 'package.json'));
  fs.symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(root, 'node_modules'), 'junction');
  for (const part of ['main', 'preload', 'renderer']) copyDir(path.join(buildDir, part), path.join(root, 'out', part));
  copyDir(path.join(PROJECT_ROOT, 'resources'), path.join(root, 'resources'));
  writeBinding(path.join(root, ELECTRON_BINDING_RELATIVE), binding);
  return {
    kind: 'development',
    mainFile: path.join(root, 'out', 'main', 'index.js'),
    appPath: root,
    resourcesPath: path.join(root, 'node_modules', 'electron', 'dist', 'resources'),
  };
}

/**
 * The app as electron-builder packs it, from the builder config's own `files` list: `out/…/**`
 * folders, single files, and `!**\/*.map`. node_modules is linked, not copied (the packaged copy is
 * electron-builder's business; what matters here is where main looks for its own files).
 */
export function packagedLayout(buildDir: string, root: string, binding: BindingKind): AppLayout {
  const resources = path.join(root, 'resources');
  const app = path.join(resources, 'app.asar');
  fs.mkdirSync(app, { recursive: true });
  const staged = path.join(root, 'staged');
  developmentLayout(buildDir, staged, binding);
  const patterns = (createBuilderConfig({}).files ?? []) as string[];
  const excludedExtensions = patterns.filter((p) => /^!\*\*\/\*\.\w+$/.test(p)).map((p) => p.slice('!**/*'.length));
  const keep = (file: string) => !excludedExtensions.some((extension) => file.endsWith(extension));
  for (const pattern of patterns.filter((p) => !p.startsWith('!'))) {
    if (pattern.startsWith('node_modules')) continue;
    if (pattern.endsWith('/**')) {
      const dir = pattern.slice(0, -3);
      if (fs.existsSync(path.join(staged, dir))) copyDir(path.join(staged, dir), path.join(app, dir), keep);
    } else if (fs.existsSync(path.join(staged, pattern))) {
      fs.mkdirSync(path.dirname(path.join(app, pattern)), { recursive: true });
      fs.copyFileSync(path.join(staged, pattern), path.join(app, pattern));
    }
  }
  fs.symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(app, 'node_modules'), 'junction');
  // asarUnpack: the native binding lives beside the archive, not in it.
  const unpackedBinding = path.join(resources, 'app.asar.unpacked', ELECTRON_BINDING_RELATIVE);
  if (fs.existsSync(path.join(app, ELECTRON_BINDING_RELATIVE))) {
    fs.mkdirSync(path.dirname(unpackedBinding), { recursive: true });
    for (const file of [path.join(app, ELECTRON_BINDING_RELATIVE), stampFileFor(path.join(app, ELECTRON_BINDING_RELATIVE))]) {
      fs.renameSync(file, path.join(path.dirname(unpackedBinding), path.basename(file)));
    }
  }
  fs.rmSync(staged, { recursive: true, force: true });
  return { kind: 'packaged', mainFile: path.join(app, 'out', 'main', 'index.js'), appPath: app, resourcesPath: resources };
}

export interface LaunchOptions {
  userData: string;
  singleInstanceLock?: boolean;
  switches?: string[];
  failLoads?: number;
  messageBoxResponse?: number;
  keychainDelayMs?: number | null;
}

export class LaunchedApp {
  readonly records: Recorded[] = [];
  readonly exited: Promise<number | null>;
  crash: string | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, (message: FromChild) => void>();
  private readonly watchers = new Set<() => void>();
  private stderr = '';

  constructor(private readonly child: ChildProcess) {
    child.on('message', (message: FromChild) => {
      if (message.type === 'record') this.records.push(message.entry);
      else if (message.type === 'crashed') this.crash = message.error;
      else this.pending.get(message.id)?.(message);
      for (const watcher of this.watchers) watcher();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  }

  get errorOutput(): string {
    return this.stderr;
  }

  calls(name: string): Recorded[] {
    return this.records.filter((entry) => entry.call === name);
  }

  first(name: string): Recorded | undefined {
    return this.records.find((entry) => entry.call === name);
  }

  /** Resolves once `predicate` holds for what was recorded; rejects after `timeoutMs` saying what was seen. */
  waitFor(what: string, predicate: () => boolean, timeoutMs = 15_000): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.watchers.delete(check);
        reject(
          new Error(
            `Timed out waiting for ${what}. Recorded: ${this.records.map((r) => r.call).join(', ')}\n${this.crash ?? ''}\n${this.stderr}`,
          ),
        );
      }, timeoutMs);
      const check = () => {
        if (!predicate()) return;
        clearTimeout(timer);
        this.watchers.delete(check);
        resolve();
      };
      this.watchers.add(check);
    });
  }

  private ask<T extends FromChild>(message: ToChild & { id: number }): Promise<T> {
    return new Promise((resolve) => {
      this.pending.set(message.id, (answer) => resolve(answer as T));
      this.child.send(message);
    });
  }

  /** A request made as the page makes it: window.partnerDesk.request, through the real preload and IPC. */
  async request(name: string, input: unknown = {}): Promise<{ result: unknown; error?: string; ms: number }> {
    const started = Date.now();
    const answer = await this.ask<Extract<FromChild, { type: 'response' }>>({ type: 'request', id: this.nextId++, name, input });
    return { result: answer.result, ...(answer.error ? { error: answer.error } : {}), ms: Date.now() - started };
  }

  fetch(url: string): Promise<Extract<FromChild, { type: 'fetched' }>> {
    return this.ask({ type: 'fetch', id: this.nextId++, url });
  }

  send(message: Extract<ToChild, { type: 'second-instance' | 'quit' }>): void {
    this.child.send(message);
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}

export function launch(layout: AppLayout, options: LaunchOptions): LaunchedApp {
  const scenario: ChildScenario = {
    isPackaged: layout.kind === 'packaged',
    appPath: layout.appPath,
    resourcesPath: layout.resourcesPath,
    userData: options.userData,
    version: '0.1.0',
    singleInstanceLock: options.singleInstanceLock ?? true,
    switches: options.switches ?? [],
    failLoads: options.failLoads ?? 0,
    messageBoxResponse: options.messageBoxResponse ?? 0,
    electronVersion: STAND_IN_ELECTRON_VERSION,
    keychainDelayMs: options.keychainDelayMs === undefined ? 0 : options.keychainDelayMs,
  };
  const child = fork(path.join(here, 'run-main.ts'), [layout.mainFile], {
    execArgv: ['--import', 'tsx'],
    cwd: PROJECT_ROOT,
    env: { ...process.env, STAND_IN_SCENARIO: JSON.stringify(scenario), PARTNER_DESK_DATA_DIR: '', ELECTRON_RENDERER_URL: '' },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  return new LaunchedApp(child);
}
