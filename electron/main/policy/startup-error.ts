/**
 * What to tell the user when the app cannot start: a SQLite engine that cannot load (built for
 * another runtime or CPU), a database newer than the app or damaged, a keychain that cannot be
 * reached. Classified by cause, engine first: an engine that cannot load must never read as a
 * damaged database, whose advice (move the file aside) would lose the queued actions. Written for a
 * person, naming the next step. Pure.
 */
import { isAppError } from '@shared/errors';

export interface StartupErrorText {
  title: string;
  message: string;
}

const ABI_MISMATCH =
  /NODE_MODULE_VERSION|compiled against a different Node\.js version|invalid ELF header|not a valid Win32 application|wrong architecture|incompatible architecture|mach-o file, but is an incompatible|better_sqlite3\.node/i;

const ENGINE_TITLE = 'Partner Desk’s database engine does not match this app';

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? text).trim();
}

function engineAdvice(detail: string, isPackaged: boolean): string {
  return isPackaged
    ? `The SQLite engine installed with Partner Desk cannot be loaded (${detail}). Reinstall Partner Desk; your data folder is not affected.`
    : `The SQLite engine for Electron cannot be loaded (${detail}). Run \`npm run native:electron -- --force\` once, then start again (\`npm start\` keeps it up to date). Your data was not touched.`;
}

export function describeStartupError(error: unknown, context: { isPackaged: boolean }): StartupErrorText {
  const text = error instanceof Error ? error.message : String(error);
  if (isAppError(error) && error.code === 'database_engine_unavailable') {
    // From the binding check: the message is complete. From the store: the loader's own words are the cause.
    const cause = error.cause instanceof Error ? firstLine(error.cause.message) : null;
    return { title: ENGINE_TITLE, message: cause ? engineAdvice(cause, context.isPackaged) : error.message };
  }
  if (isAppError(error)) {
    return { title: 'Partner Desk cannot open its data', message: error.message };
  }
  if (ABI_MISMATCH.test(text)) {
    return { title: ENGINE_TITLE, message: engineAdvice(firstLine(text), context.isPackaged) };
  }
  return {
    title: 'Partner Desk could not start',
    message: `${text}\n\nIf this keeps happening, send the log file from the data folder to support.`,
  };
}
