/**
 * The import aliases are one mapping read by two kinds of tools: tsconfig.base.json's `paths` (the
 * type checker, tsx) and scripts/import-aliases.mjs (Vite, vitest). They must agree, and the deep
 * relative climbs they replaced (`../../../../shared/format`) must not come back.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IMPORT_ALIAS_FOLDERS, IMPORT_ALIASES } from '../../../scripts/import-aliases.mjs';

const root = path.resolve(import.meta.dirname, '../../..');
const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);

describe('import aliases', () => {
  it('tsconfig paths and the bundlers’ aliases name the same folders', () => {
    const base = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8')) as {
      compilerOptions: { paths: Record<string, string[]> };
    };
    const fromTsconfig = Object.fromEntries(
      Object.entries(base.compilerOptions.paths)
        .filter(([alias]) => alias.endsWith('/*'))
        .map(([alias, [target]]) => [alias.slice(0, -2), target!.replace(/^\.\//, '').replace(/\/\*$/, '')]),
    );
    expect(fromTsconfig).toEqual(IMPORT_ALIAS_FOLDERS);
    for (const [alias, folder] of Object.entries(IMPORT_ALIAS_FOLDERS)) {
      expect(fs.existsSync(path.join(root, folder)), folder).toBe(true);
      // The bare alias, where the folder has an index: that index.
      if (fs.existsSync(path.join(root, folder, 'index.ts')))
        expect(base.compilerOptions.paths[alias], alias).toEqual([`./${folder}/index.ts`]);
    }
    const core = IMPORT_ALIASES.find((a) => a.find.test('@core/sync'))!;
    expect(core.replacement).toBe(path.join(root, 'electron', 'core'));
    expect(
      IMPORT_ALIASES.some((a) => a.find.test('@core-extra/x')),
      'an alias is not a prefix of another name',
    ).toBe(false);
  });

  it('no TypeScript file climbs three folders or more into shared/, the core or the demo hub', () => {
    const climbs: string[] = [];
    const deep = /(?:from\s+|import\s*\(\s*|vi\.mock\(\s*)['"]((?:\.\.\/){3,}[^'"]*)['"]/g;
    for (const file of tracked.filter((f) => /\.(ts|tsx|mts)$/.test(f) && !f.startsWith('test/lint-fixtures/'))) {
      for (const [, spec] of fs.readFileSync(path.join(root, file), 'utf8').matchAll(deep)) {
        const target = path.relative(root, path.resolve(root, path.dirname(file), spec!));
        if (/^(shared|electron\/core|electron\/demo-hub)(\/|$)/.test(target)) climbs.push(`${file}: ${spec}`);
      }
    }
    expect(climbs).toEqual([]);
  });

  it('tracks nothing named node_modules (a checkout would replace the installed folder with it)', () => {
    expect(tracked.filter((f) => f.split('/').includes('node_modules'))).toEqual([]);
  });
});
