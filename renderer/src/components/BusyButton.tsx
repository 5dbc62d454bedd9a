/**
 * A button with a busy state. It stays focusable while busy (aria-disabled instead of disabled), so
 * a keyboard user who pressed Enter keeps their place; clicks are ignored meanwhile.
 */
import type { ButtonHTMLAttributes, MouseEvent, ReactNode } from 'react';

interface BusyButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'disabled'> {
  busy: boolean;
  /** Shown instead of the label while busy. */
  busyLabel: ReactNode;
  /** Blocks the button without a spinner (another action is running). */
  blocked?: boolean;
}

export function BusyButton({ busy, busyLabel, blocked = false, children, onClick, className, type = 'button', ...rest }: BusyButtonProps) {
  const inactive = busy || blocked;
  function handleClick(event: MouseEvent<HTMLButtonElement>) {
    if (inactive) {
      event.preventDefault();
      return;
    }
    onClick?.(event);
  }
  return (
    <button
      {...rest}
      type={type}
      className={className}
      aria-disabled={inactive || undefined}
      aria-busy={busy || undefined}
      onClick={handleClick}
    >
      {busy && <span className="spinner" aria-hidden="true" />}
      {busy ? busyLabel : children}
    </button>
  );
}
