// Types for scripts/test-tiers.mjs (plain JavaScript, so `npm test` runs under Node alone).
export type Need = 'keychain' | 'soffice' | 'chromium';

export interface Tier {
  name: string;
  /** A vitest project of vitest.config.ts. */
  project?: string;
  /** A vitest config of its own. */
  config?: string;
  needs: Need[];
  optionalKeychain?: boolean;
  what: string;
}

export type Requirement = { ok: true; mode?: 'session' | 'system'; chromium?: string } | { ok: false; reason: string };

export const KEYCHAIN_TESTS: string[];
export const SPREADSHEET_TESTS: string[];
export const TIERS: Tier[];
export const ANY_OS_TIERS: string[];
export function isCi(env?: NodeJS.ProcessEnv): boolean;
export function findOnPath(program: string, env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform): string | null;
export function requirement(need: Need, env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform): Requirement;
