/**
 * The record exactly as the Partner API sent it, for support cases: pretty-printed, coloured,
 * selectable, with "Copy JSON". Tokens are text nodes, never HTML.
 */
import { useMemo, useState } from 'react';
import { Icon } from '../../components/Icon';
import { tokenizeJson } from './json-tokens';

export function RawJsonViewer({ raw, label }: { raw: unknown; label: string }) {
  const text = useMemo(() => JSON.stringify(raw, null, 2) ?? 'null', [raw]);
  const tokens = useMemo(() => tokenizeJson(text), [text]);
  const [copied, setCopied] = useState<'idle' | 'done' | 'failed'>('idle');

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('done');
    } catch {
      setCopied('failed');
    }
  }

  return (
    <div className="json-viewer">
      <div className="json-toolbar">
        <span className="muted">{label}</span>
        <button type="button" className="btn btn-sm" onClick={() => void copy()}>
          <Icon name={copied === 'done' ? 'check' : 'copy'} />
          {copied === 'done' ? 'Copied' : 'Copy JSON'}
        </button>
        <span className="visually-hidden" role="status">
          {copied === 'done'
            ? 'JSON copied to the clipboard'
            : copied === 'failed'
              ? 'The clipboard is not available here; select the text instead.'
              : ''}
        </span>
      </div>
      <pre className="json" tabIndex={0} aria-label={label}>
        {tokens.map((token, index) =>
          token.kind === 'punct' ? (
            token.text
          ) : (
            <span key={index} className={`json-${token.kind}`}>
              {token.text}
            </span>
          ),
        )}
      </pre>
    </div>
  );
}
