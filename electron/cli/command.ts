/** The shape of one CLI command; the command list and help text are derived from these. */
import type { ParseArgsConfig } from 'node:util';
import type { CliIo } from './cli-io';

export interface CommandContext {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
  io: CliIo;
}

export interface Command {
  name: string;
  summary: string;
  /** The command's forms, written once: `--help` and usage errors both print them (usageText). */
  usage: string | readonly string[];
  /** What `--help` prints after the usage lines. */
  help: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(context: CommandContext): Promise<number>;
}

const USAGE_WIDTH = 104;

/**
 * "Usage: " and each form on a line of its own; a form longer than the terminal's usual width wraps
 * at an option, its continuation aligned under the form's first option.
 */
export function usageText(usage: Command['usage']): string {
  const forms = typeof usage === 'string' ? [usage] : usage;
  const lines: string[] = [];
  forms.forEach((form, i) => {
    const lead = i === 0 ? 'Usage: ' : '       ';
    const words = form.split(/ (?=\[|--|\()/);
    const [head = '', ...rest] = words;
    const indent = ' '.repeat(lead.length + head.length + 1);
    let line = `${lead}${head}`;
    for (const word of rest) {
      if (line.length + 1 + word.length > USAGE_WIDTH) {
        lines.push(line);
        line = `${indent}${word}`;
      } else line += ` ${word}`;
    }
    lines.push(line);
  });
  return lines.join('\n');
}

/** What `partner-desk <command> --help` prints. */
export function commandHelp(command: Command): string {
  return command.help ? `${usageText(command.usage)}\n\n${command.help}` : usageText(command.usage);
}
