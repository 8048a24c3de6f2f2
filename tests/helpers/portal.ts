import { mkdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { approve, writeItem, type ContentInput } from '../../src/app/items.js';
import { putCategory } from '../../src/app/portalAdmin.js';
import type { ItemRecord } from '../../src/app/ports.js';
import type { Desk } from './desk.js';

/** The usual path of an in-house item: an editor writes it, another editor, the secretary and the deputy approve. */
export async function publishThrough(desk: Desk, content: ContentInput, category: string | null = null): Promise<ItemRecord> {
  const written = await writeItem(desk.deps, desk.id.editor1, 'tinh', { kind: 'article', category, content });
  if (!written.ok) throw new Error(`write refused: ${written.reason}`);
  let item = written.value;
  for (const who of ['editor2', 'secretary', 'deputy'] as const) {
    const r = await approve(desk.deps, desk.id[who], item.code, item.revision.contentHash);
    if (!r.ok) throw new Error(`${who} refused: ${r.reason}`);
    item = r.value;
  }
  if (item.state !== 'published') throw new Error(`not published: ${item.state}`);
  return item;
}

export async function seedCategories(desk: Desk): Promise<void> {
  await putCategory(desk.deps, { key: 'thoi-su', nameVi: 'Thời sự', nameEn: 'Current affairs', position: 1 });
  await putCategory(desk.deps, { key: 'kinh-te', nameVi: 'Kinh tế', nameEn: 'Economy', position: 2 });
}

/** Stores a file the way the chat intake does (`yyyy-mm/<sha-256>.<ext>`) and returns its ref. */
export function storeMedia(mediaDir: string, bytes: Buffer, ext: string): string {
  const ref = `2026-11/${createHash('sha256').update(bytes).digest('hex')}.${ext}`;
  mkdirSync(dirname(join(mediaDir, ref)), { recursive: true });
  writeFileSync(join(mediaDir, ref), bytes);
  return ref;
}
