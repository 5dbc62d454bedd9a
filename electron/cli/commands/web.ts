/** `partner-desk web`: the app in a browser, served on 127.0.0.1 with a per-launch token. */
import type { Command } from '../command';
import { openCore } from '../open-core';
import { portOption, urlOption } from '../options';

export const webCommand: Command = {
  name: 'web',
  summary: 'Run the app in your browser (web mode), on 127.0.0.1 only',
  usage: 'partner-desk web [--demo] [--demo-hub URL] [--port N] [--data-dir DIR]',
  help: [
    'Serves Partner Desk on http://127.0.0.1 and prints the address to open. The address carries a',
    'one-time access token: only that page may use the app; other pages and processes are refused.',
    '',
    '  --demo            start with demo data (the built-in simulated Partner Hub)',
    '  --demo-hub URL    use a running `partner-desk demo-server` as the demo hub',
    '  --port N          port to listen on (default 4780; 0 picks a free port)',
    '  --data-dir DIR    data folder (default: the per-user app data folder, or PARTNER_DESK_DATA_DIR)',
    '  --hub-url URL     Partner API base URL for this run: sign-in and every signed-in profile',
    "                    (default: each profile's own address; env PARTNER_DESK_HUB_URL)",
  ].join('\n'),
  options: {
    demo: { type: 'boolean' },
    'demo-hub': { type: 'string' },
    port: { type: 'string' },
  },
  async run({ values, io }) {
    const port = portOption(values.port, 4780);
    const demoHub = urlOption('demo-hub', values['demo-hub']);
    // Web mode's server is loaded when it runs, not with every command.
    const [{ ensureRendererBuild }, { startWebServer }] = await Promise.all([
      import('../../web/renderer-build'),
      import('../../web/web-server'),
    ]);
    const rendererDir = await ensureRendererBuild((line) => io.err(line));
    // After a repair the core is built again on the new file; the page reloads itself.
    let restartRequested: (() => void) | null = null;
    const restart = (): boolean => {
      queueMicrotask(() => restartRequested?.());
      return true;
    };
    const open = () =>
      openCore({ values, io, runMode: 'web', backgroundSync: true, restart, ...(demoHub ? { demo: { externalUrl: demoHub } } : {}) });
    let core = await open();
    try {
      if (values.demo) await core.session.startDemo();
      const server = await startWebServer({ core, rendererDir, port });
      io.out(`Partner Desk is running in web mode. Open ${server.url}`);
      io.err(`Data folder: ${core.dataDir}. Press Ctrl+C to stop.`);
      const stopped = io.untilStopped().then(() => 'stop' as const);
      for (;;) {
        const next = await Promise.race([stopped, new Promise<'restart'>((resolve) => (restartRequested = () => resolve('restart')))]);
        if (next === 'stop') break;
        // Requests wait while the core is built again on the repaired file (the page reloads meanwhile).
        let release = (): void => undefined;
        server.hold(new Promise<void>((resolve) => (release = resolve)));
        try {
          core.close();
          core = await open();
          server.setCore(core);
        } finally {
          release();
        }
        io.err('The database was repaired; Partner Desk started again on it.');
      }
      await server.close();
      return 0;
    } finally {
      core.close();
      await core.log.flush?.();
    }
  },
};
