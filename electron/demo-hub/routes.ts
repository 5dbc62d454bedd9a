/**
 * Every endpoint the simulated hub answers, as one table. Paths are the real ones under `/api/v2`
 * (Partner API), `/waba-v2` (channel-level Messaging API, Cloud API) and `/waba` (its legacy
 * On-Premise form), plus the browser's permission page under `/dashboard`.
 */
import { postApiKey, postCancellation } from './channel-routes';
import { getClientBalance, patchClient } from './client-routes';
import { listChannels, listClients, listTemplates } from './list-routes';
import { getCloudHealth, getHealth, getPhoneNumber } from './messaging-routes';
import { getPartner, getPartnerBalance, patchPartner, postToken } from './partner-routes';
import { getPermissionPage, postPermissionPage } from './permission-page';
import type { RouteDef } from './router';

const P = '/api/v2/partners/:pid';

export const HUB_ROUTES: readonly RouteDef[] = [
  { method: 'POST', template: '/api/v2/token', auth: 'none', handler: postToken },
  { method: 'GET', template: P, auth: 'partner', handler: getPartner },
  { method: 'PATCH', template: P, auth: 'partner', handler: patchPartner },
  { method: 'GET', template: `${P}/balance`, auth: 'partner', handler: getPartnerBalance },
  { method: 'GET', template: `${P}/clients`, auth: 'partner', handler: listClients },
  { method: 'PATCH', template: `${P}/clients/:cid`, auth: 'partner', handler: patchClient },
  { method: 'GET', template: `${P}/clients/:cid/info/balance`, auth: 'partner', handler: getClientBalance },
  {
    method: 'POST',
    template: `${P}/clients/:cid/channels/:chid/control/cancellation_request`,
    auth: 'partner',
    handler: postCancellation,
  },
  { method: 'GET', template: `${P}/channels`, auth: 'partner', handler: listChannels },
  { method: 'POST', template: `${P}/channels/:chid/api_keys`, auth: 'partner', handler: postApiKey },
  { method: 'GET', template: `${P}/waba_accounts/:waid/waba_templates`, auth: 'partner', handler: listTemplates },
  { method: 'GET', template: '/waba-v2/health_status', auth: 'channel', handler: getCloudHealth },
  { method: 'GET', template: '/waba/v1/health', auth: 'channel', handler: getHealth },
  { method: 'GET', template: '/waba/v1/configs/phone_number', auth: 'channel', handler: getPhoneNumber },
  // The Integrated Onboarding permission page a client opens in the browser (hub.360dialog.com on the real Hub).
  { method: 'GET', template: '/dashboard/app/:pid/permissions', auth: 'none', handler: getPermissionPage },
  { method: 'POST', template: '/dashboard/app/:pid/permissions', auth: 'none', handler: postPermissionPage },
];
