/**
 * Builds the CLI bundle (out/cli) once before the suite when it is missing or older than its sources.
 * Otherwise the first `partner-desk` a test spawns builds it and says so on stderr, and test files
 * running in parallel race to be that first one: a test that checks stderr line by line then fails
 * depending on which file started first.
 */
import { spawnSync } from 'node:child_process';
import { CLI, ROOT } from './spawn-cli';

export default function setup(): void {
  const run = spawnSync(process.execPath, [CLI, '--help'], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
  if (run.status !== 0) throw new Error(`partner-desk --help failed before the tests (exit ${run.status}): ${run.stderr}`);
}
