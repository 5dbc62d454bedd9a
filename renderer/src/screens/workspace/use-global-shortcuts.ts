/**
 * Window-wide keys: "/" and Ctrl/Cmd+K focus the page's search, "g" then a letter switches
 * section, "?" opens the shortcut list. Esc is left to the dialogs (native <dialog> behaviour).
 */
import { useEffect } from 'react';
import { PAGE_SEARCH_ID } from '../../components/SearchField';
import type { Section } from '../../state/ui-store';
import { GO_KEYS, isTypingTarget } from './shortcuts';

interface ShortcutActions {
  go(section: Section): void;
  showHelp(): void;
  /** Sections that have a search box; "/" elsewhere goes to the accounts page first. */
  hasSearch(): boolean;
  sections: readonly Section[];
}

function focusSearchSoon(): void {
  // The page may need a render to mount its search box after a section switch.
  let tries = 0;
  const attempt = () => {
    const input = document.getElementById(PAGE_SEARCH_ID);
    if (input instanceof HTMLInputElement) {
      input.focus();
      input.select();
    } else if (tries++ < 10) requestAnimationFrame(attempt);
  };
  attempt();
}

export function useGlobalShortcuts(actions: ShortcutActions): void {
  useEffect(() => {
    let goPending = false;
    let goTimer: ReturnType<typeof setTimeout> | null = null;

    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented) return;
      // Another modal is open: its own keys win (Esc, Tab); only the dialog's content is reachable.
      const modalOpen = document.querySelector('dialog[open]') !== null;
      const key = event.key;
      if ((event.ctrlKey || event.metaKey) && !event.altKey && key.toLowerCase() === 'k') {
        if (modalOpen) return;
        event.preventDefault();
        if (!actions.hasSearch()) actions.go('accounts');
        focusSearchSoon();
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey || modalOpen || isTypingTarget(event.target)) return;

      if (goPending) {
        goPending = false;
        const section = GO_KEYS[key.toLowerCase()];
        if (section && actions.sections.includes(section)) {
          event.preventDefault();
          actions.go(section);
        }
        return;
      }
      if (key === '/') {
        event.preventDefault();
        if (!actions.hasSearch()) actions.go('accounts');
        focusSearchSoon();
      } else if (key === '?') {
        event.preventDefault();
        actions.showHelp();
      } else if (key === 'g' || key === 'G') {
        goPending = true;
        if (goTimer) clearTimeout(goTimer);
        goTimer = setTimeout(() => (goPending = false), 1_500);
      }
    }

    window.addEventListener('keydown', onKeyDown);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      if (goTimer) clearTimeout(goTimer);
    };
  }, [actions]);
}
