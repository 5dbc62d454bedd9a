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
  usage: string;
  help: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(context: CommandContext): Promise<number>;
}
