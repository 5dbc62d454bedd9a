/**
 * Web mode's HTTP transport: only the page it served may drive it. Requests without the token, from
 * a foreign Origin or Host, or with input that breaks the contract get 4xx and nothing runs.
 */
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startWebServer, type WebServer } from '../../electron/web/web-server';
import { startTestCore, type CoreFixture } from '../helpers/core-fixture';
import { makeTempDir } from '../helpers/temp-dir';

let fixture: CoreFixture;
let server: WebServer;
let rendererDir: ReturnType<typeof makeTempDir>;

/** Raw HTTP, so tests can send any Host header (fetch does not allow overriding it). */
function raw(options: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: server.port, method: options.method ?? 'GET', path: options.path, headers: options.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const auth = () => ({ Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' });
const call = (name: string, body: unknown, headers: Record<string, string> = auth()) =>
  raw({
    method: 'POST',
    path: `/api/request/${name}`,
    headers: { Host: `127.0.0.1:${server.port}`, ...headers },
    body: JSON.stringify(body),
  });

/** A request's result, following its ticket when the server answered 202 (it took longer than a moment). */
async function settled(answer: { status: number; body: string }): Promise<unknown> {
  let body = JSON.parse(answer.body) as { pending?: string };
  while (body.pending) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const next = await raw({
      path: `/api/result/${body.pending}`,
      headers: { Host: `127.0.0.1:${server.port}`, Authorization: `Bearer ${server.token}` },
    });
    if (next.status !== 202) body = JSON.parse(next.body) as typeof body;
  }
  return body;
}

beforeAll(async () => {
  fixture = await startTestCore();
  rendererDir = makeTempDir('partner-desk-renderer-');
  fs.writeFileSync(path.join(rendererDir.dir, 'index.html'), '<!doctype html><title>Partner Desk</title>');
  fs.mkdirSync(path.join(rendererDir.dir, 'assets'));
  fs.writeFileSync(path.join(rendererDir.dir, 'assets', 'app.js'), 'console.log(1)');
  server = await startWebServer({ core: fixture.core, rendererDir: rendererDir.dir, port: 0 });
});

afterAll(async () => {
  await server.close();
  fixture.dispose();
  rendererDir.cleanup();
});

describe('web mode server', () => {
  it('listens on 127.0.0.1 and prints a URL whose fragment carries a long random token', () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/#token=[0-9a-f]{64}$`));
  });

  it('answers a valid request with the contract result', async () => {
    const res = await call('app.info', {});
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { name: 'Partner Desk', runMode: 'web' } });
  });

  it('refuses a request without the token, or with a wrong one, and runs nothing', async () => {
    const startDemo = vi.spyOn(fixture.core.session, 'startDemo');
    const none = await call('session.startDemo', {}, { 'Content-Type': 'application/json' });
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body)).toMatchObject({
      ok: false,
      error: { code: 'unauthorized', message: expect.stringMatching(/access token/) },
    });
    const wrong = await call('session.startDemo', {}, { Authorization: `Bearer ${'0'.repeat(64)}`, 'Content-Type': 'application/json' });
    expect(wrong.status).toBe(401);
    expect(startDemo).not.toHaveBeenCalled();
    startDemo.mockRestore();
  });

  it('refuses a foreign Origin even with the token', async () => {
    const res = await call('app.info', {}, { ...auth(), Origin: 'http://evil.example' });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body).error.message).toMatch(/evil\.example/);
    const sameHostOtherPort = await call('app.info', {}, { ...auth(), Origin: `http://127.0.0.1:${server.port + 1}` });
    expect(sameHostOtherPort.status).toBe(403);
  });

  it('refuses cross-site fetch metadata', async () => {
    const res = await call('app.info', {}, { ...auth(), 'Sec-Fetch-Site': 'cross-site' });
    expect(res.status).toBe(403);
  });

  it('refuses a foreign Host (DNS rebinding) for the API and for pages', async () => {
    const api = await raw({
      method: 'POST',
      path: '/api/request/app.info',
      headers: { ...auth(), Host: `evil.example:${server.port}` },
      body: '{}',
    });
    expect(api.status).toBe(421);
    const page = await raw({ path: '/', headers: { Host: 'rebind.example' } });
    expect(page.status).toBe(421);
  });

  it('answers 400 with a clear message for input that fails the schema, and runs nothing', async () => {
    const signIn = vi.spyOn(fixture.core.session, 'signIn');
    const res = await call('session.signIn', { method: 'api_key', partnerId: '', apiKey: 'x' });
    expect(res.status).toBe(400);
    const body = JSON.parse(res.body);
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.message).toMatch(/partnerId: Enter your partner id/);
    expect(signIn).not.toHaveBeenCalled();
    signIn.mockRestore();
  });

  it('answers 400 for a body that is not JSON, 415 for a non-JSON content type, 404 for unknown requests', async () => {
    const notJson = await raw({
      method: 'POST',
      path: '/api/request/app.info',
      headers: { ...auth(), Host: `127.0.0.1:${server.port}` },
      body: '{nope',
    });
    expect(notJson.status).toBe(400);
    const form = await raw({
      method: 'POST',
      path: '/api/request/app.info',
      headers: {
        Authorization: `Bearer ${server.token}`,
        'Content-Type': 'application/x-www-form-urlencoded',
        Host: `127.0.0.1:${server.port}`,
      },
      body: 'a=1',
    });
    expect(form.status).toBe(415);
    const unknown = await call('session.dropDatabase', {});
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).error.code).toBe('unknown_request');
  });

  it('serves the renderer with the CSP and never files outside its folder', async () => {
    const page = await raw({ path: '/', headers: { Host: `127.0.0.1:${server.port}` } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(page.headers['content-security-policy']).not.toMatch(/unsafe-eval/);
    const asset = await raw({ path: '/assets/app.js', headers: { Host: `localhost:${server.port}` } });
    expect(asset.status).toBe(200);
    const traversal = await raw({ path: '/..%2f..%2f..%2fetc%2fpasswd', headers: { Host: `127.0.0.1:${server.port}` } });
    expect(traversal.status).toBe(400);
    const missing = await raw({ path: '/assets/missing.js', headers: { Host: `127.0.0.1:${server.port}` } });
    expect(missing.status).toBe(404);
  });

  it('streams core events to the page as server-sent events, only with the token', async () => {
    const refused = await fetch(`${server.origin}/api/events`);
    expect(refused.status).toBe(401);
    await refused.body?.cancel();

    const controller = new AbortController();
    const res = await fetch(`${server.origin}/api/events`, {
      headers: { Authorization: `Bearer ${server.token}` },
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    const demo = call('session.startDemo', {});
    let text = '';
    while (!text.includes('event: session.changed') || !text.includes('"status":"connected"')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    expect(await settled(await demo)).toMatchObject({ ok: true, value: { connection: { status: 'connected' } } });
    expect(text).toMatch(/event: session\.changed\ndata: \{.*"status":"connected"/);
    controller.abort();
  });

  it('answers a request waiting on an unresponsive Hub with a ticket at once, and local requests meanwhile at once', async () => {
    // A Hub that accepts connections and never answers (a captive portal, a dead proxy).
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const hubUrl = `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}/api/v2`;
    try {
      const started = Date.now();
      const signIns = await Promise.all(
        Array.from({ length: 8 }, () =>
          call('session.signIn', { method: 'api_key', partnerId: 'abcPA', apiKey: 'not-a-real-key-0000', hubUrl }),
        ),
      );
      expect(Date.now() - started).toBeLessThan(3_000);
      for (const answer of signIns) {
        expect(answer.status).toBe(202);
        expect(JSON.parse(answer.body)).toEqual({ pending: expect.stringMatching(/^[0-9a-f]{32}$/) });
      }
      // Eight requests wait on the Hub, none holds a connection: local reads answer at once.
      for (let i = 0; i < 10; i += 1) {
        const t = Date.now();
        expect((await call('channels.list', { limit: 5 })).status).toBe(200);
        expect(Date.now() - t).toBeLessThan(1_000);
      }
      const ticket = (JSON.parse(signIns[0]!.body) as { pending: string }).pending;
      const pending = await raw({
        path: `/api/result/${ticket}`,
        headers: { Host: `127.0.0.1:${server.port}`, Authorization: `Bearer ${server.token}` },
      });
      expect(pending.status).toBe(202);
      const foreign = await raw({ path: `/api/result/${ticket}`, headers: { Host: `127.0.0.1:${server.port}` } });
      expect(foreign.status).toBe(401);
      const unknown = await raw({
        path: `/api/result/${'0'.repeat(32)}`,
        headers: { Host: `127.0.0.1:${server.port}`, Authorization: `Bearer ${server.token}` },
      });
      expect(unknown.status).toBe(404);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });
});
