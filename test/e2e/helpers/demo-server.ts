/** Starts `partner-desk demo-server --port 0`: a simulated Partner Hub over real HTTP. */
import { startCommand } from './child-process';

export interface DemoServer {
  origin: string;
  /** The Partner API base URL to enter as "Hub URL". */
  hubUrl: string;
  /** The simulated partner's id and working API key, as the server prints them. */
  partnerId: string;
  apiKey: string;
  stop(): Promise<void>;
}

export async function startDemoServer(): Promise<DemoServer> {
  const running = await startCommand(['demo-server', '--port', '0', '--clients', '5', '--channels', '5'], /(http:\/\/127\.0\.0\.1:\d+)/);
  const origin = running.match[1] ?? '';
  const [, partnerId = '', apiKey = ''] = await running.waitForStderr(/partner id (\S+), API key (\S+?)\.\s/);
  return { origin, hubUrl: `${origin}/api/v2`, partnerId, apiKey, stop: running.stop };
}
