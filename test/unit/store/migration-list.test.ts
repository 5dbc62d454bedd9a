/**
 * The migrations index (electron/core/store/migrations/index.ts) is what `PRAGMA user_version`
 * counts: versions unique, increasing in the order they are listed, without gaps from 1; every
 * NNN-name.ts file in the folder is listed under its own number (a migration written but never
 * registered would never run, and one registered under the wrong number would run out of order).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from '@core/store/migrations';

const folder = path.resolve(import.meta.dirname, '../../../electron/core/store/migrations');
const versions = MIGRATIONS.map((m) => m.version);

const isMigration = (value: unknown): value is Migration =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Migration).version === 'number' &&
  typeof (value as Migration).up === 'function';

describe('the migrations index', () => {
  it('lists unique versions in increasing order, 1, 2, 3… without gaps', () => {
    expect(new Set(versions).size, `duplicate versions in ${versions.join(', ')}`).toBe(versions.length);
    expect(versions, 'listed in increasing order').toEqual([...versions].sort((a, b) => a - b));
    expect(versions, 'numbered from 1 without gaps').toEqual(Array.from({ length: versions.length }, (_, i) => i + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(versions.at(-1));
  });

  it('describes each migration', () => {
    for (const m of MIGRATIONS) expect(m.description.trim().length, `migration ${m.version} has no description`).toBeGreaterThan(10);
  });

  it('registers every migration file under the number in its name', async () => {
    const files = fs.readdirSync(folder).filter((f) => f !== 'index.ts' && f.endsWith('.ts'));
    for (const file of files) expect(file, 'migration files are named NNN-what-it-does.ts').toMatch(/^\d{3}-[a-z0-9-]+\.ts$/);
    const fromFiles = new Map<number, string>();
    for (const file of files) {
      const exported = Object.values((await import(path.join(folder, file))) as Record<string, unknown>).filter(isMigration);
      expect(exported, `${file} exports one migration`).toHaveLength(1);
      const migration = exported[0]!;
      expect(migration.version, `${file} holds migration ${migration.version}`).toBe(Number(file.slice(0, 3)));
      expect(MIGRATIONS, `${file} is not listed in migrations/index.ts`).toContain(migration);
      fromFiles.set(migration.version, file);
    }
    expect([...fromFiles.keys()].sort((a, b) => a - b)).toEqual(versions);
  });
});
