/**
 * What the window says when its page does not load or its renderer stops, instead of leaving an
 * invisible or blank app: the reason in words and a retry. Pure: Electron's event arguments in,
 * the text of a message box (or nothing to say) out.
 */

export interface LoadFailure {
  errorCode: number;
  errorDescription: string;
  url: string;
  isMainFrame: boolean;
}

export interface FailureNotice {
  title: string;
  message: string;
  detail: string;
  buttons: readonly ['Try Again', 'Quit'];
}

/** Chromium's net::ERR_ABORTED: a navigation replaced by another (a reload, a hot update); nothing failed. */
const ERR_ABORTED = -3;
const BUTTONS = ['Try Again', 'Quit'] as const;

export function describeLoadFailure(failure: LoadFailure, context: { fromDevServer: boolean }): FailureNotice | null {
  if (!failure.isMainFrame || failure.errorCode === ERR_ABORTED) return null;
  const what = `${failure.errorDescription || 'error'} ${failure.errorCode}`.trim();
  return {
    title: 'Partner Desk',
    message: 'Partner Desk could not load its window.',
    detail: context.fromDevServer
      ? `The development server at ${failure.url} did not answer (${what}). Is \`npm start\` still running? Try again once it is.`
      : `${failure.url} did not load (${what}). Try again; if this keeps happening, reinstall Partner Desk. Your data is not affected.`,
    buttons: BUTTONS,
  };
}

export interface RendererGone {
  reason: string;
  exitCode: number;
}

export function describeRendererGone(gone: RendererGone): FailureNotice | null {
  if (gone.reason === 'clean-exit') return null;
  return {
    title: 'Partner Desk',
    message: 'The Partner Desk window stopped unexpectedly.',
    detail: `Its page ${gone.reason === 'oom' ? 'ran out of memory' : `ended (${gone.reason}, code ${gone.exitCode})`}. Nothing queued is lost: it is kept on disk. Try again to reload the window.`,
    buttons: BUTTONS,
  };
}
