import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildIsFresh, contentHash } from '../../scripts/buildState.mjs';

/** Whether dist/ still matches the sources, as bin/portal-hub.mjs, npm start and the compiled service ask it. */
describe('a build is fresh while its sources are', () => {
  const root = mkdtempSync(join(tmpdir(), 'portal-hub-build-state-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const source = join(root, 'src', 'a.ts');
  mkdirSync(join(root, 'src'));
  mkdirSync(join(root, 'dist'));
  const record = (entry: unknown) => writeFileSync(join(root, 'dist', 'build.json'), JSON.stringify({ builtAt: '2026-12-04T00:00:00Z', sources: { 'src/a.ts': entry } }));
  const touch = (seconds: number) => utimesSync(source, seconds, seconds);

  it('a source rewritten with the same bytes (npm install regenerating the Prisma client) keeps it fresh; other bytes do not', () => {
    writeFileSync(source, 'export const a = 1;\n');
    touch(1_000);
    record([1_000_000, contentHash(source)]);
    expect(buildIsFresh(root)).toBe(true);
    touch(2_000);
    expect(buildIsFresh(root)).toBe(true);
    writeFileSync(source, 'export const a = 2;\n');
    expect(buildIsFresh(root)).toBe(false);
    rmSync(source);
    expect(buildIsFresh(root)).toBe(false);
  });

  it('a build.json of an earlier release (times alone) is read as before: a moved time is a change', () => {
    writeFileSync(source, 'export const a = 1;\n');
    touch(1_000);
    record(1_000_000);
    expect(buildIsFresh(root)).toBe(true);
    touch(2_000);
    expect(buildIsFresh(root)).toBe(false);
  });
});
