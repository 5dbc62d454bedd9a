import { describe, expect, it } from 'vitest';
import { createWebTransport, OFFLINE_MESSAGE, TOKEN_REFUSED_MESSAGE } from '../../../renderer/src/api/web-transport';
import { appInfo, demoSession, jsonResponse, signedOut, streamResponse, TOKEN, waitFor } from './fixtures';

type Call = { url: string; init: RequestInit | undefined };

function fakeFetch(answer: (url: string, init: RequestInit | undefined) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, init });
    return answer(url, init);
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

describe('web transport requests', () => {
  it('fetches the result of a request the server answered with a ticket, as soon as the stream says it is ready', async () => {
    const ticket = 'a'.repeat(32);
    let ready = false;
    let push: ((chunk: string) => void) | null = null;
    const { fetch, calls } = fakeFetch((url) => {
      if (url.endsWith('/api/events')) {
        const encoder = new TextEncoder();
        const body = new ReadableStream<Uint8Array>({
          start: (controller) => void (push = (chunk) => controller.enqueue(encoder.encode(chunk))),
        });
        return new Response(body, { headers: { 'Content-Type': 'text/event-stream' } });
      }
      if (url.endsWith('/api/request/session.refresh')) return jsonResponse({ pending: ticket }, 202);
      if (url.endsWith(`/api/result/${ticket}`))
        return ready ? jsonResponse({ ok: true, value: demoSession }) : jsonResponse({ pending: ticket }, 202);
      return jsonResponse({ ok: false, error: { code: 'internal', message: 'unexpected' } }, 500);
    });
    const api = createWebTransport({ token: TOKEN, fetch });
    const off = api.on('session.changed', () => undefined);
    await waitFor(() => push !== null);
    const answer = api.request('session.refresh', {});
    await new Promise((resolve) => setTimeout(resolve, 20));
    ready = true;
    const before = calls.filter((c) => c.url.includes('/api/result/')).length;
    push!(`event: pd:settled\ndata: {"ticket":"${ticket}"}\n\n`);
    await expect(answer).resolves.toEqual({ ok: true, value: demoSession });
    // Fetched at the stream's word, well before the first poll (500 ms) would have.
    expect(calls.filter((c) => c.url.includes('/api/result/')).length).toBe(before + 1);
    expect(calls.find((c) => c.url.endsWith(`/api/result/${ticket}`))?.init?.headers).toMatchObject({ Authorization: `Bearer ${TOKEN}` });
    off();
  });

  it("polls for a ticket's result when no event stream is open, and passes an unknown ticket's error on", async () => {
    const ticket = 'b'.repeat(32);
    let polls = 0;
    const { fetch } = fakeFetch((url) => {
      if (url.endsWith('/api/request/sync.now')) return jsonResponse({ pending: ticket }, 202);
      polls += 1;
      return polls < 2
        ? jsonResponse({ pending: ticket }, 202)
        : jsonResponse({ ok: false, error: { code: 'not_found', message: 'That request is unknown here.' } }, 404);
    });
    const api = createWebTransport({ token: TOKEN, fetch });
    await expect(api.request('sync.now', {})).resolves.toEqual({
      ok: false,
      error: { code: 'not_found', message: 'That request is unknown here.' },
    });
    expect(polls).toBe(2);
  });

  it('POSTs JSON with the bearer token and returns the Result body', async () => {
    const { fetch, calls } = fakeFetch(() => jsonResponse({ ok: true, value: appInfo }));
    const api = createWebTransport({ token: TOKEN, fetch });
    await expect(api.request('app.info', {})).resolves.toEqual({ ok: true, value: appInfo });
    expect(calls[0]?.url).toBe('/api/request/app.info');
    expect(calls[0]?.init?.method).toBe('POST');
    expect(calls[0]?.init?.headers).toMatchObject({ Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' });
    expect(calls[0]?.init?.body).toBe('{}');
  });

  it('passes error Results through on 4xx', async () => {
    const error = { code: 'invalid_input', message: 'partnerId: Enter your partner id.' };
    const { fetch } = fakeFetch(() => jsonResponse({ ok: false, error }, 400));
    const api = createWebTransport({ token: TOKEN, fetch });
    await expect(api.request('session.signIn', { method: 'api_key', partnerId: '', apiKey: '' })).resolves.toEqual({ ok: false, error });
  });

  it('turns a network failure or a non-JSON answer into "offline"', async () => {
    const offline = { ok: false, error: { code: 'offline', message: OFFLINE_MESSAGE } };
    const down = createWebTransport({ token: TOKEN, fetch: fakeFetch(() => Promise.reject(new TypeError('fetch failed'))).fetch });
    await expect(down.request('session.get', {})).resolves.toEqual(offline);
    const html = createWebTransport({ token: TOKEN, fetch: fakeFetch(() => new Response('<html>', { status: 502 })).fetch });
    await expect(html.request('session.get', {})).resolves.toEqual(offline);
  });

  it('reports a JSON answer that is not a Result as a bad response', async () => {
    const api = createWebTransport({ token: TOKEN, fetch: fakeFetch(() => jsonResponse({ hello: 'world' })).fetch });
    const result = await api.request('session.get', {});
    expect(result.ok === false && result.error.code).toBe('bad_response');
  });

  it('tells the app when the server refuses the token', async () => {
    let refused = 0;
    const { fetch } = fakeFetch(() => jsonResponse({ ok: false, error: { code: 'unauthorized', message: 'no token' } }, 401));
    const api = createWebTransport({ token: TOKEN, fetch, onTokenRefused: () => refused++ });
    await expect(api.request('app.info', {})).resolves.toEqual({
      ok: false,
      error: { code: 'unauthorized', message: TOKEN_REFUSED_MESSAGE },
    });
    expect(refused).toBe(1);
  });
});

describe('web transport events', () => {
  it('opens one stream lazily, dispatches frames, and re-reads the session once it is open', async () => {
    const changed = { ...demoSession };
    const { fetch, calls } = fakeFetch((url) =>
      url === '/api/events'
        ? streamResponse([': connected\n\n', `event: session.changed\ndata: ${JSON.stringify(changed)}\n\n`], { keepOpen: true })
        : jsonResponse({ ok: true, value: signedOut }),
    );
    const api = createWebTransport({ token: TOKEN, fetch });
    expect(calls).toHaveLength(0);
    const seen: unknown[] = [];
    const off = api.on('session.changed', (payload) => seen.push(payload));
    api.on('session.changed', () => undefined);
    await waitFor(() => seen.length === 2);
    expect(calls.filter((c) => c.url === '/api/events')).toHaveLength(1);
    expect(calls[0]?.init?.headers).toMatchObject({ Authorization: `Bearer ${TOKEN}` });
    expect(seen).toContainEqual(changed);
    expect(seen).toContainEqual(signedOut); // the re-read of session.get
    off();
  });

  it('reconnects after the stream ends', async () => {
    let opened = 0;
    const { fetch } = fakeFetch((url) => {
      if (url !== '/api/events') return jsonResponse({ ok: true, value: signedOut });
      opened++;
      return streamResponse([`event: session.changed\ndata: ${JSON.stringify(demoSession)}\n\n`], { keepOpen: opened > 1 });
    });
    const api = createWebTransport({ token: TOKEN, fetch });
    const off = api.on('session.changed', () => undefined);
    await waitFor(() => opened === 2, 4_000);
    off();
  });
});
