/**
 * The hub's answers and the three error shapes the reference documents (§7, §1.2, §3.11): the
 * Partner API `meta` envelope, OAuth-style `/token` errors, and the Messaging API envelope.
 * Handlers build plain replies; only the edge turns them into WHATWG Responses.
 */

export interface HubReply {
  status: number;
  body: string;
  headers: Record<string, string>;
}

const JSON_TYPE = 'application/json';

export function rawJson(status: number, body: string, headers: Record<string, string> = {}): HubReply {
  return { status, body, headers: { 'content-type': JSON_TYPE, ...headers } };
}

export function json(status: number, value: unknown, headers: Record<string, string> = {}): HubReply {
  return rawJson(status, JSON.stringify(value), headers);
}

export function metaError(status: number, message: string, headers: Record<string, string> = {}): HubReply {
  return json(status, { meta: { success: false, http_code: status, developer_message: message } }, headers);
}

export function oauthError(status: number, error: string, description: string): HubReply {
  return json(status, { error, error_description: description });
}

export function messagingError(status: number, message: string): HubReply {
  return json(status, {
    meta: { api_status: 'stable', version: '2.48.1', success: false, http_code: status, developer_message: message },
    errors: [{ code: status, title: status === 401 ? 'Unauthorized' : 'Error', details: message }],
  });
}

export function tooManyRequests(retryAfterSeconds: number, message: string): HubReply {
  return metaError(429, message, { 'retry-after': String(retryAfterSeconds) });
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** What a proxy in front of the Hub sends when the backend falls over: HTML, not JSON. */
export function htmlError(status: number): HubReply {
  const text = STATUS_TEXT[status] ?? 'Server Error';
  return {
    status,
    body: `<html>\r\n<head><title>${status} ${text}</title></head>\r\n<body>\r\n<center><h1>${status} ${text}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
    headers: { 'content-type': 'text/html' },
  };
}

/** Cuts a JSON body short so JSON.parse fails, as a dropped proxy connection would. */
export function truncated(reply: HubReply): HubReply {
  const cut = Math.max(1, Math.floor(reply.body.length / 2));
  const body = reply.body.length > 1 ? reply.body.slice(0, cut) : '{"';
  return { status: 200, body, headers: { ...reply.headers, 'content-type': JSON_TYPE } };
}

export function toResponse(reply: HubReply): Response {
  const noBody = reply.status === 204 || reply.status === 304;
  return new Response(noBody ? null : reply.body, { status: reply.status, headers: reply.headers });
}
