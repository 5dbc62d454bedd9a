/**
 * Moves focus to a screen's heading when the screen replaces another (e.g. after signing in), so
 * keyboard and screen-reader users start at the top of the new content instead of on <body>. The
 * very first screen leaves focus alone, so Tab starts at the first control as usual.
 */
import { useEffect, useRef } from 'react';

// The first heading that asked; compared by element so React StrictMode's repeated effect on the
// same element does not count as a second screen.
let firstHeading: HTMLElement | null = null;

/** Focuses `heading` if it belongs to a screen that replaced another and focus was lost with it. */
export function focusNewScreen(heading: HTMLElement | null): void {
  if (!heading) return;
  if (firstHeading === null) firstHeading = heading;
  // Only when focus was lost with the old screen: a control of the new screen may have claimed it.
  else if (firstHeading !== heading && (!document.activeElement || document.activeElement === document.body)) heading.focus();
}

export function useScreenFocus<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => focusNewScreen(ref.current), []);
  return ref;
}
