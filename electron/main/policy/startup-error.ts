/**
 * What to tell the user when the app cannot start: a database newer than the app or damaged, a
 * keychain that cannot be reached, or a SQLite engine built for the wrong runtime (the Node build
 * loaded into Electron in development). Written for a person, naming the next step. Pure.
 */
import { isAppError } from '../../../shared/errors';

export interface StartupErrorText {
  title: string;
  message: string;
}

const ABI_MISMATCH = /NODE_MODULE_VERSION|compiled against a different Node\.js version|invalid ELF header|not a valid Win32 application|wrong architecture|incompatible architecture/i;

export function describeStartupError(error: unknown, context: { isPackaged: boolean }): StartupErrorText {
  const text = error instanceof Error ? error.message : String(error);
  if (isAppError(error)) {
    return { title: 'Partner Desk cannot open its data', message: error.message };
  }
  if (ABI_MISMATCH.test(text)) {
    return {
      title: 'Partner Desk’s database engine does not match this app',
      message: context.isPackaged
        ? 'The SQLite engine installed with Partner Desk does not fit this version of the app. Reinstall Partner Desk.'
        : 'The better-sqlite3 binding was built for Node, not Electron. Run `npm run native:electron` once, then start again.',
    };
  }
  return { title: 'Partner Desk could not start', message: `${text}\n\nIf this keeps happening, send the log file from the data folder to support.` };
}
