/**
 * What the benchmarks share: the simulated Hub in a process of its own (as the real one is elsewhere,
 * so its work never counts as ours), and the measure of how long this thread was blocked while a
 * piece of work ran (its longest block, beside the total time: responsiveness, not only speed).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';

// The benchmarks run bundled from out/bench/, so not import.meta.url: `npm run bench` runs them from the repository.
const root = process.cwd();

export interface HubProcess {
  url: string;
  apiKey: string;
  partnerId: string;
  stop(): void;
}

/** `partner-desk demo-server` with listing pages rendered once and replayed: the Hub then costs next to nothing. */
export async function startHubProcess(options: { clients: number; channels: number; latencyMs?: number }): Promise<HubProcess> {
  const args = ['demo-server', '--port', '0', '--clients', `${options.clients}`, '--channels', `${options.channels}`, '--replay-listings'];
  if (options.latencyMs !== undefined) args.push('--latency', `${options.latencyMs}`);
  const child = spawn(process.execPath, [path.join(root, 'bin/partner-desk.mjs'), ...args], { cwd: root });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  for (let i = 0; i < 600 && !/API key (\S+?)\./.test(err); i += 1) await new Promise((r) => setTimeout(r, 100));
  const url = /http:\/\/127\.0\.0\.1:\d+/.exec(out)?.[0];
  const apiKey = /API key (\S+?)\./.exec(err)?.[1];
  const partnerId = /partner id (\S+?),/.exec(err)?.[1];
  if (!url || !apiKey || !partnerId) {
    child.kill('SIGTERM');
    throw new Error(`demo-server did not start: ${out} ${err}`);
  }
  return { url, apiKey, partnerId, stop: () => child.kill('SIGTERM') };
}

export interface Watched<T> {
  value: T;
  /** How long the work took, ms. */
  took: number;
  /** The largest gap between two ticks of the timer: this thread's longest block, ms. */
  longestGap: number;
  /** The event loop's delay, p99 and max, ms. */
  p99: number;
  max: number;
}

/**
 * Runs `work` while a timer ticks every `intervalMs` on this thread; a synchronous `work` blocks it for
 * its whole duration, which the longest gap then shows. Waits `tailMs` after it so a block at its very
 * end is seen too.
 */
export async function watchMainThread<T>(work: () => Promise<T> | T, intervalMs = 10, tailMs = 0): Promise<Watched<T>> {
  const delay = monitorEventLoopDelay({ resolution: intervalMs });
  delay.enable();
  let longestGap = 0;
  let last = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    longestGap = Math.max(longestGap, now - last);
    last = now;
  }, intervalMs);
  const started = performance.now();
  try {
    const value = await work();
    const took = performance.now() - started;
    if (tailMs > 0) await new Promise((resolve) => setTimeout(resolve, tailMs));
    longestGap = Math.max(longestGap, performance.now() - last);
    return { value, took, longestGap, p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 };
  } finally {
    delay.disable();
    clearInterval(ticker);
  }
}
