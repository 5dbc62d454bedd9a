/** The app's version, read from package.json: two folders up, from the sources (electron/cli/) and from the bundle (out/cli/) alike. */
import { readFileSync } from 'node:fs';

export function appVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}
