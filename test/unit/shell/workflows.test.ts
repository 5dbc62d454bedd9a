/**
 * The desktop workflow (.github/workflows/desktop.yml) as GitHub will read it: valid YAML, the four
 * package-and-launch jobs (Linux, both Macs, Windows), each checking its packaged native modules and
 * launching the packaged app with the real-Electron test required (never silently skipped), and
 * every file it names existing in the repository.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '../../..');

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  if?: string;
  env?: Record<string, string>;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, { 'runs-on': string; strategy: { matrix: { include: Array<Record<string, string>> } }; steps: Step[] }>;
}

const workflow = parse(fs.readFileSync(path.join(root, '.github', 'workflows', 'desktop.yml'), 'utf8')) as Workflow;
const job = workflow.jobs['package-and-launch']!;
const matrix = job.strategy.matrix.include;

describe('the desktop workflow', () => {
  it('runs on pushes, pull requests and by hand, with read-only permissions', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push', 'workflow_dispatch']);
    expect(workflow.permissions).toEqual({ contents: 'read' });
  });

  it('packages and launches on Linux, Intel and Apple-silicon Macs, and Windows', () => {
    expect(matrix.map((entry) => [entry.name, entry.os])).toEqual([
      ['linux-x64', 'ubuntu-24.04'],
      ['mac-x64', 'macos-15-intel'],
      ['mac-arm64', 'macos-15'],
      ['windows-x64', 'windows-2025'],
    ]);
    expect(job['runs-on']).toBe('${{ matrix.os }}');
    // Both Mac architectures in one run, the configuration that once shipped keytar for the wrong CPU, and both checked.
    const arm = matrix.find((entry) => entry.name === 'mac-arm64')!;
    expect(arm.builder).toMatch(/--x64 --arm64/);
    expect(arm.verify).toMatch(/darwin arm64 .*darwin x64/);
  });

  it('checks the packaged native modules and launches the packaged app with the Electron test required', () => {
    const steps = job.steps;
    const verify = steps.find((step) => step.run?.includes('scripts/packaging/verify-packed.ts'));
    expect(verify?.run).toContain('${{ matrix.verify }}');
    const launch = steps.find((step) => step.name?.startsWith('Launch the packaged app'))!;
    expect(launch.env).toMatchObject({
      PARTNER_DESK_REQUIRE_ELECTRON: '1',
      PARTNER_DESK_APP_EXECUTABLE: expect.stringContaining('${{ matrix.executable }}'),
    });
    expect(launch.run).toContain('test/electron/vitest.electron.config.ts');
    expect(steps.findIndex((step) => step === verify)).toBeLessThan(steps.indexOf(launch));
    for (const entry of matrix) expect(entry.executable, entry.name).toMatch(/^dist\//);
  });

  it('names only files that exist', () => {
    for (const file of ['scripts/packaging/verify-packed.ts', 'test/electron/vitest.electron.config.ts', 'test/electron/app.electron.ts']) {
      expect(fs.existsSync(path.join(root, file)), file).toBe(true);
    }
  });
});
