#!/usr/bin/env node
// `npm test`: every suite, then one line `N passed, N failed` that sums them all. Suites: type
// check and lint (one check each), vitest (unit + integration, inside a private keyring session
// for the real-keychain tests), the browser suite (vitest driving Debian's Chromium through
// playwright-core against web mode) and the real-Electron smoke test (skipped with its reason where
// the Electron binary cannot be installed).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const only = process.argv.slice(2); // e.g. `npm test -- vitest` runs one suite
const tally = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

function run(label, command, args) {
  process.stdout.write(`\n=== ${label}: ${[command, ...args].map((a) => path.relative(root, a) || a).join(' ')}\n`);
  const started = Date.now();
  const child = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  return { status: child.status ?? 1, seconds: ((Date.now() - started) / 1000).toFixed(1) };
}

function check(label, command, args) {
  if (only.length && !only.includes(label)) return;
  const { status, seconds } = run(label, command, args);
  if (status === 0) tally.passed += 1;
  else tally.failed += 1;
  lines.push(`${label}: ${status === 0 ? 'ok' : 'FAILED'} (${seconds} s)`);
}

function suite(label, command, args, reportFile, count) {
  if (only.length && !only.includes(label)) return;
  fs.rmSync(reportFile, { force: true });
  const { status, seconds } = run(label, command, args);
  let counts = { passed: 0, failed: 0, skipped: 0 };
  try {
    counts = count(JSON.parse(fs.readFileSync(reportFile, 'utf8')));
  } catch {
    // No report: the runner itself failed before testing anything.
  }
  if (status !== 0 && counts.failed === 0) counts.failed = 1; // a crash is a failure, never a silent pass
  // A suite that ran nothing is a defect, unless it skipped everything on purpose (and said why).
  if (status === 0 && counts.passed === 0 && counts.skipped === 0) counts.failed += 1;
  tally.passed += counts.passed;
  tally.failed += counts.failed;
  tally.skipped += counts.skipped;
  lines.push(`${label}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (${seconds} s)`);
}

function vitestCounts(r) {
  return {
    passed: r.numPassedTests ?? 0,
    failed: (r.numFailedTests ?? 0) + (r.numRuntimeErrorTestSuites ?? 0),
    skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0),
  };
}

check('typecheck', bin('tsc'), ['-p', 'tsconfig.node.json', '--noEmit']);
check('typecheck-web', bin('tsc'), ['-p', 'tsconfig.web.json', '--noEmit']);
check('lint', bin('eslint'), ['.', '--max-warnings=0']);

const vitestReport = path.join(results, 'vitest.json');
suite(
  'vitest',
  path.join(root, 'scripts', 'keyring-session.sh'),
  [bin('vitest'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`],
  vitestReport,
  vitestCounts,
);

const e2eReport = path.join(results, 'e2e.json');
suite(
  'e2e',
  path.join(root, 'scripts', 'keyring-session.sh'),
  [bin('vitest'), 'run', '--config', 'test/e2e/vitest.e2e.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${e2eReport}`],
  e2eReport,
  vitestCounts,
);

// The desktop app in real Electron (Playwright's _electron): skipped, with the reason, where the
// Electron binary cannot be installed; CI's desktop workflow sets PARTNER_DESK_REQUIRE_ELECTRON=1.
const electronReport = path.join(results, 'electron.json');
suite(
  'electron',
  path.join(root, 'scripts', 'keyring-session.sh'),
  [bin('vitest'), 'run', '--config', 'test/electron/vitest.electron.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${electronReport}`],
  electronReport,
  vitestCounts,
);

process.stdout.write(`\n${lines.join('\n')}\n`);
process.stdout.write(`${tally.passed} passed, ${tally.failed} failed${tally.skipped ? `, ${tally.skipped} skipped` : ''}\n`);
process.exit(tally.failed === 0 ? 0 : 1);
