/** The application menu per platform, and what its commands do. */
import { describe, expect, it } from 'vitest';
import { ok } from '@shared/result';
import { menuAction, unreadCountAfter } from '../../../electron/main/policy/menu-actions';
import {
  buildMenuTemplate,
  commandItems,
  MENU_COMMANDS,
  type MenuItemSpec,
  type MenuState,
} from '../../../electron/main/policy/menu-template';

const base: MenuState = {
  platform: 'darwin',
  appName: 'Partner Desk',
  signedIn: true,
  update: { status: 'idle', version: null },
  developer: false,
};
const menu = (patch: Partial<MenuState> = {}) => buildMenuTemplate({ ...base, ...patch });
const item = (template: MenuItemSpec[], id: string) => commandItems(template).find((entry) => entry.id === id);
const roles = (template: readonly MenuItemSpec[]): string[] =>
  template.flatMap((entry) => [
    ...('role' in entry && entry.role ? [entry.role] : []),
    ...('submenu' in entry ? roles(entry.submenu) : []),
  ]);
const labels = (template: MenuItemSpec[]) => template.map((entry) => ('label' in entry ? entry.label : 'role' in entry ? entry.role : '-'));

describe('application menu', () => {
  it('has every app command on every platform, with unique ids', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const ids = commandItems(menu({ platform })).map((entry) => entry.id);
      expect(new Set(ids).size, platform).toBe(ids.length);
      for (const id of [
        'sync-now',
        'export-csv',
        'show-notifications',
        'preferences',
        'sign-out',
        'reveal-data-folder',
        'check-for-updates',
      ])
        expect(ids, `${platform} ${id}`).toContain(id);
    }
  });

  it('follows macOS: app menu first with About, Settings (Cmd+,), Services, Hide and Quit; standard Edit and Window menus', () => {
    const template = menu({ platform: 'darwin' });
    expect(labels(template)).toEqual(['Partner Desk', 'File', 'editMenu', 'View', 'windowMenu', 'Help']);
    expect(roles([template[0]!])).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(item(template, 'preferences')).toMatchObject({ label: 'Settings…', accelerator: 'Command+,' });
    expect(item(template, 'sync-now')).toMatchObject({ accelerator: 'Command+R' });
    expect(item(template, 'export-csv')).toMatchObject({ label: 'Export CSV…', accelerator: 'Command+Shift+E' });
    expect(roles(template)).toContain('close');
  });

  it('follows Windows: Settings and Exit in File, F5 to sync, About in Help, mnemonics', () => {
    const template = menu({ platform: 'win32' });
    expect(labels(template)).toEqual(['&File', 'editMenu', '&View', 'windowMenu', '&Help']);
    expect(item(template, 'sync-now')).toMatchObject({ accelerator: 'F5' });
    expect(item(template, 'preferences')).toMatchObject({ label: 'Settings…', accelerator: 'Ctrl+,' });
    expect(item(template, 'export-csv')).toMatchObject({ accelerator: 'Ctrl+Shift+E' });
    const file = template[0] as Extract<MenuItemSpec, { submenu: MenuItemSpec[] }>;
    expect(file.submenu.at(-1)).toEqual({ role: 'quit', label: 'Exit' });
    expect(roles(template)).toContain('about');
    expect(JSON.stringify(template)).not.toContain('Command+');
  });

  it('follows Linux desktops: Preferences at the end of Edit, Quit in File', () => {
    const template = menu({ platform: 'linux' });
    const edit = template[1] as Extract<MenuItemSpec, { submenu: MenuItemSpec[] }>;
    expect(edit.label).toBe('&Edit');
    expect(edit.submenu.at(-1)).toMatchObject({ id: 'preferences', label: 'Preferences', accelerator: 'Ctrl+,' });
    expect(roles(edit.submenu)).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'delete', 'selectAll']);
    expect(roles([template[0]!])).toContain('quit');
    expect(item(template, 'reveal-data-folder')).toMatchObject({ label: 'Open Data Folder' });
  });

  it('disables account commands when nobody is signed in, never Settings or help', () => {
    const template = menu({ signedIn: false });
    for (const id of ['sync-now', 'export-csv', 'show-notifications', 'sign-out']) expect(item(template, id)?.enabled, id).toBe(false);
    for (const id of ['preferences', 'reveal-data-folder', 'open-docs']) expect(item(template, id)?.enabled, id).toBe(true);
  });

  it('shows the update state, and no update item where updates are off', () => {
    expect(item(menu({ update: { status: 'ready', version: '1.4.0' } }), 'install-update')).toMatchObject({
      label: 'Restart to Install Version 1.4.0…',
      enabled: true,
    });
    expect(item(menu({ update: { status: 'downloading', version: '1.4.0' } }), 'check-for-updates')).toMatchObject({ enabled: false });
    expect(item(menu({ update: { status: 'error', version: null } }), 'check-for-updates')).toMatchObject({
      label: 'Check for Updates…',
      enabled: true,
    });
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const ids = commandItems(menu({ platform, update: { status: 'unsupported', version: null } })).map((entry) => entry.id);
      expect(ids).not.toContain('check-for-updates');
      expect(ids).not.toContain('install-update');
    }
  });

  it('gives developers force reload and DevTools, never plain reload (Cmd/Ctrl+R is Sync Now)', () => {
    expect(roles(menu({ developer: true }))).toEqual(expect.arrayContaining(['forceReload', 'toggleDevTools']));
    expect(roles(menu({ developer: false }))).not.toContain('toggleDevTools');
    expect(roles(menu({ developer: true }))).not.toContain('reload');
  });
});

describe('menu actions', () => {
  it('routes every command', () => {
    for (const command of MENU_COMMANDS) expect(menuAction(command).kind, command).toBeTruthy();
  });

  it('sends renderer flows to the page, keeps the rest in main', () => {
    expect(menuAction('export-csv')).toEqual({ kind: 'renderer', command: { command: 'export-csv' } });
    expect(menuAction('sign-out')).toEqual({ kind: 'renderer', command: { command: 'sign-out' } });
    expect(menuAction('preferences')).toEqual({ kind: 'renderer', command: { command: 'preferences' } });
    expect(menuAction('show-notifications')).toEqual({ kind: 'renderer', command: { command: 'show-notifications' } });
    expect(menuAction('sync-now')).toEqual({ kind: 'sync' });
    expect(menuAction('open-partner-hub')).toEqual({ kind: 'open-url', url: 'https://hub.360dialog.com/' });
  });

  it('reads the unread count from an answered markRead only', () => {
    expect(unreadCountAfter('notifications.markRead', ok({ unread: 3 }))).toBe(3);
    expect(unreadCountAfter('notifications.markRead', { ok: false, error: { code: 'internal', message: 'x' } })).toBeNull();
    expect(unreadCountAfter('notifications.list', ok({ unread: 3, items: [] }))).toBeNull();
    expect(unreadCountAfter('notifications.markRead', ok({ unread: -1 }))).toBeNull();
  });
});
