/**
 * What the core asks of the desktop around it: where to save a file, showing a file in its folder,
 * the clipboard, OS notifications. Electron's main process provides the real ones; web mode and the
 * CLI get `headlessDesktop`, which saves to the Downloads folder without asking and reports the rest
 * as unavailable, so the core never imports Electron and never hands a secret to a browser page.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface SavePathRequest {
  /** e.g. partner-accounts-2026-11-28.csv */
  suggestedName: string;
  title: string;
  filters: Array<{ name: string; extensions: string[] }>;
}

export interface DesktopIntegration {
  readonly kind: 'electron' | 'headless';
  /** Where to write; null when the user cancelled (then nothing may be written). */
  chooseSavePath(request: SavePathRequest): Promise<string | null>;
  /** Shows the file in the system file manager; false where that is not possible. */
  revealFile(file: string): Promise<boolean>;
  /** Writes text to the OS clipboard, cleared after `clearAfterMs` if still unchanged; false where unavailable. */
  writeClipboard(text: string, options: { clearAfterMs: number }): Promise<boolean>;
  /** Raises an OS notification; clicking it calls onClick. No-op where unavailable. */
  notify(notification: { title: string; body: string; onClick?: () => void }): void;
  /** The unread count on the dock/taskbar badge where supported. */
  setBadgeCount(count: number): void;
}

/** A path in `dir` for `name` that does not exist yet: "name.csv", then "name (2).csv"... */
export function uniquePath(dir: string, name: string): string {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 1; ; n += 1) {
    const candidate = path.join(dir, n === 1 ? name : `${stem} (${n})${ext}`);
    if (!fs.existsSync(candidate)) return candidate;
  }
}

export function defaultDownloadsDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_DOWNLOAD_DIR?.trim();
  if (xdg) return xdg;
  const downloads = path.join(os.homedir(), 'Downloads');
  return fs.existsSync(downloads) ? downloads : os.homedir();
}

export function headlessDesktop(options: { downloadsDir?: string } = {}): DesktopIntegration {
  return {
    kind: 'headless',
    async chooseSavePath(request) {
      const dir = options.downloadsDir ?? defaultDownloadsDir();
      fs.mkdirSync(dir, { recursive: true });
      return uniquePath(dir, request.suggestedName);
    },
    async revealFile() {
      return false;
    },
    async writeClipboard() {
      return false;
    },
    notify() {},
    setBadgeCount() {},
  };
}
