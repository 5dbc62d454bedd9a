import { describe, expect, it } from 'vitest';
import { commandHelp, usageText } from '../../../electron/cli/command';
import { COMMANDS } from '../../../electron/cli/commands';

describe('command help', () => {
  it('prints each command’s forms once, from its usage, then its help', () => {
    for (const command of COMMANDS) {
      const help = commandHelp(command);
      expect(help.startsWith(usageText(command.usage)), command.name).toBe(true);
      expect(help.match(/Usage:/g), command.name).toHaveLength(1);
      expect(command.help, command.name).not.toMatch(/partner-desk \S+ \[/);
      const forms = typeof command.usage === 'string' ? [command.usage] : command.usage;
      for (const form of forms) expect(form.startsWith(`partner-desk ${command.name}`), form).toBe(true);
    }
  });

  it('wraps a long form at an option, aligned under its first option, and keeps every word', () => {
    const form =
      'partner-desk onboarding-link [--client-id ID] [--email E] [--name N] [--number N] [--tag T] [--redirect-url URL] [--lang L] [--qr] [--json]';
    const lines = usageText(form).split('\n');
    expect(lines).toEqual([
      'Usage: partner-desk onboarding-link [--client-id ID] [--email E] [--name N] [--number N] [--tag T]',
      '                                    [--redirect-url URL] [--lang L] [--qr] [--json]',
    ]);
    expect(usageText(['partner-desk outbox [--json]', 'partner-desk outbox retry ID'])).toBe(
      'Usage: partner-desk outbox [--json]\n       partner-desk outbox retry ID',
    );
  });
});
