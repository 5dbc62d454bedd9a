/**
 * The contract's requests implemented by the core's services. Both transports (Electron IPC and
 * web mode) dispatch to this one object; neither holds business logic of its own.
 */
import type { Handlers } from '../../shared/dispatch';
import type { AppInfo } from '../../shared/contract';
import type { SessionService } from './session/session-service';

export interface HandlerDeps {
  session: SessionService;
  appInfo: () => Promise<AppInfo>;
}

export function createHandlers({ session, appInfo }: HandlerDeps): Handlers {
  return {
    'app.info': () => appInfo(),
    'session.get': () => session.state(),
    'session.signIn': (input) => session.signIn(input),
    'session.startDemo': () => session.startDemo(),
    'session.switchProfile': ({ profileId }) => session.switchProfile(profileId),
    'session.refresh': () => session.refresh(),
    'session.signOut': ({ profileId, keepCache }) => session.signOut(profileId, keepCache),
  };
}
