/**
 * The layer rules are enforced by ESLint: these fixtures, linted as if they lived in the core or
 * the renderer, must fail (and a clean one must pass), so a broken rule cannot go unnoticed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function lintAs(fixture: string, virtualPath: string, rule = 'no-restricted-imports') {
  const code = fs.readFileSync(path.join(root, 'test/lint-fixtures', fixture), 'utf8');
  const [result] = await eslint.lintText(code, { filePath: path.join(root, virtualPath) });
  return result!.messages.filter((m) => m.ruleId === rule);
}

/** The lines refused (a path rule and a pattern rule may both report the same import). */
const refusedLines = (messages: Awaited<ReturnType<typeof lintAs>>) => [...new Set(messages.map((m) => m.line))].sort();

describe('layer boundaries (ESLint)', () => {
  it('refuses electron imported from electron/core', async () => {
    const messages = await lintAs('core-imports-electron.ts', 'electron/core/sync/fixture.ts');
    expect(refusedLines(messages)).toEqual([2]);
    expect(messages[0]!.message).toMatch(/plain Node/);
  });

  it('refuses React imported from electron/core', async () => {
    const messages = await lintAs('core-imports-react.ts', 'electron/core/fixture.ts');
    expect(refusedLines(messages)).toEqual([2]);
  });

  it('refuses Node built-ins and electron imported from the renderer', async () => {
    const messages = await lintAs('renderer-imports-node.ts', 'renderer/src/screens/fixture.tsx');
    expect(refusedLines(messages)).toEqual([2, 3]);
  });

  it('refuses Node built-ins in shared/', async () => {
    const messages = await lintAs('core-clean.ts', 'shared/fixture.ts');
    expect(refusedLines(messages)).toEqual([2]);
  });

  it('refuses the Node side through its import aliases (@core, @demo-hub) in the renderer and shared/, and allows @shared', async () => {
    for (const where of ['renderer/src/screens/fixture.tsx', 'shared/fixture.ts']) {
      const messages = await lintAs('imports-node-side-aliases.ts', where);
      expect(refusedLines(messages), where).toEqual([2, 3, 4]);
    }
    expect(await lintAs('imports-node-side-aliases.ts', 'electron/cli/fixture.ts')).toEqual([]);
  });

  it('refuses a deferred write transaction in the core: writers take the lock up front', async () => {
    const messages = await lintAs('core-deferred-transaction.ts', 'electron/core/store/fixture.ts', 'no-restricted-syntax');
    expect(messages.map((m) => m.line)).toEqual([5]);
    expect(messages[0]!.message).toMatch(/immediate\(\)/);
  });

  it('accepts plain Node code in the core', async () => {
    expect(await lintAs('core-clean.ts', 'electron/core/store/fixture.ts')).toEqual([]);
  });
});
