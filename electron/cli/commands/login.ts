/** `partner-desk login` / `logout`: credentials into (and out of) the system keychain. */
import { UsageError } from '../cli-io';
import type { Command } from '../command';
import { openCore } from '../open-core';
import { readSecretFromStdin } from '../read-stdin';

export const loginCommand: Command = {
  name: 'login',
  summary: 'Sign in with a Partner API key (or username and password) read from standard input',
  usage: 'partner-desk login --partner-id ID (--api-key-stdin | --username U --password-stdin)',
  help: [
    'Checks the credentials against the 360dialog Hub, then keeps them in the system keychain only.',
    'The secret is read from standard input, never from the command line:',
    '  printf %s "$PARTNER_API_KEY" | partner-desk login --partner-id f167CmPA --api-key-stdin',
  ].join('\n'),
  options: {
    'partner-id': { type: 'string' },
    'api-key-stdin': { type: 'boolean' },
    username: { type: 'string' },
    'password-stdin': { type: 'boolean' },
  },
  async run({ values, io }) {
    const partnerId = values['partner-id'];
    if (typeof partnerId !== 'string') throw new UsageError('--partner-id is required.');
    const byKey = values['api-key-stdin'] === true;
    const byPassword = values['password-stdin'] === true || values.username !== undefined;
    if (byKey === byPassword) throw new UsageError('Give either --api-key-stdin, or --username with --password-stdin.');
    if (byPassword && (typeof values.username !== 'string' || values['password-stdin'] !== true)) {
      throw new UsageError('The legacy method needs both --username U and --password-stdin.');
    }
    const secret = await readSecretFromStdin(io.stdin, byKey ? 'Partner API key' : 'password');
    const core = await openCore({ values, io, runMode: 'cli', hubUse: 'sign-in' });
    try {
      const input = byKey
        ? ({ method: 'api_key', partnerId, apiKey: secret } as const)
        : ({ method: 'token', partnerId, username: String(values.username), password: secret } as const);
      const result = await core.dispatch('session.signIn', input);
      if (!result.ok) {
        io.err(`partner-desk: ${result.error.message}`);
        return result.error.code === 'invalid_input' ? 2 : 1;
      }
      const state = result.value as { connection: { partner: { name: string; id: string } | null } };
      io.out(`Signed in to ${state.connection.partner?.name ?? partnerId} (${partnerId}). The credential is in the system keychain.`);
      return 0;
    } finally {
      core.close();
    }
  },
};

export const logoutCommand: Command = {
  name: 'logout',
  summary: 'Sign out: remove the credential from the keychain (add --forget to delete the cached data too)',
  usage: 'partner-desk logout [--forget]',
  help: "Removes the active profile's credential from the system keychain. The cached clients and\nchannels stay for offline use unless --forget is given.",
  options: { forget: { type: 'boolean' } },
  async run({ values, io }) {
    const core = await openCore({ values, io, runMode: 'cli', hubUse: 'sign-in' });
    try {
      const profileId = core.accounts.activeProfileId();
      if (!profileId) {
        io.err('partner-desk: Nobody is signed in.');
        return 1;
      }
      await core.session.signOut(profileId, values.forget !== true);
      io.out(values.forget ? 'Signed out; the cached data was deleted.' : 'Signed out; the cached data stays available offline.');
      return 0;
    } finally {
      core.close();
    }
  },
};
