/**
 * The test workflow (.github/workflows/test.yml) as GitHub will read it: valid YAML; the any-OS
 * tiers (type check, lint, format check, unit, integration) on Ubuntu, macOS and Windows with Node 20 after
 * `npm ci`; the full suite on Debian through .ci/run, which installs the system tools and runs
 * `npm test` with CI set (so no tier is skipped there). The tier names it runs are the ones
 * scripts/test-tiers.mjs knows as needing nothing but Node.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ANY_OS_TIERS } from '../../../scripts/test-tiers.mjs';

const root = path.resolve(import.meta.dirname, '../../..');

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Job {
  'runs-on': string;
  container?: { image: string; options?: string };
  strategy?: { 'fail-fast'?: boolean; matrix: { os: string[] } };
  env?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}

const workflow = parse(fs.readFileSync(path.join(root, '.github', 'workflows', 'test.yml'), 'utf8')) as Workflow;
const scripts = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
const runs = (job: Job) => job.steps.flatMap((s) => (s.run ? [s.run.trim()] : []));

describe('the test workflow', () => {
  it('runs on pushes to main, pull requests and by hand, with read-only permissions', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push', 'workflow_dispatch']);
    expect(workflow.on.push).toEqual({ branches: ['main'] });
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(Object.keys(workflow.jobs).sort()).toEqual(['any-os', 'full']);
  });

  it('runs the any-OS tiers on Ubuntu, macOS and Windows with Node 20, each OS to the end', () => {
    const job = workflow.jobs['any-os']!;
    expect(job['runs-on']).toBe('${{ matrix.os }}');
    expect(job.strategy?.['fail-fast']).toBe(false);
    const oses = job.strategy!.matrix.os;
    expect(oses).toHaveLength(3);
    for (const family of ['ubuntu-', 'macos-', 'windows-'])
      expect(
        oses.filter((os) => os.startsWith(family)),
        family,
      ).toHaveLength(1);
    const node = job.steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(node?.with).toMatchObject({ 'node-version': 20, cache: 'npm' });
    const commands = runs(job);
    expect(commands.indexOf('npm ci --no-audit --no-fund')).toBeGreaterThanOrEqual(0);
    expect(commands.at(-1)).toBe('npm run test:any-os');
    expect(commands.indexOf('npm ci --no-audit --no-fund')).toBeLessThan(commands.length - 1);
  });

  it('asks npm test for the checks and exactly the tiers that need nothing but Node', () => {
    expect(scripts['test:any-os']).toBe(`node scripts/test-all.mjs typecheck typecheck-web lint format ${ANY_OS_TIERS.join(' ')}`);
    expect(ANY_OS_TIERS).toEqual(['unit', 'integration']);
  });

  it('runs the full suite on Debian through .ci/run, which installs the tools and runs npm test', () => {
    const job = workflow.jobs.full!;
    expect(job['runs-on']).toMatch(/^ubuntu-/);
    expect(job.container?.image).toMatch(/^node:20-bookworm$/);
    expect(job.container?.options).toMatch(/--shm-size=/);
    expect(runs(job)).toEqual(['bash .ci/run']);
    const ciRun = fs.readFileSync(path.join(root, '.ci', 'run'), 'utf8');
    for (const pkg of ['chromium', 'gnome-keyring', 'dbus', 'libreoffice-calc', 'libsecret-1-dev'])
      expect(ciRun).toMatch(new RegExp(`APT_PACKAGES=\\(.*\\b${pkg}\\b`));
    expect(ciRun.trim().split('\n').at(-1)).toBe('npm test');
  });

  it('checks the code out first in every job and uses only versioned actions', () => {
    for (const [name, job] of Object.entries(workflow.jobs)) {
      expect(job.steps[0]?.uses, name).toBe('actions/checkout@v4');
      for (const step of job.steps.filter((s) => s.uses)) expect(step.uses, name).toMatch(/^actions\/[a-z-]+@v\d+$/);
    }
  });
});
