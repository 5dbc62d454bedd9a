/**
 * Secrets copied by the app (a channel's API key) do not linger on the clipboard: main writes the
 * text, and after the delay clears the clipboard only if it still holds exactly that text, so
 * whatever the user copied since is left alone. A newer write replaces the pending clear; on quit,
 * sleep or screen lock the pending clear happens at once. Pure: the clipboard (sync or async, as
 * Electron's API may be either) and the timer are injected.
 */
export interface ClipboardPort {
  readText(): string | Promise<string>;
  writeText(text: string): void | Promise<void>;
  clear(): void | Promise<void>;
}

export interface TimerPort {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const SECRET_CLIPBOARD_CLEAR_MS = 60_000;

export class ClipboardGuard {
  private pending: { text: string; timer: unknown } | null = null;
  /** The most recent write; an older write finishing late must not schedule anything. */
  private latest: object | null = null;

  constructor(
    private readonly clipboard: ClipboardPort,
    private readonly timers: TimerPort,
  ) {}

  /** Writes `text`; clears it after `clearAfterMs` unless the clipboard changed meanwhile. */
  async write(text: string, clearAfterMs: number): Promise<void> {
    const token = {};
    this.latest = token;
    this.cancel();
    await this.clipboard.writeText(text);
    if (this.latest !== token) return;
    if (!Number.isFinite(clearAfterMs) || clearAfterMs <= 0 || text === '') return;
    const timer = this.timers.setTimeout(() => void this.clearIfUnchanged(), clearAfterMs);
    this.pending = { text, timer };
  }

  /** Clears now (if still ours) instead of waiting: quitting, sleeping, locking the screen. */
  async flush(): Promise<void> {
    if (!this.pending) return;
    this.timers.clearTimeout(this.pending.timer);
    await this.clearIfUnchanged();
  }

  /** Whether a clear is still scheduled (for tests and diagnostics). */
  get hasPendingClear(): boolean {
    return this.pending !== null;
  }

  private cancel(): void {
    if (this.pending) this.timers.clearTimeout(this.pending.timer);
    this.pending = null;
  }

  private async clearIfUnchanged(): Promise<void> {
    const pending = this.pending;
    this.pending = null;
    if (!pending) return;
    if ((await this.clipboard.readText()) === pending.text) await this.clipboard.clear();
  }
}
