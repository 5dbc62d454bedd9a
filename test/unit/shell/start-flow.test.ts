/**
 * `npm start`, step by step with every effect stubbed: the Electron build of SQLite is made before
 * Electron starts (it was not: every laptop got "database engine does not match"), each fallback to
 * web mode says why, and Chromium's sandbox is kept where Linux lets it be built.
 */
import { describe, expect, it } from 'vitest';
import { sandboxPlan, SANDBOX_CRASH, type SandboxFacts } from '../../../scripts/start/linux-sandbox';
import { runStart, type StartDeps } from '../../../scripts/start/start-flow';

function deps(over: Partial<StartDeps> = {}) {
  const steps: string[] = [];
  const lines: string[] = [];
  const base: StartDeps = {
    forceWeb: false,
    electronBinary: () => (steps.push('binary'), { ok: true }),
    electronVersion: () => '45.5.0',
    buildNative: async (version) => (steps.push(`native ${version}`), { rebuilt: false }),
    sandbox: () => (steps.push('sandbox'), { sandbox: true }),
    launchElectron: async (extra) => (steps.push(`electron ${extra.join(' ')}`.trim()), { code: 0, sandboxCrash: false }),
    launchWeb: async () => (steps.push('web'), 0),
    log: (line) => lines.push(line),
  };
  return { steps, lines, deps: { ...base, ...over } };
}

describe('npm start', () => {
  it('builds (or finds up to date) the Electron build of SQLite before it starts Electron', async () => {
    const run = deps();
    expect(await runStart(run.deps)).toBe(0);
    expect(run.steps).toEqual(['binary', 'native 45.5.0', 'sandbox', 'electron']);
  });

  it('falls back to web mode, saying why and how to retry, when that build cannot be made', async () => {
    const run = deps({
      buildNative: async () => {
        throw new Error('getaddrinfo ENOTFOUND electronjs.org\n    at …');
      },
    });
    await runStart(run.deps);
    expect(run.steps).toEqual(['binary', 'web']);
    const said = run.lines.join('\n');
    expect(said).toMatch(/could not be built for Electron 45\.5\.0: getaddrinfo ENOTFOUND electronjs\.org\./);
    expect(said).toMatch(/npm run native:electron/);
    expect(said).toMatch(/Starting web mode instead/);
    expect(said).not.toMatch(/at …/);
  });

  it('falls back to web mode when the Electron binary cannot be had, without building anything', async () => {
    const run = deps({
      electronBinary: () => ({ ok: false, reason: 'the Electron binary is not installed and could not be downloaded (fetch failed)' }),
    });
    await runStart(run.deps);
    expect(run.steps).toEqual(['web']);
    expect(run.lines[0]).toMatch(/could not be downloaded \(fetch failed\)\.$/);
  });

  it('starts without the sandbox, with a visible warning and the fix, where Linux will not let Chromium build it', async () => {
    const run = deps({
      sandbox: () => ({ sandbox: false, reason: 'unprivileged user namespaces are restricted', fix: 'sudo chmod 4755 …' }),
    });
    await runStart(run.deps);
    expect(run.steps).toEqual(['binary', 'native 45.5.0', 'electron --noSandbox']);
    expect(run.lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Warning: starting Electron without Chromium’s sandbox, because unprivileged/),
        'sudo chmod 4755 …',
      ]),
    );
  });

  it('turns an Electron that aborts on its sandbox into web mode, never a bare crash', async () => {
    const run = deps({ launchElectron: async () => ({ code: 1, sandboxCrash: true }) });
    await runStart(run.deps);
    expect(run.steps.at(-1)).toBe('web');
    expect(run.lines.join('\n')).toMatch(/sandbox could not start.*PARTNER_DESK_NO_SANDBOX=1/s);
  });

  it('passes Electron’s own exit code through otherwise', async () => {
    expect(await runStart(deps({ launchElectron: async () => ({ code: 3, sandboxCrash: false }) }).deps)).toBe(3);
  });

  it('honours PARTNER_DESK_FORCE_WEB', async () => {
    const run = deps({ forceWeb: true });
    await runStart(run.deps);
    expect(run.steps).toEqual(['web']);
  });
});

describe('sandboxPlan (Linux)', () => {
  const facts = (over: Partial<SandboxFacts>): SandboxFacts => ({
    platform: 'linux',
    isRoot: false,
    userNamespaces: true,
    namespacesRestricted: false,
    suidHelperReady: false,
    helperPath: '/p/node_modules/electron/dist/chrome-sandbox',
    ...over,
  });

  it('keeps the sandbox where user namespaces work (most distributions), or the SUID helper is set up', () => {
    expect(sandboxPlan(facts({}))).toEqual({ sandbox: true });
    expect(sandboxPlan(facts({ userNamespaces: false, suidHelperReady: true }))).toEqual({ sandbox: true });
    expect(sandboxPlan(facts({ platform: 'darwin', userNamespaces: false }))).toEqual({ sandbox: true });
  });

  it('turns it off, with the one-time fix, where AppArmor restricts namespaces (Ubuntu 23.10+)', () => {
    const plan = sandboxPlan(facts({ userNamespaces: false, namespacesRestricted: true }));
    expect(plan).toMatchObject({ sandbox: false, reason: expect.stringMatching(/Ubuntu 23\.10/) });
    expect(plan.sandbox === false && plan.fix).toMatch(
      /sudo chown root:root "\/p\/node_modules\/electron\/dist\/chrome-sandbox" && sudo chmod 4755/,
    );
  });

  it('reads the sysctls when unshare is not installed', () => {
    expect(sandboxPlan(facts({ userNamespaces: null, namespacesRestricted: true }))).toMatchObject({ sandbox: false });
    expect(sandboxPlan(facts({ userNamespaces: null, namespacesRestricted: false }))).toEqual({ sandbox: true });
  });

  it('turns it off as root, where Chromium refuses to sandbox', () => {
    expect(sandboxPlan(facts({ isRoot: true }))).toMatchObject({ sandbox: false, reason: expect.stringMatching(/root/) });
  });

  it('recognises what Electron prints when its sandbox cannot start', () => {
    expect(
      SANDBOX_CRASH.test(
        '[1:FATAL:setuid_sandbox_host.cc(158)] The SUID sandbox helper binary was found, but is not configured correctly.',
      ),
    ).toBe(true);
    expect(SANDBOX_CRASH.test('Running as root without --no-sandbox is not supported. See https://crbug.com/638180.')).toBe(true);
    expect(SANDBOX_CRASH.test('[vite] hmr update /src/App.tsx')).toBe(false);
  });
});
