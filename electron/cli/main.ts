/**
 * `partner-desk`: the same core from a terminal. Parses global options, picks the command and maps
 * failures to exit codes: 0 success, 1 failure (one-line reason on stderr), 2 usage error, 3 the local
 * database is damaged (`doctor --repair`), 4 it cannot be written (read-only folder or file, disk full).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isAppError } from '@shared/errors';
import { appVersion } from './app-version';
import { EXIT_DAMAGED, EXIT_FAILURE, EXIT_NOT_WRITABLE, EXIT_USAGE, processIo, UsageError, type CliIo } from './cli-io';
import { commandHelp, usageText } from './command';
import { COMMANDS, helpText } from './commands';

export const GLOBAL_OPTIONS = {
  'data-dir': { type: 'string' },
  'hub-url': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const satisfies ParseArgsConfig['options'];

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const commandIndex = findCommandIndex(argv);
  const name = commandIndex === -1 ? undefined : argv[commandIndex];
  const command = name ? COMMANDS.find((c) => c.name === name) : undefined;
  try {
    if (!name) {
      const { values } = parseArgs({ args: argv, options: GLOBAL_OPTIONS, strict: true });
      if (values.version) {
        io.out(appVersion());
        return 0;
      }
      io.out(helpText());
      return values.help ? 0 : EXIT_USAGE;
    }
    if (!command) throw new UsageError(`Unknown command "${name}". Run "partner-desk --help" to see the commands.`);
    const rest = [...argv.slice(0, commandIndex), ...argv.slice(commandIndex + 1)];
    const { values, positionals } = parseArgs({
      args: rest,
      options: { ...GLOBAL_OPTIONS, ...command.options },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      io.out(commandHelp(command));
      return 0;
    }
    return await command.run({ values: values as Record<string, string | boolean | undefined>, positionals, io });
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.err(`partner-desk: ${oneLine(error)}`);
      io.err(command ? usageText(command.usage) : 'Run "partner-desk --help" for usage.');
      return EXIT_USAGE;
    }
    io.err(`partner-desk: ${isAppError(error) ? error.message : oneLine(error)}`);
    if (isAppError(error) && error.code === 'database_corrupt') return EXIT_DAMAGED;
    if (isAppError(error) && (error.code === 'database_read_only' || error.code === 'disk_full')) return EXIT_NOT_WRITABLE;
    return EXIT_FAILURE;
  }
}

/** The first argument that is neither an option nor the value of a global option (`--data-dir DIR sync`). */
export function findCommandIndex(argv: readonly string[]): number {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (!arg.startsWith('-')) return i;
    const name = arg.replace(/^--?/, '');
    const option = (GLOBAL_OPTIONS as Record<string, { type: string }>)[name];
    if (option?.type === 'string') i += 1; // its value follows
  }
  return -1;
}

function isParseArgsError(error: unknown): boolean {
  return error instanceof Error && 'code' in error && String((error as { code: unknown }).code).startsWith('ERR_PARSE_ARGS');
}

function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error';
}
