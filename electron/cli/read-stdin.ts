/** Reads a secret from standard input (never from the command line, where `ps` and shell history see it). */
import { UsageError } from './cli-io';

export async function readSecretFromStdin(stdin: NodeJS.ReadableStream & { isTTY?: boolean }, what: string): Promise<string> {
  if (stdin.isTTY) throw new UsageError(`Pipe the ${what} on standard input, e.g. \`printf %s "$KEY" | partner-desk login ...\`.`);
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  const secret = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (secret.trim() === '') throw new UsageError(`No ${what} arrived on standard input.`);
  return secret;
}
