/**
 * The contract's requests implemented by the core's services. Both transports (Electron IPC and
 * web mode) dispatch to this one object; neither holds business logic of its own.
 */
import type { Handlers } from '../../shared/dispatch';
import type { AppInfo } from '../../shared/contract';
import type { AccountsService } from './accounts/accounts-service';
import type { InsightsService } from './insights/insights-service';
import type { SessionService } from './session/session-service';

export interface HandlerDeps {
  session: SessionService;
  accounts: AccountsService;
  insights: InsightsService;
  appInfo: () => Promise<AppInfo>;
}

export function createHandlers({ session, accounts, insights, appInfo }: HandlerDeps): Handlers {
  return {
    'app.info': () => appInfo(),
    'session.get': () => session.state(),
    'session.signIn': (input) => session.signIn(input),
    'session.startDemo': () => session.startDemo(),
    'session.switchProfile': ({ profileId }) => session.switchProfile(profileId),
    'session.refresh': () => session.refresh(),
    'session.signOut': ({ profileId, keepCache }) => session.signOut(profileId, keepCache),
    'sync.now': () => accounts.syncNow(),
    'sync.status': () => accounts.syncStatus(),
    'channels.list': (query) => accounts.listChannels(query),
    'channels.get': ({ id }) => accounts.channelDetails(id),
    'clients.list': (query) => accounts.listClients(query),
    'clients.get': ({ id }) => accounts.client(id),
    'clients.balance': ({ id, refresh }) => insights.balance(id, refresh),
    'channels.templates': ({ id, refresh }) => insights.templates(id, refresh),
    'notifications.list': (input) => accounts.notifications(input),
    'notifications.markRead': ({ ids }) => accounts.markNotificationsRead(ids),
  };
}
