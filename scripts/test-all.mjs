#!/usr/bin/env node
// `npm test`: the checks (type check, lint), then every test tier (scripts/test-tiers.mjs), then one
// line `N passed, N failed` that sums them all. A tier whose tools this machine lacks (the keychain,
// LibreOffice, Chromium: every Mac and Windows laptop lacks some) is skipped with the reason, never
// faked; with CI set, a tier that cannot run fails instead, so CI can never skip one silently.
// `npm test -- unit integration` runs only the named checks and tiers (`vitest` names the four
// vitest projects). Runs under Node alone, on any OS: every tool is started as `node <its script>`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isCi, requirement, TIERS } from './test-tiers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });
const script = (...parts) => path.join(root, 'node_modules', ...parts);
const VITEST = script('vitest', 'vitest.mjs');
const ALIASES = { vitest: ['unit', 'integration', 'keychain', 'spreadsheet'] };
const only = process.argv.slice(2).flatMap((name) => ALIASES[name] ?? [name]);
const ci = isCi();

const CHECKS = [
  { name: 'typecheck', args: [script('typescript', 'bin', 'tsc'), '-p', 'tsconfig.node.json', '--noEmit'] },
  { name: 'typecheck-web', args: [script('typescript', 'bin', 'tsc'), '-p', 'tsconfig.web.json', '--noEmit'] },
  // The same command as `npm run lint`, so both apply one warning policy.
  { name: 'lint', args: lintArgs() },
  // Prettier's layout (.prettierrc.json): `npm run format` fixes what this finds.
  { name: 'format', args: [script('prettier', 'bin', 'prettier.cjs'), '--check', '.'] },
];

const known = new Set([...CHECKS.map((c) => c.name), ...TIERS.map((t) => t.name)]);
const unknown = only.filter((name) => !known.has(name));
if (unknown.length) {
  process.stderr.write(`npm test: unknown suite ${unknown.join(', ')}; known: ${[...known, ...Object.keys(ALIASES)].join(', ')}\n`);
  process.exit(2);
}
const wanted = (name) => only.length === 0 || only.includes(name);

const tally = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
const skippedTiers = [];

function lintArgs() {
  const command = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts.lint;
  const [tool, ...args] = command.split(/\s+/);
  if (tool !== 'eslint') throw new Error(`package.json's lint script should start with eslint; it is "${command}".`);
  return [script('eslint', 'bin', 'eslint.js'), ...args];
}

function run(label, command, args, env = {}) {
  const shown = [command, ...args].map((a) => (a === process.execPath ? 'node' : path.isAbsolute(a) ? path.relative(root, a) : a));
  process.stdout.write(`\n=== ${label}: ${shown.join(' ')}\n`);
  const started = Date.now();
  const child = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0', ...env } });
  if (child.error) process.stderr.write(`${label}: could not start ${command}: ${child.error.message}\n`);
  return { status: child.status ?? 1, seconds: ((Date.now() - started) / 1000).toFixed(1) };
}

function check({ name, args }) {
  const { status, seconds } = run(name, process.execPath, args);
  if (status === 0) tally.passed += 1;
  else tally.failed += 1;
  lines.push(`${name}: ${status === 0 ? 'ok' : 'FAILED'} (${seconds} s)`);
}

/** What the machine lacks for a tier: null when it can run, with how (keychain mode, browser path). */
function prepare(tier) {
  const env = {};
  let keychain = null;
  for (const need of tier.needs) {
    const met = requirement(need);
    if (!met.ok) return { missing: met.reason };
    if (need === 'keychain') keychain = met.mode;
    if (need === 'chromium') env.PARTNER_DESK_CHROMIUM = met.chromium;
  }
  if (!keychain && tier.optionalKeychain) {
    const met = requirement('keychain');
    if (met.ok) keychain = met.mode;
  }
  if (keychain === 'system') env.PARTNER_DESK_KEYRING = 'system';
  return { missing: null, env, keychain };
}

function runTier(tier) {
  const { missing, env, keychain } = prepare(tier);
  if (missing) {
    if (ci) {
      tally.failed += 1;
      lines.push(`${tier.name}: FAILED, required because CI is set but it cannot run here: ${missing}`);
    } else {
      skippedTiers.push(tier.name);
      lines.push(`${tier.name}: SKIPPED (${tier.what}): ${missing}`);
    }
    return;
  }
  const report = path.join(results, `${tier.name}.json`);
  fs.rmSync(report, { force: true });
  const select = tier.project ? ['--project', tier.project] : ['--config', tier.config];
  const vitest = [VITEST, 'run', ...select, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`];
  const { status, seconds } =
    keychain === 'session'
      ? run(tier.name, 'bash', [path.join(root, 'scripts', 'keyring-session.sh'), process.execPath, ...vitest], env)
      : run(tier.name, process.execPath, vitest, env);
  let counts = { passed: 0, failed: 0, skipped: 0 };
  try {
    const r = JSON.parse(fs.readFileSync(report, 'utf8'));
    counts = {
      passed: r.numPassedTests ?? 0,
      failed: (r.numFailedTests ?? 0) + (r.numRuntimeErrorTestSuites ?? 0),
      skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0),
    };
  } catch {
    // No report: the runner itself failed before testing anything.
  }
  if (status !== 0 && counts.failed === 0) counts.failed = 1; // a crash is a failure, never a silent pass
  // A tier that ran nothing is a defect, unless it skipped everything on purpose (and said why).
  if (status === 0 && counts.passed === 0 && counts.skipped === 0) counts.failed += 1;
  tally.passed += counts.passed;
  tally.failed += counts.failed;
  tally.skipped += counts.skipped;
  lines.push(`${tier.name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (${seconds} s)`);
}

for (const c of CHECKS) if (wanted(c.name)) check(c);
for (const tier of TIERS) if (wanted(tier.name)) runTier(tier);

process.stdout.write(`\n${lines.join('\n')}\n`);
if (skippedTiers.length) {
  process.stdout.write(`Not run on this machine: ${skippedTiers.join(', ')} (reasons above; docs/TESTING.md says how to run them).\n`);
}
process.stdout.write(`${tally.passed} passed, ${tally.failed} failed${tally.skipped ? `, ${tally.skipped} skipped` : ''}\n`);
process.exit(tally.failed === 0 ? 0 : 1);
