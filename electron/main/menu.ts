/**
 * The application menu: built from policy/menu-template.ts (data) and rebuilt whenever what it
 * shows changes (signed in or not, the update state). Clicks are routed by item id to one
 * handler, which policy/menu-actions.ts maps to what happens.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate, type MenuCommand, type MenuItemSpec, type MenuState } from './policy/menu-template';

function toElectron(items: readonly MenuItemSpec[], onCommand: (command: MenuCommand) => void): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    if ('submenu' in item)
      return { label: item.label, ...(item.role ? { role: item.role } : {}), submenu: toElectron(item.submenu, onCommand) };
    if ('id' in item) {
      const { id, label, enabled, accelerator } = item;
      return { id, label, enabled, ...(accelerator ? { accelerator } : {}), click: () => onCommand(id) };
    }
    if ('role' in item) return { role: item.role, ...(item.label ? { label: item.label } : {}) };
    return { type: 'separator' };
  });
}

export class AppMenu {
  private state: MenuState;

  constructor(
    initial: MenuState,
    private readonly onCommand: (command: MenuCommand) => void,
  ) {
    this.state = initial;
    this.install();
  }

  update(patch: Partial<MenuState>): void {
    const next = { ...this.state, ...patch };
    if (JSON.stringify(next) === JSON.stringify(this.state)) return;
    this.state = next;
    this.install();
  }

  private install(): void {
    Menu.setApplicationMenu(Menu.buildFromTemplate(toElectron(buildMenuTemplate(this.state), this.onCommand)));
  }
}
