/**
 * Can Chromium build its sandbox for a development Electron on this Linux? It needs unprivileged
 * user namespaces, or a SUID-root `chrome-sandbox` helper (npm installs it as the user, so never in
 * development). Ubuntu 23.10 and later restrict user namespaces through AppArmor, and then Electron
 * aborts at start ("The SUID sandbox helper binary was found, but is not configured correctly",
 * electron/electron#42510). Chromium also refuses to sandbox a process running as root. In those
 * cases `npm start` runs Electron with --no-sandbox and says so, with the one-time fix; the app
 * itself shows the same warning (app.info's notices).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

export interface SandboxFacts {
  platform: NodeJS.Platform;
  isRoot: boolean;
  /** `unshare --user --map-root-user true` worked: the namespace sandbox can be built. null: could not tell. */
  userNamespaces: boolean | null;
  /** The kernel or AppArmor says no to unprivileged user namespaces (sysctls), whatever `unshare` said. */
  namespacesRestricted: boolean;
  /** chrome-sandbox is owned by root and SUID: Chromium's fallback works. */
  suidHelperReady: boolean;
  /** Where chrome-sandbox is, for the fix. */
  helperPath: string;
}

export type SandboxPlan = { sandbox: true } | { sandbox: false; reason: string; fix: string | null };

export function sandboxPlan(facts: SandboxFacts): SandboxPlan {
  if (facts.platform !== 'linux') return { sandbox: true };
  if (facts.isRoot) {
    return {
      sandbox: false,
      reason: 'you are running as root, and Chromium never sandboxes a root process',
      fix: 'Start Partner Desk as a normal user to keep the sandbox.',
    };
  }
  const namespaces = facts.userNamespaces ?? !facts.namespacesRestricted;
  if (namespaces || facts.suidHelperReady) return { sandbox: true };
  return {
    sandbox: false,
    reason:
      'this Linux does not let Chromium create its sandbox (unprivileged user namespaces are restricted, as on Ubuntu 23.10 and later, and the SUID helper is not set up)',
    fix: `To keep the sandbox in development, once: sudo chown root:root "${facts.helperPath}" && sudo chmod 4755 "${facts.helperPath}" (again after reinstalling Electron).`,
  };
}

function readSysctl(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
}

export function probeSandboxFacts(helperPath: string): SandboxFacts {
  const platform = process.platform;
  if (platform !== 'linux')
    return { platform, isRoot: false, userNamespaces: true, namespacesRestricted: false, suidHelperReady: false, helperPath };
  const probe = spawnSync('unshare', ['--user', '--map-root-user', 'true'], { stdio: 'ignore', timeout: 5_000 });
  const userNamespaces = probe.error ? null : probe.status === 0;
  const restricted =
    readSysctl('/proc/sys/kernel/apparmor_restrict_unprivileged_userns') === '1' ||
    readSysctl('/proc/sys/kernel/unprivileged_userns_clone') === '0' ||
    readSysctl('/proc/sys/user/max_user_namespaces') === '0';
  const stat = fs.statSync(helperPath, { throwIfNoEntry: false });
  const suidHelperReady = stat !== undefined && stat.uid === 0 && (stat.mode & 0o4000) !== 0;
  return { platform, isRoot: process.getuid?.() === 0, userNamespaces, namespacesRestricted: restricted, suidHelperReady, helperPath };
}

/** What Electron prints when the sandbox cannot start after all. */
export const SANDBOX_CRASH = /SUID sandbox helper binary|setuid_sandbox_host|No usable sandbox|Running as root without --no-sandbox/;
