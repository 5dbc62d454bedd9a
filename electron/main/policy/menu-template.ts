/**
 * The application menu as data: the platform's standard roles (edit, window, zoom, full screen,
 * services, hide, quit...) plus the app's own commands, with each platform's conventions for
 * placement, wording and shortcuts (macOS: Settings in the app menu, Cmd+R to refresh; Windows:
 * Settings in File, F5; Linux: Preferences in Edit, F5). Commands that need a signed-in profile are
 * disabled without one; the update item follows the updater's state. Pure: the wiring in menu.ts
 * turns this into an Electron Menu and routes clicks by id.
 */
import type { UpdateStatus } from '@shared/shell';

export const MENU_COMMANDS = [
  'sync-now',
  'export-csv',
  'show-notifications',
  'preferences',
  'sign-out',
  'reveal-data-folder',
  'check-for-updates',
  'install-update',
  'open-partner-hub',
  'open-docs',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export type MenuRole =
  | 'about'
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'
  | 'close'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'pasteAndMatchStyle'
  | 'delete'
  | 'selectAll'
  | 'editMenu'
  | 'windowMenu'
  | 'help'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'forceReload'
  | 'toggleDevTools';

export type MenuItemSpec =
  | { type: 'separator' }
  | { role: MenuRole; label?: string }
  | { id: MenuCommand; label: string; accelerator?: string; enabled: boolean }
  | { label: string; role?: 'help'; submenu: MenuItemSpec[] };

export interface MenuState {
  platform: NodeJS.Platform;
  appName: string;
  /** A profile is active: sync, export, notifications and sign out make sense. */
  signedIn: boolean;
  update: { status: UpdateStatus; version: string | null };
  /** An unpackaged build: adds reload and DevTools. */
  developer: boolean;
}

type Family = 'darwin' | 'win32' | 'linux';
const family = (platform: NodeJS.Platform): Family => (platform === 'darwin' || platform === 'win32' ? platform : 'linux');

/** Shortcuts in each platform's own notation and habits. */
export const ACCELERATORS: Record<Family, Partial<Record<MenuCommand, string>>> = {
  darwin: { 'sync-now': 'Command+R', 'export-csv': 'Command+Shift+E', 'show-notifications': 'Command+Shift+N', preferences: 'Command+,' },
  win32: { 'sync-now': 'F5', 'export-csv': 'Ctrl+Shift+E', 'show-notifications': 'Ctrl+Shift+N', preferences: 'Ctrl+,' },
  linux: { 'sync-now': 'F5', 'export-csv': 'Ctrl+Shift+E', 'show-notifications': 'Ctrl+Shift+N', preferences: 'Ctrl+,' },
};

const LABELS: Record<Family, { preferences: string; reveal: string }> = {
  darwin: { preferences: 'Settings…', reveal: 'Show Data Folder in Finder' },
  win32: { preferences: 'Settings…', reveal: 'Show Data Folder in File Explorer' },
  linux: { preferences: 'Preferences', reveal: 'Open Data Folder' },
};

const SEPARATOR: MenuItemSpec = { type: 'separator' };

function command(state: MenuState, id: MenuCommand, label: string, enabled = true): MenuItemSpec {
  const accelerator = ACCELERATORS[family(state.platform)][id];
  return { id, label, enabled, ...(accelerator ? { accelerator } : {}) };
}

/** "Check for Updates…", the download in progress, or "Restart to Install Update…"; none if unsupported. */
function updateItems(state: MenuState): MenuItemSpec[] {
  switch (state.update.status) {
    case 'unsupported':
      return [];
    case 'ready':
      return [
        command(state, 'install-update', `Restart to Install ${state.update.version ? `Version ${state.update.version}` : 'Update'}…`),
      ];
    case 'checking':
      return [command(state, 'check-for-updates', 'Checking for Updates…', false)];
    case 'downloading':
      return [command(state, 'check-for-updates', 'Downloading Update…', false)];
    default:
      return [command(state, 'check-for-updates', 'Check for Updates…')];
  }
}

function fileMenu(state: MenuState): MenuItemSpec {
  const f = family(state.platform);
  const items: MenuItemSpec[] = [
    command(state, 'sync-now', 'Sync Now', state.signedIn),
    command(state, 'export-csv', 'Export CSV…', state.signedIn),
    SEPARATOR,
    command(state, 'sign-out', 'Sign Out…', state.signedIn),
    SEPARATOR,
  ];
  if (f === 'darwin') items.push({ role: 'close' });
  else if (f === 'win32') items.push(command(state, 'preferences', LABELS.win32.preferences), SEPARATOR, { role: 'quit', label: 'Exit' });
  else items.push({ role: 'quit' });
  return { label: f === 'darwin' ? 'File' : '&File', submenu: items };
}

function editMenu(state: MenuState): MenuItemSpec {
  if (family(state.platform) !== 'linux') return { role: 'editMenu' };
  // GNOME and KDE keep Preferences at the end of Edit, so Linux spells the menu out.
  return {
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      SEPARATOR,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'delete' },
      SEPARATOR,
      { role: 'selectAll' },
      SEPARATOR,
      command(state, 'preferences', LABELS.linux.preferences),
    ],
  };
}

function viewMenu(state: MenuState): MenuItemSpec {
  const items: MenuItemSpec[] = [
    command(state, 'show-notifications', 'Notifications', state.signedIn),
    SEPARATOR,
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    SEPARATOR,
    { role: 'togglefullscreen' },
  ];
  // Plain "reload" would take Cmd/Ctrl+R from Sync Now; developers get force reload instead.
  if (state.developer) items.push(SEPARATOR, { role: 'forceReload' }, { role: 'toggleDevTools' });
  return { label: family(state.platform) === 'darwin' ? 'View' : '&View', submenu: items };
}

function helpMenu(state: MenuState): MenuItemSpec {
  const f = family(state.platform);
  const items: MenuItemSpec[] = [
    command(state, 'open-partner-hub', '360dialog Partner Hub'),
    command(state, 'open-docs', '360dialog Documentation'),
    SEPARATOR,
    command(state, 'reveal-data-folder', LABELS[f].reveal),
  ];
  if (f !== 'darwin') {
    const updates = updateItems(state);
    items.push(SEPARATOR, ...updates, ...(updates.length ? [SEPARATOR] : []), { role: 'about', label: `About ${state.appName}` });
  }
  return { label: f === 'darwin' ? 'Help' : '&Help', role: 'help', submenu: items };
}

function appMenu(state: MenuState): MenuItemSpec {
  const updates = updateItems(state);
  return {
    label: state.appName,
    submenu: [
      { role: 'about' },
      ...(updates.length ? [SEPARATOR, ...updates] : []),
      SEPARATOR,
      command(state, 'preferences', LABELS.darwin.preferences),
      SEPARATOR,
      { role: 'services' },
      SEPARATOR,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      SEPARATOR,
      { role: 'quit' },
    ],
  };
}

export function buildMenuTemplate(state: MenuState): MenuItemSpec[] {
  const menus = [fileMenu(state), editMenu(state), viewMenu(state), { role: 'windowMenu' } as MenuItemSpec, helpMenu(state)];
  return family(state.platform) === 'darwin' ? [appMenu(state), ...menus] : menus;
}

/** Every command item in a template, depth first (for routing clicks and for tests). */
export function commandItems(template: readonly MenuItemSpec[]): Array<Extract<MenuItemSpec, { id: MenuCommand }>> {
  return template.flatMap((item) => ('submenu' in item ? commandItems(item.submenu) : 'id' in item ? [item] : []));
}
