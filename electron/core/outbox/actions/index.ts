/** Every kind of queued action and the handler that knows how to send and resolve it. */
import type { ActionKind } from '@shared/outbox';
import type { ActionHandler } from '../action-handler';
import { cancelChannelHandler } from './cancel-channel';
import { checkHealthHandler } from './check-health';
import { generateApiKeyHandler } from './generate-api-key';
import { setMaxChannelsHandler } from './set-max-channels';
import { setPartnerPayloadHandler } from './set-partner-payload';
import { setPartnerSettingsHandler } from './set-partner-settings';
import { withdrawCancellationHandler } from './withdraw-cancellation';

export const ACTION_HANDLERS: Readonly<Record<ActionKind, ActionHandler>> = {
  cancel_channel: cancelChannelHandler,
  set_max_channels: setMaxChannelsHandler,
  generate_api_key: generateApiKeyHandler,
  check_health: checkHealthHandler,
  withdraw_cancellation: withdrawCancellationHandler,
  set_partner_settings: setPartnerSettingsHandler,
  set_partner_payload: setPartnerPayloadHandler,
};
