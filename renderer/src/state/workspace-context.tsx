/** Hands the active profile's workspace (its stores) to the component tree. */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore, type StoreApi } from 'zustand';
import type { Workspace } from './workspace';

const WorkspaceContext = createContext<Workspace | null>(null);

export function WorkspaceProvider({ workspace, children }: { workspace: Workspace; children: ReactNode }) {
  return <WorkspaceContext.Provider value={workspace}>{children}</WorkspaceContext.Provider>;
}

export function useWorkspace(): Workspace {
  const workspace = useContext(WorkspaceContext);
  if (!workspace) throw new Error('useWorkspace must be used inside <WorkspaceProvider>.');
  return workspace;
}

type StoreName =
  'sync' | 'channels' | 'clients' | 'notifications' | 'details' | 'outbox' | 'onboarding' | 'ui' | 'views' | 'selection' | 'overview';
type StateOf<N extends StoreName> = Workspace[N] extends StoreApi<infer S> ? S : never;

/** Reads a slice of one workspace store; re-renders only when that slice changes. */
export function useWs<N extends StoreName, T>(name: N, selector: (state: StateOf<N>) => T): T {
  const store = useWorkspace()[name] as unknown as StoreApi<StateOf<N>>;
  return useStore<StoreApi<StateOf<N>>, T>(store, selector);
}
