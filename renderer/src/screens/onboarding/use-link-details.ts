/**
 * One permission link with what came back, re-read whenever something it shows may have moved: a
 * redirect or a sync answered it (onboarding.changed), a sync brought its channels, the outbox queued
 * or finished their keys.
 */
import { useEffect, useState } from 'react';
import type { ErrorInfo } from '@shared/errors';
import type { PermissionLinkDetails } from '@shared/onboarding';
import { useWorkspace, useWs } from '../../state/workspace-context';

export function useLinkDetails(
  id: string | null,
  initial: PermissionLinkDetails | null = null,
): { details: PermissionLinkDetails | null; error: ErrorInfo | null } {
  const { api } = useWorkspace();
  const version = useWs('onboarding', (s) => s.version);
  const synced = useWs('sync', (s) => s.status?.lastSucceededAt ?? null);
  const outbox = useWs('outbox', (s) => s.status);
  const [details, setDetails] = useState<PermissionLinkDetails | null>(initial);
  const [error, setError] = useState<ErrorInfo | null>(null);
  useEffect(() => {
    if (!id) return;
    let live = true;
    void api.request('onboarding.link', { id }).then((result) => {
      if (!live) return;
      if (result.ok) {
        setDetails(result.value);
        setError(null);
      } else setError(result.error);
    });
    return () => {
      live = false;
    };
  }, [api, id, version, synced, outbox]);
  return { details, error };
}
