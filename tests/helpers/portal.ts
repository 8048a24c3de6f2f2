import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { approve, writeItem, type ContentInput } from '../../src/app/items.js';
import { putCategory } from '../../src/app/portalAdmin.js';
import type { ItemRecord } from '../../src/app/ports.js';
import { formTokenKey } from '../../src/core/interactions/formToken.js';
import type { FormSettings } from '../../src/http/portal/feedback.js';
import { publicWeb } from '../../src/http/web.js';
import { keepMedia } from '../../src/store/mediaFiles.js';
import { seedDesk, type Desk } from './desk.js';

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

/** Stores a file through the chat intake's own code (type sniffed from the bytes) and returns its ref. */
export async function storeMedia(mediaDir: string, bytes: Buffer, receivedAt = new Date('2026-11-20T03:00:00Z')): Promise<string> {
  const kept = await keepMedia(bytes, 'test-file', { dir: mediaDir, maxBytes: Number.MAX_SAFE_INTEGER }, receivedAt);
  if (!kept.ok) throw new Error(`the intake refused the test file: ${kept.reason}`);
  return kept.ref;
}

export const BASE = 'https://portal.example.test';

/** The comment form's key in fixtures (the service derives its own from HUB_SECRET). */
export const FORM_KEY = formTokenKey('portal-fixture-hub-secret-0123456789abcdef');

/** A seeded desk and the public web over it, served in-process (Hono's request(), no socket). */
export async function portalFixture(url: string, options: { baseUrl?: string; forms?: Partial<FormSettings> } = {}) {
  const desk = await seedDesk(url);
  await seedCategories(desk);
  const mediaDir = mkdtempSync(join(tmpdir(), 'portal-hub-media-'));
  const forms: FormSettings = { key: FORM_KEY, perMinute: 5, minSeconds: 3, trustedProxies: new Set(), ...options.forms };
  const web = publicWeb({ deps: desk.deps, baseUrl: options.baseUrl ?? BASE, mediaDir, emc: null, forms });
  const get = (path: string, headers: Record<string, string> = {}) => web.app.request(path, { headers });
  const page = async (path: string, headers: Record<string, string> = {}) => {
    const r = await get(path, headers);
    return { status: r.status, headers: r.headers, text: await r.text() };
  };
  const close = async () => {
    await desk.store.close();
    rmSync(mediaDir, { recursive: true, force: true });
  };
  return { desk, web, mediaDir, get, page, close };
}

export type PortalFixture = Awaited<ReturnType<typeof portalFixture>>;

/** Polls until `check` holds; returns the milliseconds it took, or throws after `limitMs`. */
export async function within(limitMs: number, check: () => Promise<boolean>): Promise<number> {
  const started = performance.now();
  for (;;) {
    // When the passing check was asked, not when its answers were read: eight cold pages at once on a loaded
    // machine take a while to come back, and that is not how late the change showed.
    const asked = performance.now() - started;
    if (await check()) return asked;
    if (performance.now() - started > limitMs) throw new Error(`not true within ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
