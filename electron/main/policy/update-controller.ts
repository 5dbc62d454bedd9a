/**
 * The app's update cycle, with the updater injected (electron-updater's autoUpdater in the app, a
 * fake in tests): check shortly after start and every 6 hours, download in the background, then
 * "Update ready: restart to install" with the release notes, installed on quit or on request.
 * Failures are logged and shown quietly; they never throw out of here. Builds that do not update
 * themselves (see update-policy.ts) never touch the updater. Pure: no Electron.
 */
import type { UpdateState } from '@shared/shell';
import type { Logger } from '@core/log';
import {
  FIRST_UPDATE_CHECK_DELAY_MS,
  releaseNotesText,
  UPDATE_CHECK_INTERVAL_MS,
  UPDATE_MESSAGES,
  type ReleaseNotes,
  type UpdateSupport,
} from './update-policy';

export interface UpdateInfoLike {
  version: string;
  releaseNotes?: ReleaseNotes;
}

export interface UpdaterEvents {
  'checking-for-update': () => void;
  'update-available': (info: UpdateInfoLike) => void;
  'update-not-available': (info: UpdateInfoLike) => void;
  'download-progress': (progress: { percent: number }) => void;
  'update-downloaded': (info: UpdateInfoLike) => void;
  error: (error: Error) => void;
}

/** The part of electron-updater's AppUpdater this module uses (adapted in updater.ts). */
export interface UpdaterPort {
  configure(settings: { autoDownload: boolean; autoInstallOnAppQuit: boolean; allowPrerelease: boolean; allowDowngrade: boolean }): void;
  subscribe(listeners: UpdaterEvents): void;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent: boolean, isForceRunAfter: boolean): void;
}

export interface IntervalTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface UpdateControllerOptions {
  /** Created lazily, and only when the build updates itself. */
  updater: () => UpdaterPort;
  support: UpdateSupport;
  currentVersion: string;
  log: Logger;
  now: () => number;
  timers: IntervalTimers;
  onChange: (state: UpdateState) => void;
  /** Called once per downloaded version (raise an OS notification). */
  onReady?: (state: UpdateState) => void;
  /** Called right before quitAndInstall (let windows really close, not hide). */
  beforeInstall?: () => void;
  /** Scheduled checks are skipped while offline (a user's check still runs). */
  isOnline?: () => boolean;
  firstCheckDelayMs?: number;
  intervalMs?: number;
}

export class UpdateController {
  private current: UpdateState;
  private updater: UpdaterPort | null = null;
  private timers: unknown[] = [];
  private checking: Promise<UpdateState> | null = null;
  private announced: string | null = null;
  private readonly reported = new WeakSet<object>();

  constructor(private readonly options: UpdateControllerOptions) {
    const unsupported = options.support.supported ? null : options.support.message;
    this.current = {
      status: unsupported ? 'unsupported' : 'idle',
      currentVersion: options.currentVersion,
      version: null,
      releaseNotes: null,
      progress: null,
      message: unsupported,
      checkedAt: null,
    };
  }

  state(): UpdateState {
    return this.current;
  }

  start(): void {
    if (!this.options.support.supported || this.timers.length > 0) return;
    const { timers } = this.options;
    this.timers.push(
      timers.setTimeout(() => void this.check('scheduled'), this.options.firstCheckDelayMs ?? FIRST_UPDATE_CHECK_DELAY_MS),
      timers.setInterval(() => void this.check('scheduled'), this.options.intervalMs ?? UPDATE_CHECK_INTERVAL_MS),
    );
  }

  stop(): void {
    const [first, ...intervals] = this.timers;
    if (first !== undefined) this.options.timers.clearTimeout(first);
    for (const handle of intervals) this.options.timers.clearInterval(handle);
    this.timers = [];
  }

  /** Checks now; resolves with the state after the check (the download goes on in the background). */
  check(trigger: 'scheduled' | 'user'): Promise<UpdateState> {
    if (!this.options.support.supported) return Promise.resolve(this.current);
    if (this.checking) return this.checking;
    // Once downloaded, the update waits for a restart; another download would only repeat it.
    if (this.current.status === 'ready' || this.current.status === 'downloading') return Promise.resolve(this.current);
    if (trigger === 'scheduled' && this.options.isOnline && !this.options.isOnline()) return Promise.resolve(this.current);
    this.checking = this.runCheck().finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  /** Restarts into the downloaded update; refused (false) unless one is ready. */
  install(): { accepted: boolean } {
    if (this.current.status !== 'ready' || !this.updater) return { accepted: false };
    this.options.log.info('installing update', { version: this.current.version });
    this.options.beforeInstall?.();
    this.updater.quitAndInstall(false, true);
    return { accepted: true };
  }

  private async runCheck(): Promise<UpdateState> {
    try {
      await this.connect().checkForUpdates();
    } catch (error) {
      this.fail(error);
    }
    return this.current;
  }

  private connect(): UpdaterPort {
    if (this.updater) return this.updater;
    const updater = this.options.updater();
    updater.configure({ autoDownload: true, autoInstallOnAppQuit: true, allowPrerelease: false, allowDowngrade: false });
    updater.subscribe({
      'checking-for-update': () => this.set({ status: 'checking', message: UPDATE_MESSAGES.checking, progress: null }),
      'update-not-available': () =>
        this.set({
          status: 'idle',
          version: null,
          releaseNotes: null,
          progress: null,
          message: UPDATE_MESSAGES.upToDate,
          checkedAt: this.stamp(),
        }),
      'update-available': (info) =>
        this.set({
          status: 'downloading',
          version: info.version,
          releaseNotes: releaseNotesText(info.releaseNotes),
          progress: 0,
          message: UPDATE_MESSAGES.downloading(info.version),
          checkedAt: this.stamp(),
        }),
      'download-progress': (progress) => {
        if (this.current.status === 'downloading') this.set({ progress: Math.min(100, Math.max(0, Math.round(progress.percent))) });
      },
      'update-downloaded': (info) => {
        this.set({
          status: 'ready',
          version: info.version,
          releaseNotes: releaseNotesText(info.releaseNotes) ?? this.current.releaseNotes,
          progress: 100,
          message: UPDATE_MESSAGES.ready(info.version),
        });
        if (this.announced !== info.version) {
          this.announced = info.version;
          this.options.onReady?.(this.current);
        }
      },
      error: (error) => this.fail(error),
    });
    this.updater = updater;
    return updater;
  }

  private fail(error: unknown): void {
    // electron-updater reports a failed check twice with the same Error: its 'error' event and the rejected promise.
    if (typeof error === 'object' && error !== null) {
      if (this.reported.has(error)) return;
      this.reported.add(error);
    }
    this.options.log.warn('update failed', { error: error instanceof Error ? error.message : String(error) });
    // A failed later check must not hide an update that is already downloaded.
    if (this.current.status === 'ready') return;
    this.set({
      status: 'error',
      version: null,
      releaseNotes: null,
      progress: null,
      message: UPDATE_MESSAGES.failed,
      checkedAt: this.stamp(),
    });
  }

  private set(patch: Partial<UpdateState>): void {
    this.current = { ...this.current, ...patch };
    try {
      this.options.onChange(this.current);
    } catch (error) {
      this.options.log.error('update listener failed', { error: String(error) });
    }
  }

  private stamp(): string {
    return new Date(this.options.now()).toISOString();
  }
}
