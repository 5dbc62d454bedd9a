/**
 * A small "copy" button beside a value (a number, an id, an email). Says what it copies to screen
 * readers, and "Copied" for a moment after; where the clipboard is not available (a browser that
 * refuses it), it says so instead of failing silently.
 */
import { useEffect, useState } from 'react';
import { Icon } from './Icon';

export function CopyButton({ value, what }: { value: string; what: string }) {
  const [state, setState] = useState<'idle' | 'done' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2_000);
    return () => clearTimeout(timer);
  }, [state]);

  return (
    <span className="copy">
      <button
        type="button"
        className="icon-btn icon-btn-xs"
        aria-label={`Copy ${what}`}
        title={`Copy ${what}: ${value}`}
        onClick={() => {
          navigator.clipboard.writeText(value).then(
            () => setState('done'),
            () => setState('failed'),
          );
        }}
      >
        <Icon name={state === 'done' ? 'check' : 'copy'} size={13} />
      </button>
      <span className="copy-status" role="status">
        {state === 'done' ? 'Copied' : state === 'failed' ? 'Cannot copy here' : ''}
      </span>
    </span>
  );
}
