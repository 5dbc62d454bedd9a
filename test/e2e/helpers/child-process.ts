/**
 * Runs a `partner-desk` command as a child process, waits for the line on stdout that carries its
 * address, and stops it again. Output is kept so a failing start explains itself.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = fileURLToPath(new URL('../../../bin/partner-desk.mjs', import.meta.url));

export interface RunningCommand {
  process: ChildProcess;
  /** The first match of the pattern on stdout. */
  match: RegExpExecArray;
  output(): string;
  /** Resolves with the first match of the pattern on stderr (e.g. a line printed after the address). */
  waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  stop(): Promise<void>;
}

export async function startCommand(
  args: string[],
  pattern: RegExp,
  timeoutMs = 90_000,
  env: Record<string, string> = {},
): Promise<RunningCommand> {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const output = () => `stdout:\n${stdout}\nstderr:\n${stderr}`;
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));

  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error(`partner-desk ${args[0]} printed no address within ${timeoutMs} ms.\n${output()}`)),
      timeoutMs,
    );
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const found = pattern.exec(stdout);
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    });
    child.once('exit', (code, signal) =>
      fail(new Error(`partner-desk ${args[0]} exited (${code ?? signal}) before printing its address.\n${output()}`)),
    );
    child.once('error', fail);
    function fail(error: Error) {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    }
  });

  async function waitForStderr(stderrPattern: RegExp, waitMs = 10_000): Promise<RegExpExecArray> {
    const started = Date.now();
    for (;;) {
      const found = stderrPattern.exec(stderr);
      if (found) return found;
      if (Date.now() - started > waitMs) throw new Error(`partner-desk ${args[0]} did not print ${stderrPattern}.\n${output()}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  return { process: child, match, output, waitForStderr, stop: () => stopChild(child) };
}

/** SIGTERM, then SIGKILL if the process has not exited within a few seconds. */
export async function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
