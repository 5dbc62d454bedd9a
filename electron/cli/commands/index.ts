/** Every CLI command, and the help text derived from them. */
import type { Command } from '../command';
import { channelsCommand, clientsCommand, statusCommand, syncCommand } from './accounts';
import { demoServerCommand } from './demo-server';
import { doctorCommand } from './doctor';
import { exportCommand } from './export';
import { loginCommand, logoutCommand } from './login';
import { webCommand } from './web';
import { apiKeyCommand, cancelCommand, healthCommand, setMaxChannelsCommand } from './actions';
import { outboxCommand, pushCommand } from './outbox';
import {
  onboardingLinkCommand,
  onboardingLinksCommand,
  onboardingRedirectCommand,
  partnerCommand,
  setTagCommand,
  withdrawCancellationCommand,
} from './onboarding';

export const COMMANDS: readonly Command[] = [
  loginCommand,
  logoutCommand,
  statusCommand,
  syncCommand,
  clientsCommand,
  channelsCommand,
  cancelCommand,
  withdrawCancellationCommand,
  setMaxChannelsCommand,
  setTagCommand,
  apiKeyCommand,
  healthCommand,
  outboxCommand,
  pushCommand,
  partnerCommand,
  onboardingLinkCommand,
  onboardingLinksCommand,
  onboardingRedirectCommand,
  exportCommand,
  doctorCommand,
  webCommand,
  demoServerCommand,
];

export function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  return [
    'Partner Desk: manage your 360dialog clients and WhatsApp channels, online or offline.',
    '',
    'Usage: partner-desk <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    'Global options:',
    '  --data-dir DIR   data folder (default: the per-user app data folder; env PARTNER_DESK_DATA_DIR)',
    '  --hub-url URL    Partner API base URL for this run, instead of the address the profile signed in at',
    '                   (login: where to sign in; default https://hub.360dialog.io/api/v2; env PARTNER_DESK_HUB_URL)',
    '  -h, --help       help for a command: partner-desk <command> --help',
    '  --version        print the version',
  ].join('\n');
}
