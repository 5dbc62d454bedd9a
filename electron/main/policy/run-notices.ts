/**
 * What the user should know about how this copy of the app runs, shown in the window (app.info's
 * `notices`). Today one: Chromium's sandbox is off. On Linux distributions that restrict
 * unprivileged user namespaces (Ubuntu 23.10 and later, through AppArmor) Chromium cannot build its
 * sandbox from an AppImage or an unconfigured development copy; the AppImage's launcher and
 * `npm start` then start Electron with --no-sandbox rather than abort. That must not be silent.
 * Pure.
 */
export function runNotices(context: { platform: NodeJS.Platform; sandboxDisabled: boolean; isPackaged: boolean }): string[] {
  if (!context.sandboxDisabled) return [];
  const fix =
    context.platform === 'linux'
      ? context.isPackaged
        ? 'Install the .deb package instead of the AppImage: it sets the sandbox up.'
        : 'The terminal that ran `npm start` shows the one-time fix.'
      : 'Start Partner Desk without --no-sandbox.';
  return [
    `Partner Desk is running without Chromium’s sandbox, because this system did not let it set one up. Your data is safe; pages are less isolated from the system. ${fix}`,
  ];
}
