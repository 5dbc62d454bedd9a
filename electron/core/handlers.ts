/**
 * The contract's requests implemented by the core's services. Both transports (Electron IPC and
 * web mode) dispatch to this one object; neither holds business logic of its own.
 */
import type { Handlers } from '@shared/dispatch';
import type { AppInfo } from '@shared/contract';
import type { RepairResult, StoreStatus } from '@shared/store';
import type { AccountsService } from './accounts/accounts-service';
import type { WorkspaceService } from './accounts/workspace-service';
import type { AppShell } from './app-shell';
import type { ChannelExporter } from './export/channel-exporter';
import type { InsightsService } from './insights/insights-service';
import type { OutboxService } from './outbox';
import type { OnboardingService } from './onboarding/onboarding-service';
import type { PartnerSettingsService } from './onboarding/partner-settings';
import type { SessionService } from './session/session-service';

export interface HandlerDeps {
  session: SessionService;
  accounts: AccountsService;
  insights: InsightsService;
  exporter: ChannelExporter;
  outbox: OutboxService;
  partnerSettings: PartnerSettingsService;
  onboarding: OnboardingService;
  workspace: WorkspaceService;
  appInfo: () => Promise<AppInfo>;
  /** Updates and the data folder: Electron's main process, or headless. */
  shell: AppShell;
  /** The local database's health and its repair. */
  store: { status(): StoreStatus; repair(): Promise<RepairResult> };
}

export function createHandlers({
  session,
  accounts,
  insights,
  exporter,
  outbox,
  partnerSettings,
  onboarding,
  workspace,
  appInfo,
  shell,
  store,
}: HandlerDeps): Handlers {
  return {
    'app.info': () => appInfo(),
    'app.updateStatus': () => shell.updateState(),
    'app.checkForUpdates': () => shell.checkForUpdates(),
    'app.installUpdate': () => shell.installUpdate(),
    'app.revealDataFolder': async () => ({ revealed: await shell.revealDataFolder() }),
    'session.get': () => session.state(),
    'session.signIn': (input) => session.signIn(input),
    'session.startDemo': () => session.startDemo(),
    'session.switchProfile': ({ profileId }) => session.switchProfile(profileId),
    'session.refresh': () => session.refresh(),
    'session.signOut': ({ profileId, keepCache }) => session.signOut(profileId, keepCache),
    'session.networkChanged': ({ online }) => session.networkChanged(online),
    'sync.now': () => accounts.syncNow(),
    'sync.status': () => accounts.syncStatus(),
    'channels.list': (query) => accounts.listChannels(query),
    'channels.get': ({ id }) => accounts.channelDetails(id),
    'clients.list': (query) => accounts.listClients(query),
    'clients.get': ({ id }) => accounts.client(id),
    'clients.balance': ({ id, refresh }) => insights.balance(id, refresh),
    'channels.templates': ({ id, refresh }) => insights.templates(id, refresh),
    'insights.cancel': ({ kind, id }) => insights.cancel(kind, id),
    'notifications.list': (input) => accounts.notifications(input),
    'notifications.markRead': (input) => accounts.markNotificationsRead('ids' in input ? input.ids : { channelIds: input.channelIds }),
    'channels.history': ({ id, limit }) => workspace.history(id, limit),
    'channels.counts': async ({ queries }) => ({ totals: await accounts.channelTotals(queries) }),
    'channels.ids': ({ query, max }) => accounts.channelIds(query, max),
    'book.overview': () => workspace.overview(),
    'actions.bulkPreview': ({ request }) => workspace.bulkPreview(request),
    'actions.bulk': ({ request, confirmed }) => workspace.bulkRun(request, confirmed),
    'export.channels': (input) => exporter.exportChannels(input),
    'export.reveal': ({ path }) => exporter.reveal(path),
    'actions.preview': (input) => outbox.preview(input),
    'actions.cancelChannel': ({ channelId, confirmed }) => outbox.enqueue({ kind: 'cancel_channel', channelId }, confirmed),
    'actions.setMaxChannels': ({ clientId, maxChannels, confirmed }) =>
      outbox.enqueue({ kind: 'set_max_channels', clientId, maxChannels }, confirmed),
    'actions.generateApiKey': ({ channelId, confirmed }) => outbox.enqueue({ kind: 'generate_api_key', channelId }, confirmed),
    'outbox.list': (query) => outbox.list(query),
    'outbox.retry': ({ id }) => outbox.retry(id),
    'outbox.cancel': ({ id }) => outbox.cancel(id),
    'outbox.push': () => outbox.push(),
    'channels.health': ({ channelId, check }) => outbox.health(channelId, check),
    'channels.apiKey': ({ channelId }) => outbox.apiKeyInfo(channelId),
    'channels.copyApiKey': ({ channelId }) => outbox.copyApiKey(channelId),
    'partner.settings': ({ refresh }) => partnerSettings.view(refresh),
    'actions.setPartnerSettings': ({ webhookUrl, redirectUrl, confirmed }) =>
      outbox.enqueue(
        {
          kind: 'set_partner_settings',
          ...(webhookUrl !== undefined ? { webhookUrl } : {}),
          ...(redirectUrl !== undefined ? { redirectUrl } : {}),
        },
        confirmed,
      ),
    'actions.withdrawCancellation': ({ channelId, confirmed }) => outbox.enqueue({ kind: 'withdraw_cancellation', channelId }, confirmed),
    'actions.setPartnerPayload': ({ clientId, partnerPayload, confirmed }) =>
      outbox.enqueue({ kind: 'set_partner_payload', clientId, partnerPayload }, confirmed),
    'onboarding.createLink': (input) => onboarding.createLink(input),
    'onboarding.links': ({ limit }) => ({ items: onboarding.links(limit) }),
    'onboarding.link': ({ id }) => onboarding.link(id),
    'onboarding.markShared': ({ id, method }) => onboarding.markShared(id, method),
    'onboarding.readRedirect': ({ text }) => onboarding.readRedirect(text),
    'store.status': () => store.status(),
    'store.repair': () => store.repair(),
  };
}
