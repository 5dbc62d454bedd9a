/**
 * The CLI as a script runs it, against a simulated Hub this test process serves over HTTP: each
 * command is an async child process (so the Hub keeps answering), with a data folder of its own,
 * and every line it prints is kept for the secrets scans. `stop()` forgets the profile (its key
 * leaves the keychain), closes the Hub and removes the folders.
 */
import { createDemoHub, startDemoHubServer, type DemoHub, type DemoHubOptions, type DemoHubServer } from '@demo-hub';
import { runCliAsync, type CliResult } from './spawn-cli';
import { makeTempDir } from './temp-dir';

export interface CliAgainstHub {
  hub: DemoHub;
  server: DemoHubServer;
  /** The data folder (`--data-dir`). */
  dataDir: string;
  /** Where the commands run (their relative paths, e.g. an export's file, land here). */
  workDir: string;
  /** Everything every command printed, stdout and stderr. */
  outputs: string[];
  /** `partner-desk --data-dir … --hub-url … <args>`, with `input` on stdin. */
  cli(args: string[], input?: string, env?: NodeJS.ProcessEnv): Promise<CliResult>;
  /** The same without the data folder and Hub options, for tests of those options. */
  bare(args: string[], env?: NodeJS.ProcessEnv): Promise<CliResult>;
  /** Signs in with the Hub's partner key and runs a first sync; fails the test if either fails. */
  signInAndSync(): Promise<void>;
  /** Runs `during` while nothing listens on the Hub's port (a train: connection refused), then serves it again there. */
  whileUnreachable<T>(during: () => Promise<T>): Promise<T>;
  stop(): Promise<void>;
}

export async function startCliAgainstHub(options: DemoHubOptions, defaults: { env?: NodeJS.ProcessEnv } = {}): Promise<CliAgainstHub> {
  const hub = createDemoHub(options);
  const data = makeTempDir();
  const work = makeTempDir();
  const outputs: string[] = [];
  const run = async (args: string[], input: string, env: NodeJS.ProcessEnv): Promise<CliResult> => {
    const result = await runCliAsync(args, { input, cwd: work.dir, env: { ...defaults.env, ...env } });
    outputs.push(result.stdout, result.stderr);
    return result;
  };
  let server = await startDemoHubServer(hub, { port: 0 });
  const harness: CliAgainstHub = {
    hub,
    get server() {
      return server;
    },
    dataDir: data.dir,
    workDir: work.dir,
    outputs,
    cli: (args, input = '', env = {}) => run(['--data-dir', data.dir, '--hub-url', `${server.url}/api/v2`, ...args], input, env),
    bare: (args, env = {}) => run(['--data-dir', data.dir, ...args], '', env),
    async signInAndSync() {
      const login = await harness.cli(['login', '--partner-id', hub.partnerId, '--api-key-stdin'], hub.apiKey);
      if (login.status !== 0) throw new Error(`login failed (exit ${login.status}): ${login.stderr}`);
      const sync = await harness.cli(['sync']);
      if (sync.status !== 0) throw new Error(`sync failed (exit ${sync.status}): ${sync.stderr}`);
    },
    async whileUnreachable(during) {
      const { port } = server;
      await server.close();
      try {
        return await during();
      } finally {
        server = await startDemoHubServer(hub, { port });
      }
    },
    async stop() {
      await harness.cli(['logout', '--forget']).catch(() => undefined);
      await server.close();
      data.cleanup();
      work.cleanup();
    },
  };
  return harness;
}
