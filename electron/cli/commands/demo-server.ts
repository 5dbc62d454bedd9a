/** `partner-desk demo-server`: the simulated Partner Hub over real HTTP, for tests and trials. */
import type { Command } from '../command';
import { countOption, portOption } from '../options';

export const demoServerCommand: Command = {
  name: 'demo-server',
  summary: 'Serve the simulated 360dialog Partner Hub on 127.0.0.1',
  usage: 'partner-desk demo-server [--port N] [--clients N] [--channels N] [--seed N] [--latency MS] [--replay-listings]',
  help: [
    'Serves a simulated Partner API (/api/v2) and channel API (/waba) with seeded data, and prints its',
    'address. Faults can be switched at run time: PUT /__demo/faults (see README).',
    '',
    '  --port N        port (default 4010; 0 picks a free port)',
    '  --clients N     number of clients (default 120)',
    '  --channels N    number of channels (default 200)',
    '  --seed N        data seed (default 360): same seed, same data',
    '  --latency MS    added delay per request (default 0)',
    '  --replay-listings  render each client/channel listing page once, then replay it (benchmarks:',
    '                  the simulator then costs next to nothing; any change through the API forgets them)',
  ].join('\n'),
  options: {
    port: { type: 'string' },
    clients: { type: 'string' },
    channels: { type: 'string' },
    seed: { type: 'string' },
    latency: { type: 'string' },
    'replay-listings': { type: 'boolean' },
  },
  async run({ values, io }) {
    const port = portOption(values.port, 4010);
    // Loaded here, not with every command: the simulator is most of the CLI's code.
    const { createDemoHub, startDemoHubServer } = await import('@demo-hub');
    const hub = createDemoHub({
      clients: countOption('clients', values.clients, 120),
      channels: countOption('channels', values.channels, 200),
      seed: countOption('seed', values.seed, 360, 2 ** 31),
    });
    const latencyMs = countOption('latency', values.latency, 0, 60_000);
    if (latencyMs > 0) hub.faults.set({ latencyMs });
    const server = await startDemoHubServer(hub, { port, replayListings: values['replay-listings'] === true });
    io.out(server.url);
    io.err(`Simulated Partner Hub: Partner API ${server.url}/api/v2, partner id ${hub.partnerId}, API key ${hub.apiKey}. Ctrl+C stops it.`);
    await io.untilStopped();
    await server.close();
    return 0;
  },
};
