/**
 * After switching section, focus moves to the new page's heading, so keyboard and screen-reader
 * users start at its top. Not on the first render: then Tab starts at the first control.
 */
import { useEffect, useRef } from 'react';
import type { Section } from '../../state/ui-store';

export function useSectionFocus(section: Section): void {
  const previous = useRef(section);
  useEffect(() => {
    if (previous.current === section) return;
    previous.current = section;
    const active = document.activeElement;
    // A shortcut or app command may have moved focus on purpose (e.g. "/" into the search box).
    if (active instanceof HTMLInputElement) return;
    document.getElementById('page-title')?.focus();
  }, [section]);
}
