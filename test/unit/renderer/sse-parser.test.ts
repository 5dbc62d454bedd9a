import { describe, expect, it } from 'vitest';
import { parseSseBuffer } from '../../../renderer/src/api/sse-parser';

describe('parseSseBuffer', () => {
  it('parses a complete frame with an event name and JSON data', () => {
    const { frames, rest } = parseSseBuffer('event: session.changed\ndata: {"a":1}\n\n');
    expect(frames).toEqual([{ event: 'session.changed', data: '{"a":1}' }]);
    expect(rest).toBe('');
  });

  it('keeps an unfinished frame as the rest and completes it with the next chunk', () => {
    const first = parseSseBuffer('event: session.changed\ndata: {"a"');
    expect(first.frames).toEqual([]);
    const second = parseSseBuffer(`${first.rest}:1}\n\nevent: x\n`);
    expect(second.frames).toEqual([{ event: 'session.changed', data: '{"a":1}' }]);
    expect(second.rest).toBe('event: x\n');
  });

  it('ignores comment lines such as keep-alive pings, and comment-only blocks', () => {
    const { frames } = parseSseBuffer(': connected\n\n: ping\n\nevent: e\n: inside\ndata: 1\n\n');
    expect(frames).toEqual([{ event: 'e', data: '1' }]);
  });

  it('joins multiple data lines with newlines and defaults the event name to "message"', () => {
    const { frames } = parseSseBuffer('data: one\ndata: two\n\n');
    expect(frames).toEqual([{ event: 'message', data: 'one\ntwo' }]);
  });

  it('accepts CRLF and CR line endings, including a CRLF split across chunks', () => {
    expect(parseSseBuffer('event: a\r\ndata: 1\r\n\r\n').frames).toEqual([{ event: 'a', data: '1' }]);
    // A final "\r" might be half of "\r\n", so a CR-only frame completes once more text arrives.
    expect(parseSseBuffer('event: b\rdata: 2\r\r').frames).toEqual([]);
    expect(parseSseBuffer('event: b\rdata: 2\r\r: ping').frames).toEqual([{ event: 'b', data: '2' }]);
    const first = parseSseBuffer('event: c\r\ndata: 3\r\n\r');
    expect(first.frames).toEqual([]);
    expect(parseSseBuffer(`${first.rest}\n`).frames).toEqual([{ event: 'c', data: '3' }]);
  });

  it('strips only one leading space from a value and handles fields without a colon', () => {
    const { frames } = parseSseBuffer('event:e\ndata:  two spaces\ndata\n\n');
    expect(frames).toEqual([{ event: 'e', data: ' two spaces\n' }]);
  });

  it('parses several frames from one chunk in order', () => {
    const { frames, rest } = parseSseBuffer('event: a\ndata: 1\n\nevent: b\ndata: 2\n\nevent: c');
    expect(frames.map((f) => f.event)).toEqual(['a', 'b']);
    expect(rest).toBe('event: c');
  });
});
