/**
 * Web mode's server against hostile local clients, over real sockets on 127.0.0.1: a 413 on a
 * keep-alive connection leaves the next requests working, unauthenticated clients trickling a body
 * are closed within seconds, slow headers are cut, and a cap on connections holds while the page
 * (with its token) still gets answers.
 */
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startWebServer, type WebServer } from '../../electron/web/web-server';
import { startTestCore, type CoreFixture } from '../helpers/core-fixture';
import { makeTempDir } from '../helpers/temp-dir';

let fixture: CoreFixture;
let server: WebServer;
let rendererDir: ReturnType<typeof makeTempDir>;
const sockets: net.Socket[] = [];

beforeAll(async () => {
  fixture = await startTestCore();
  rendererDir = makeTempDir('partner-desk-renderer-');
  fs.writeFileSync(path.join(rendererDir.dir, 'index.html'), '<!doctype html><title>Partner Desk</title>');
  server = await startWebServer({ core: fixture.core, rendererDir: rendererDir.dir, port: 0, maxBodyBytes: 10_000, maxConnections: 64 });
});

afterEach(() => {
  for (const socket of sockets.splice(0)) socket.destroy();
});

afterAll(async () => {
  await server.close();
  fixture.dispose();
  rendererDir.cleanup();
});

function post(
  agent: http.Agent,
  name: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        method: 'POST',
        path: `/api/request/${name}`,
        agent,
        headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json', ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A raw client: sends the headers of a POST without a token, then one byte of its body now and then. */
function slowBody(): { socket: net.Socket; closed: Promise<number> } {
  const socket = net.connect(server.port, '127.0.0.1');
  sockets.push(socket);
  const opened = Date.now();
  socket.on('error', () => undefined);
  socket.on('data', () => undefined);
  socket.write(
    `POST /api/request/app.info HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n`,
  );
  const trickle = setInterval(() => {
    if (!socket.destroyed) socket.write('{');
  }, 500);
  const closed = new Promise<number>((resolve) =>
    socket.on('close', () => {
      clearInterval(trickle);
      resolve(Date.now() - opened);
    }),
  );
  return { socket, closed };
}

describe('web mode under hostile clients', () => {
  it('answers a 413 with Connection: close, and the next two requests on the same keep-alive agent succeed', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      expect((await post(agent, 'app.info', '{}')).status).toBe(200);
      const big = await post(agent, 'app.info', JSON.stringify({ pad: 'x'.repeat(50_000) }));
      expect(big.status).toBe(413);
      expect(JSON.parse(big.body)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', message: expect.stringMatching(/larger than 10000 bytes/) },
      });
      const next = await post(agent, 'app.info', '{}');
      const afterNext = await post(agent, 'session.get', '{}');
      expect(next.status).toBe(200);
      expect(afterNext.status).toBe(200);
      expect(JSON.parse(afterNext.body)).toMatchObject({ ok: true });
    } finally {
      agent.destroy();
    }
  }, 30_000);

  it('a body larger than declared is cut off the same way when it has no Content-Length (chunked)', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const big = await post(agent, 'app.info', JSON.stringify({ pad: 'y'.repeat(50_000) }), { 'Transfer-Encoding': 'chunked' });
      expect(big.status).toBe(413);
      expect((await post(agent, 'app.info', '{}')).status).toBe(200);
      expect((await post(agent, 'app.info', '{}')).status).toBe(200);
    } finally {
      agent.destroy();
    }
  }, 30_000);

  it('closes 100 unauthenticated sockets that trickle a body within 10 s, each after its 401', async () => {
    const clients = Array.from({ length: 100 }, () => slowBody());
    const answers = await Promise.all(
      clients.map(
        ({ socket }) =>
          new Promise<string>((resolve) => {
            let text = '';
            socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
            socket.on('close', () => resolve(text));
          }),
      ),
    );
    const durations = await Promise.all(clients.map((c) => c.closed));
    expect(Math.max(...durations)).toBeLessThan(10_000);
    // Each got an answer before being closed (the ones pushed out by the cap, if any, got none).
    const answered = answers.filter((text) => text.startsWith('HTTP/1.1 401'));
    expect(answered.length).toBeGreaterThan(30);
    for (const text of answered) expect(text).toMatch(/connection: close/i);
  }, 30_000);

  it('cuts a connection whose headers never finish within a few seconds', async () => {
    const socket = net.connect(server.port, '127.0.0.1');
    sockets.push(socket);
    socket.on('error', () => undefined);
    const opened = Date.now();
    socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n`);
    const trickle = setInterval(() => !socket.destroyed && socket.write('X-Slow: 1\r\n'), 500);
    await new Promise((resolve) => socket.on('close', resolve));
    clearInterval(trickle);
    expect(Date.now() - opened).toBeLessThan(9_000);
  }, 20_000);

  it('holds the connection cap against 200 idle and slow strangers while the page still gets answers', async () => {
    let closedStrangers = 0;
    for (let i = 0; i < 200; i += 1) {
      const socket = net.connect(server.port, '127.0.0.1');
      socket.on('error', () => undefined);
      socket.on('close', () => (closedStrangers += 1));
      sockets.push(socket);
      // Half send half a request line and stall, half send nothing at all.
      if (i % 2 === 0) socket.write('POST /api/request/app.info HTTP/1.1\r\n');
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(server.connectionCount()).toBeLessThanOrEqual(64);
    expect(closedStrangers).toBeGreaterThanOrEqual(200 - 64);
    const stillServed = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const agent = new http.Agent({ keepAlive: false });
        try {
          return (await post(agent, 'app.info', '{}')).status;
        } finally {
          agent.destroy();
        }
      }),
    );
    expect(stillServed).toEqual([200, 200, 200, 200, 200]);
    expect(server.connectionCount()).toBeLessThanOrEqual(64);
  }, 30_000);
});
