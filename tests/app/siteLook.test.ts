import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSite } from '../../src/app/people.js';
import { setSiteLook } from '../../src/app/siteLook.js';
import type { SiteRecord } from '../../src/app/ports.js';
import { bilingual } from '../../src/core/messages.js';
import { runCli } from '../helpers/cli.js';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';
import { seedDesk, TEST_HUB_SECRET, type Desk } from '../helpers/desk.js';
import { jpegBytes } from '../helpers/mediaBytes.js';

/** A 2 MB file that starts as a PNG: refused by its size before anything reads it as a picture. */
const twoMegabytes = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(2 * 1024 * 1024)]);
/** PNG's signature and a header chunk, then nothing a decoder can use. */
const brokenPng = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from('IHDR'), Buffer.alloc(64, 7)]);
const SVG = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>';

/** Issue 20.2: a site's emblem and colour, from the use case and the terminal, on both databases. */
describe.each(BACKENDS)('a site’s emblem and colour on $name', (backend) => {
  let db: TestDatabase | null = null;
  let seeded: Desk | null = null;
  const desk = (): Desk => {
    if (!seeded) throw new Error('no desk: this backend is skipped');
    return seeded;
  };
  const dir = mkdtempSync(join(tmpdir(), 'portal-hub-look-'));
  const mediaDir = join(dir, 'media');
  const files = (name: string, bytes: Buffer | string) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  };
  const emblems = () => {
    try {
      return readdirSync(join(mediaDir, 'emblems')).sort();
    } catch {
      return [];
    }
  };
  /** The site's row, the trail's head and the emblem files: what a refusal must leave as it was. */
  const state = async () => ({ site: await desk().store.siteByKey('so-y-te'), head: await desk().store.changeStamp(), files: emblems() });
  let site: SiteRecord;

  beforeAll(async () => {
    if (backend.skip) return;
    db = await backend.fresh();
    seeded = await seedDesk(db.url);
    const made = await createSite(desk().deps, { key: 'so-y-te', kind: 'department', nameVi: 'Sở Y tế', nameEn: 'Department of Health', codePrefix: 'SYT', parentKey: 'tinh' });
    if (!made.ok) throw new Error(made.reason);
    site = made.value;
  });
  afterAll(async () => {
    await seeded?.store.close();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(backend.skip)('keeps the emblem re-encoded as square PNGs of 128 and 256 px, and the colour, audited', async () => {
    expect([site.emblem, site.accentColour]).toEqual([null, null]);
    // A wide JPEG: contained in the square, never cropped, and stored as PNG whatever was sent.
    const photo = files('logo.jpg', await jpegBytes('#0b5394', 600, 300));
    const r = await setSiteLook(desk().deps, mediaDir, 'so-y-te', { emblemPath: photo, colour: '#0B5394' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.emblem).toMatch(/^emblems\/[0-9a-f]{64}$/);
    expect(r.value.accentColour).toBe('#0b5394');
    const hash = r.value.emblem!.slice('emblems/'.length);
    expect(emblems()).toEqual([`${hash}-128.png`, `${hash}-256.png`]);
    for (const size of [128, 256]) {
      const meta = await sharp(join(mediaDir, 'emblems', `${hash}-${size}.png`)).metadata();
      expect([meta.format, meta.width, meta.height, meta.hasAlpha]).toEqual(['png', size, size, true]);
    }
    const rows = await desk().store.auditRowsBetween((await desk().store.changeStamp()) - 1, await desk().store.changeStamp(), 5);
    expect(rows.map((row) => [row.action, row.subjectId])).toEqual([['site.look', site.id]]);
    expect(JSON.parse(rows[0]!.data)).toEqual({ emblem: { from: null, to: r.value.emblem }, accentColour: { from: null, to: '#0b5394' } });
    // The same again changes nothing and says so.
    expect(await setSiteLook(desk().deps, mediaDir, 'so-y-te', { colour: '0b5394' })).toMatchObject({ ok: false, reason: 'nothing_to_change' });
  });

  it.skipIf(backend.skip)('refuses bad bytes, SVG, 2 MB and a light colour, each in Vietnamese then English, with nothing stored', async () => {
    const before = await state();
    const good = files('ok.png', await sharp({ create: { width: 64, height: 64, channels: 4, background: '#ff0000' } }).png().toBuffer());
    const cases: [Parameters<typeof setSiteLook>[3], string, RegExp][] = [
      [{ emblemPath: files('text.png', 'không phải ảnh, chỉ là chữ') }, 'site_emblem_bad_type', /^Tệp “text.png” không phải ảnh PNG, JPEG hay WebP[\s\S]*\nThe file “text.png” is not a PNG, JPEG or WebP picture/],
      [{ emblemPath: files('logo.svg', SVG) }, 'site_emblem_svg', /^Không nhận biểu trưng SVG[\s\S]*\nSVG emblems are not taken/],
      [{ emblemPath: files('broken.png', brokenPng()) }, 'site_emblem_broken', /^Tệp “broken.png” mở đầu như ảnh PNG[\s\S]*\nThe file “broken.png” starts like a PNG picture/],
      [{ emblemPath: files('big.png', twoMegabytes()) }, 'site_emblem_too_large', /^Tệp biểu trưng “big.png” nặng 2049 KB, quá giới hạn 1024 KB[\s\S]*\nThe emblem file “big.png” is 2049 KB, over the 1024 KB limit/],
      [{ emblemPath: join(dir, 'missing.png') }, 'site_emblem_unreadable', /ENOENT/],
      // A device that never ends, a folder: refused as not a file, before a byte is read (it used to hang on /dev/zero).
      [{ emblemPath: '/dev/zero' }, 'site_emblem_unreadable', /^Không đọc được tệp biểu trưng “\/dev\/zero”: không phải tệp \/ not a file[\s\S]*\nCannot read the emblem file/],
      [{ emblemPath: dir }, 'site_emblem_unreadable', /không phải tệp \/ not a file/],
      // A good emblem with a colour that fails: neither is kept.
      [{ emblemPath: good, colour: '#ffeb99' }, 'site_colour_low_contrast', /^Màu #ffeb99 chỉ đạt độ tương phản 1,19:1[\s\S]*\nColour #ffeb99 has a contrast ratio of only 1.19:1/],
      [{ colour: 'xanh' }, 'site_colour_bad', /^Màu “xanh” không hợp lệ/],
      [{}, 'site_look_nothing', /--emblem, --colour/],
    ];
    for (const [change, reason, said] of cases) {
      const r = await setSiteLook(desk().deps, mediaDir, 'so-y-te', change);
      expect(r, reason).toMatchObject({ ok: false, reason });
      if (!r.ok) expect(bilingual(r.reason, r.detail), reason).toMatch(said);
      expect(await state(), reason).toEqual(before);
    }
    expect(await setSiteLook(desk().deps, mediaDir, 'khong-co', { colour: '#0b5394' })).toMatchObject({ ok: false, reason: 'unknown_site' });
  });

  it.skipIf(backend.skip)('from the terminal: site add and site edit take --emblem and --colour; a refusal changes nothing, names included', async () => {
    const env = { DATABASE_URL: db!.url, HUB_SECRET: TEST_HUB_SECRET, TIMEZONE: 'Asia/Ho_Chi_Minh', MEDIA_DIR: mediaDir };
    const emblem = files('huyen.png', await sharp({ create: { width: 300, height: 500, channels: 3, background: '#225522' } }).png().toBuffer());
    const added = await runCli(['site', 'add', '--key', 'huyen-a', '--kind', 'district', '--name-vi', 'UBND huyện A', '--name-en', 'District A', '--prefix', 'HA', '--parent', 'tinh', '--emblem', emblem, '--colour', '#225522'], env);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/Đã lưu giao diện trang huyen-a: biểu trưng \/emblems\/[0-9a-f]{64}-128\.png, màu #225522\./);
    const district = await desk().store.siteByKey('huyen-a');
    expect(district?.accentColour).toBe('#225522');
    expect(emblems()).toContain(`${district!.emblem!.slice('emblems/'.length)}-256.png`);

    // A light colour refused at add: no site is added.
    const refusedAdd = await runCli(['site', 'add', '--key', 'xa-b', '--kind', 'commune', '--name-vi', 'Xã B', '--name-en', 'Commune B', '--prefix', 'XB', '--parent', 'huyen-a', '--colour', 'ffeb99'], env);
    expect(refusedAdd.code).toBe(1);
    expect(refusedAdd.stderr).toMatch(/Màu #ffeb99 chỉ đạt độ tương phản 1,19:1[\s\S]*\nColour #ffeb99 has a contrast ratio of only 1\.19:1/);
    expect(await desk().store.siteByKey('xa-b')).toBeNull();

    // A 2 MB emblem with a new name: the name stays as it was.
    const before = await state();
    const big = await runCli(['site', 'edit', 'so-y-te', '--name-vi', 'Sở Y tế tỉnh', '--emblem', files('big2.png', twoMegabytes())], env);
    expect(big.code).toBe(1);
    expect(big.stderr).toContain('nặng 2049 KB, quá giới hạn 1024 KB');
    expect(await state()).toEqual(before);

    // /dev/zero from the terminal: refused at once, not read for ever.
    const zero = await runCli(['site', 'edit', 'so-y-te', '--emblem', '/dev/zero'], env);
    expect(zero.code).toBe(1);
    expect(zero.stderr).toMatch(/không phải tệp \/ not a file/);
    expect(await state()).toEqual(before);

    // Cleared from the terminal: the portal's own look again.
    const cleared = await runCli(['site', 'edit', 'huyen-a', '--emblem', '', '--colour', ''], env);
    expect(cleared.code, cleared.stderr).toBe(0);
    expect(cleared.stdout).toContain('Đã lưu giao diện trang huyen-a: biểu trưng mặc định của cổng, màu mặc định của cổng.');
    expect(await desk().store.siteByKey('huyen-a')).toMatchObject({ emblem: null, accentColour: null });
  }, 60_000);
});
