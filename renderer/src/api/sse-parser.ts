/**
 * A pure parser for `text/event-stream` bodies (the subset the web-mode server sends: `event:`,
 * `data:` and `:` comments). It is fed the text received so far and returns the complete frames plus
 * the unfinished tail to prepend to the next chunk, so it can be tested without a network or a DOM.
 */

export interface SseFrame {
  /** The `event:` field; "message" when the frame names none, as in the EventSource spec. */
  event: string;
  /** The `data:` lines joined with "\n". */
  data: string;
}

export interface SseParseResult {
  frames: SseFrame[];
  /** Text after the last complete frame; pass it back in front of the next chunk. */
  rest: string;
}

export function parseSseBuffer(buffer: string): SseParseResult {
  // A trailing "\r" may be the first half of a "\r\n" split across chunks: keep it for later.
  const pendingCr = buffer.endsWith('\r');
  const text = (pendingCr ? buffer.slice(0, -1) : buffer).replace(/\r\n?/g, '\n');
  const blocks = text.split('\n\n');
  const tail = blocks.pop() ?? '';
  const frames: SseFrame[] = [];
  for (const block of blocks) {
    const frame = parseBlock(block);
    if (frame) frames.push(frame);
  }
  return { frames, rest: pendingCr ? `${tail}\r` : tail };
}

function parseBlock(block: string): SseFrame | null {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue; // ":" lines are keep-alive comments
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value || 'message';
    else if (field === 'data') data.push(value);
    // "id" and "retry" are not used by Partner Desk; unknown fields are ignored per the spec.
  }
  // The spec dispatches nothing for a block without data (e.g. only comments).
  return data.length > 0 ? { event, data: data.join('\n') } : null;
}
