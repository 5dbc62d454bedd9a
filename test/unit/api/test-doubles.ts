/** Test doubles for the API layer: a clock stepped by hand (with a sleep that advances it) and a scripted fetch. */
import type { Sleep } from '@core/api/retry';

export interface FakeClock {
  now: () => number;
  advance(ms: number): void;
  /** Every sleep asked for, in ms, in order. */
  sleeps: number[];
  sleep: Sleep;
}

export function fakeClock(start = Date.UTC(2025, 0, 15, 12, 0, 0)): FakeClock {
  let t = start;
  const sleeps: number[] = [];
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
    sleeps,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      t += ms;
      await Promise.resolve();
    },
  };
}

/** A fetch answering from a function, recording each request. */
export interface FakeCall {
  method: string;
  url: URL;
  headers: Headers;
  body: string | null;
}

export function fakeFetch(answer: (call: FakeCall, index: number) => Response | Promise<Response>): {
  fetch: typeof fetch;
  calls: FakeCall[];
} {
  const calls: FakeCall[] = [];
  const impl = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const call: FakeCall = {
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      body: init?.body == null ? null : String(init.body),
    };
    calls.push(call);
    return answer(call, calls.length - 1);
  };
  return { fetch: impl as typeof fetch, calls };
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}
