/**
 * Which builds update themselves, and how update texts are shown. Only a packaged app updates:
 * the NSIS install on Windows, the app on macOS, the AppImage on Linux. A .deb (or any other Linux
 * package) is updated by the system's package manager, a development run never updates, an
 * administrator can switch updates off (PARTNER_DESK_DISABLE_UPDATES=1), and a build without a
 * publish configuration (no app-update.yml) has nowhere to look. Release notes arrive as HTML or
 * per-version notes and are reduced to plain text, so the renderer never renders remote HTML.
 * Pure: no Electron.
 */
export const UPDATE_CHECK_INTERVAL_MS = 6 * 60 * 60 * 1000;
/** Let the window and the first sync have the network first. */
export const FIRST_UPDATE_CHECK_DELAY_MS = 30_000;
const MAX_NOTES = 4000;

export interface UpdateEnvironment {
  isPackaged: boolean;
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  /** resources/app-update.yml exists (electron-builder writes it when a publish provider is set). */
  hasUpdateConfig: boolean;
}

export type UpdateSupport =
  | { supported: true }
  | {
      supported: false;
      reason: 'development' | 'disabled' | 'linux-package' | 'portable' | 'not-configured' | 'platform';
      message: string;
    };

export function updateSupport(context: UpdateEnvironment): UpdateSupport {
  if (!context.isPackaged) {
    return { supported: false, reason: 'development', message: 'Development builds do not update themselves.' };
  }
  if (context.env.PARTNER_DESK_DISABLE_UPDATES === '1') {
    return { supported: false, reason: 'disabled', message: 'Automatic updates are switched off on this computer.' };
  }
  if (context.platform === 'linux' && !context.env.APPIMAGE) {
    return {
      supported: false,
      reason: 'linux-package',
      message: 'This copy was installed as a system package: update it with your package manager.',
    };
  }
  if (context.platform === 'win32' && context.env.PORTABLE_EXECUTABLE_DIR) {
    return { supported: false, reason: 'portable', message: 'The portable version does not update itself: download the new version.' };
  }
  if (context.platform !== 'linux' && context.platform !== 'win32' && context.platform !== 'darwin') {
    return { supported: false, reason: 'platform', message: 'Automatic updates are not available on this system.' };
  }
  if (!context.hasUpdateConfig) {
    return { supported: false, reason: 'not-configured', message: 'This build has no update channel configured.' };
  }
  return { supported: true };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** HTML (GitHub release bodies are HTML) to readable plain text. */
export function htmlToText(html: string): string {
  return html
    .replace(/<\s*(script|style)\b[^>]*>[\s\S]*?<\s*\/\s*\1\s*>/gi, '')
    .replace(/<\s*br\s*\/?>/gi, '\n')
    .replace(/<\s*li\b[^>]*>/gi, '\n• ')
    .replace(/<\s*\/\s*(p|div|h[1-6]|ul|ol)\s*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#\d+|#x[\da-f]+|[a-z]+);/gi, (entity, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X')) return safeCodePoint(parseInt(name.slice(2), 16)) ?? entity;
      if (name.startsWith('#')) return safeCodePoint(parseInt(name.slice(1), 10)) ?? entity;
      return ENTITIES[name.toLowerCase()] ?? entity;
    })
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function safeCodePoint(code: number): string | null {
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : null;
}

export type ReleaseNotes = string | ReadonlyArray<{ version: string; note: string | null }> | null | undefined;

/** Release notes as plain text, or null when there are none. */
export function releaseNotesText(notes: ReleaseNotes): string | null {
  if (notes === null || notes === undefined) return null;
  const text =
    typeof notes === 'string'
      ? htmlToText(notes)
      : notes
          .map((entry) => {
            const note = entry.note ? htmlToText(entry.note) : '';
            return note ? `${entry.version}\n${note}` : entry.version;
          })
          .join('\n\n');
  if (text === '') return null;
  return text.length > MAX_NOTES ? `${text.slice(0, MAX_NOTES - 1).trimEnd()}…` : text;
}

/** What the user reads for each state (one sentence, quiet for errors). */
export const UPDATE_MESSAGES = {
  upToDate: 'Partner Desk is up to date.',
  checking: 'Checking for updates…',
  downloading: (version: string | null) => `Downloading Partner Desk ${version ?? 'update'}…`,
  ready: (version: string | null) => `Update ready: restart to install Partner Desk ${version ?? ''}`.trimEnd() + '.',
  failed: 'Could not check for updates. Partner Desk will try again later.',
} as const;

/** The OS notification for a downloaded update: the version, and the first line of its notes. */
export function updateReadyNotification(state: { version: string | null; releaseNotes: string | null }): { title: string; body: string } {
  const firstNote = state.releaseNotes
    ?.split('\n')
    .find((line) => line.trim() !== '' && line.trim() !== state.version)
    ?.trim();
  const version = `Partner Desk ${state.version ?? ''}`.trimEnd();
  return {
    title: 'Update ready: restart to install',
    body: firstNote ? `${version}: ${firstNote.replace(/^•\s*/, '')}` : `${version} is ready.`,
  };
}
