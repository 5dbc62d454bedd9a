/**
 * The repository stands on its own: every "(§x.y)" a comment cites is a section of docs/HUB-API.md
 * (ranges such as §6.6-6.7 at both ends, "§5 quirk 10" an item of §5's quirks); every docs/*.md a file
 * names exists; the Markdown links of README and docs/ resolve; and nothing points outside the
 * repository (the team handbook, ../shared/).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const SKIP_DIRS = new Set(['node_modules', 'out', 'dist', 'dist-pkg', 'test-results', 'playwright-report', '.git', 'resources']);
const TEXT = /\.(ts|tsx|mts|mjs|cjs|js|json|md|yml|yaml|css|html|sh|sql)$|^(run|\.gitignore|\.gitattributes|\.prettierignore)$/;
const self = path
  .relative(root, import.meta.filename)
  .split(path.sep)
  .join('/');

function repoFiles(dir = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) out.push(...repoFiles(rel));
    } else if (entry.isFile() && TEXT.test(entry.name) && entry.name !== 'package-lock.json') {
      out.push(rel);
    }
  }
  return out;
}

const files = repoFiles().filter((f) => f !== self);
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const hubApi = read('docs/HUB-API.md');

/** The text of a top-level section ("## 9. …" up to the next "## "). */
function sectionText(top: string): string {
  const start = hubApi.search(new RegExp(`^## ${top}\\. `, 'm'));
  if (start < 0) return '';
  const rest = hubApi.slice(start + 1).search(/^## /m);
  return hubApi.slice(start, rest < 0 ? undefined : rest + start + 1);
}

/**
 * Section numbers of docs/HUB-API.md: headings ("## 3. …", "### 3.11 …"), and in a section without
 * subsections its numbered items (§9.10: the tenth gap).
 */
const sections = new Set([...hubApi.matchAll(/^#{2,4} (\d+(?:\.\d+)*)\.? /gm)].map((m) => m[1]!));
for (const top of [...sections].filter((s) => !s.includes('.'))) {
  if ([...sections].some((s) => s.startsWith(`${top}.`))) continue;
  for (const m of sectionText(top).matchAll(/^(\d+)\. /gm)) sections.add(`${top}.${m[1]}`);
}

/** The numbered quirks of §5. */
function quirksOfSection5(): Set<string> {
  const quirks = sectionText('5').split(/\*\*Quirks:\*\*/)[1] ?? '';
  return new Set([...quirks.matchAll(/^\s+(\d+)\. /gm)].map((m) => m[1]!));
}

interface Citation {
  file: string;
  text: string;
  sections: string[];
  quirk: string | null;
}

function citations(): Citation[] {
  const found: Citation[] = [];
  for (const file of files.filter((f) => !f.startsWith('docs/'))) {
    for (const m of read(file).matchAll(/(RFC \d+ )?§ ?(\d+(?:\.\d+)*)(?:[-–](\d+(?:\.\d+)*))?( quirk (\d+))?/g)) {
      if (m[1]) continue; // another document's sections (RFC 6068 §2)
      found.push({ file, text: m[0], sections: [m[2]!, ...(m[3] ? [m[3]] : [])], quirk: m[5] ?? null });
    }
  }
  return found;
}

describe('docs/HUB-API.md', () => {
  it('holds every section the code cites', () => {
    const cited = citations();
    expect(cited.length, 'the code cites the reference often; finding few means the search broke').toBeGreaterThan(60);
    const missing = cited.filter((c) => c.sections.some((s) => !sections.has(s))).map((c) => `${c.file}: ${c.text}`);
    expect(missing).toEqual([]);
  });

  it('holds every quirk of §5 the code cites', () => {
    const quirks = quirksOfSection5();
    expect(quirks.size).toBeGreaterThanOrEqual(10);
    const cited = citations().filter((c) => c.quirk);
    expect(cited.length).toBeGreaterThan(0);
    expect(cited.filter((c) => !quirks.has(c.quirk!)).map((c) => `${c.file}: ${c.text}`)).toEqual([]);
  });

  it('keeps its sections numbered in order', () => {
    const numbers = [...hubApi.matchAll(/^## (\d+)\. /gm)].map((m) => Number(m[1]));
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i));
  });
});

describe('the repository stands on its own', () => {
  it('points nowhere outside it: no handbook, no ../shared/ notes', () => {
    const outside =
      /\.\.\/shared\/(DESIGN|docs|seed)|shared\/(docs|seed)\/|DESIGN\.md|360dialog-api\.md|spreadsheet-import\.md|managing-your-clients\.txt|handbook/i;
    const hits = files.flatMap((file) =>
      read(file)
        .split('\n')
        .map((line, i) => ({ line, at: `${file}:${i + 1}` }))
        .filter(({ line }) => outside.test(line))
        .map(({ at, line }) => `${at}: ${line.trim()}`),
    );
    expect(hits).toEqual([]);
  });

  it('has every docs/*.md that a file names', () => {
    const named = new Set(files.flatMap((file) => [...read(file).matchAll(/\bdocs\/([A-Z][A-Z0-9-]*\.md)\b/g)].map((m) => m[1]!)));
    expect(named.size).toBeGreaterThanOrEqual(5);
    expect([...named].filter((name) => !fs.existsSync(path.join(root, 'docs', name)))).toEqual([]);
  });

  it('resolves the relative links of README and docs/', () => {
    const markdown = files.filter((f) => f === 'README.md' || /^docs\/[^/]+\.md$/.test(f));
    expect(markdown.length).toBeGreaterThanOrEqual(7);
    const broken: string[] = [];
    for (const file of markdown) {
      for (const m of read(file).matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1]!.split('#')[0]!;
        if (!target || /^[a-z]+:/.test(target)) continue;
        if (!fs.existsSync(path.resolve(root, path.dirname(file), target))) broken.push(`${file}: ${m[1]}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("leads a developer from README's development section to the docs", () => {
    const readme = read('README.md');
    const development = readme.slice(readme.indexOf('## Development'));
    for (const doc of ['ARCHITECTURE', 'CONTRIBUTING', 'TESTING', 'HUB-API']) expect(development).toContain(`(docs/${doc}.md)`);
  });
});
