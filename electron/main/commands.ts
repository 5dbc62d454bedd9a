/**
 * Carries out the app's commands: menu clicks (what each does is decided in
 * policy/menu-actions.ts) and clicked OS notifications, which bring the window forward and pass
 * an `app.command` event (validated by the contract's schema) to the page.
 */
import { shell, type BrowserWindow } from 'electron';
import { AppCommand } from '@shared/shell';
import type { Core } from '@core';
import type { Logger } from '@core/log';
import { menuAction } from './policy/menu-actions';
import type { MenuCommand } from './policy/menu-template';
import { externalTarget } from './policy/navigation';
import type { UpdateController } from './policy/update-controller';
import { openExternally } from './security';
import { showWindow } from './window';

export interface CommandContext {
  core(): Core | undefined;
  window(): BrowserWindow | null;
  updates: UpdateController;
  dataDir: string;
  log: Logger;
}

export function sendAppCommand(context: CommandContext, command: AppCommand): void {
  const parsed = AppCommand.safeParse(command);
  if (!parsed.success) {
    context.log.warn('dropped an invalid app command', { command: command.command });
    return;
  }
  const window = context.window();
  if (window) showWindow(window);
  context.core()?.events.emit('app.command', parsed.data);
}

export function runMenuCommand(context: CommandContext, command: MenuCommand): void {
  const action = menuAction(command);
  const { log } = context;
  switch (action.kind) {
    case 'renderer':
      return sendAppCommand(context, action.command);
    case 'sync':
      context
        .core()
        ?.accounts.syncNow()
        .catch((error: unknown) => log.warn('menu sync failed', { error: error instanceof Error ? error.message : String(error) }));
      return;
    case 'reveal-data-folder':
      void shell.openPath(context.dataDir).then((error) => {
        if (error) log.warn('could not open the data folder', { error });
      });
      return;
    case 'check-for-updates':
      void context.updates.check('user');
      return;
    case 'install-update':
      context.updates.install();
      return;
    case 'open-url': {
      const target = externalTarget(action.url);
      if (target) openExternally(target, log);
      return;
    }
  }
}
