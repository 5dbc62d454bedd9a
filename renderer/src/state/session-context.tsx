/**
 * Hands the session store to the component tree. A context (not a module singleton) so the store
 * is created once in main.tsx around whichever transport `connectApi()` picked.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { SessionStore, SessionStoreState } from './session-store';

const SessionStoreContext = createContext<SessionStore | null>(null);

export function SessionStoreProvider({ store, children }: { store: SessionStore; children: ReactNode }) {
  return <SessionStoreContext.Provider value={store}>{children}</SessionStoreContext.Provider>;
}

/** Reads a slice of the session store; re-renders only when that slice changes. */
export function useSession<T>(selector: (state: SessionStoreState) => T): T {
  const store = useContext(SessionStoreContext);
  if (!store) throw new Error('useSession must be used inside <SessionStoreProvider>.');
  return useStore(store, selector);
}
