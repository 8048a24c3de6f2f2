import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { campaignReport, placeAd, stopAd } from '../app/ads/place.js';
import type { AdRecord } from '../app/ads/ports.js';
import { AD_ZONES, pictureType } from '../core/ads/rules.js';
import { localDay, shownDay } from '../core/dates.js';
import { LANGS, message } from '../core/messages.js';
import { visibleText } from '../core/names.js';
import { actingOperator, fail, withStore } from './common.js';
import { amount, day } from './typed.js';

/** An ad's picture is a banner, not a photo archive. */
const IMAGE_MAX_BYTES = 2 * 1024 * 1024;
const EXTENSION: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp', 'image/gif': 'gif' };
const JSON_OPTION = ['--json', 'dạng JSON cho chương trình khác / in JSON, for scripts'] as const;
const both = (key: string, detail?: Record<string, string>) => LANGS.map((lang) => message(lang, key, detail)).join('\n');

/** The picture checked and kept under the media folder by its content: ads/<sha256>.<ext>. */
async function keepPicture(mediaDir: string, path: string): Promise<{ file: string; type: string; width: number; height: number }> {
  const file = resolve(path);
  let size: number;
  let bytes: Buffer;
  try {
    size = statSync(file).size;
    if (size > IMAGE_MAX_BYTES) return fail({ ok: false, reason: 'ad_image_too_big', detail: { size: String(size), max: String(IMAGE_MAX_BYTES) } });
    bytes = readFileSync(file);
  } catch (error) {
    return fail({ ok: false, reason: 'ad_image_unreadable', detail: { file, code: (error as NodeJS.ErrnoException).code ?? String(error) } });
  }
  const type = pictureType(bytes);
  if (!type) return fail({ ok: false, reason: 'ad_bad_image', detail: { file } });
  // sharp (libvips) reads the size; a picture it cannot read is no picture.
  const { default: sharp } = await import('sharp');
  const meta = await sharp(bytes).metadata().catch(() => null);
  if (!meta?.width || !meta.height) return fail({ ok: false, reason: 'ad_bad_image', detail: { file } });
  const name = `ads/${createHash('sha256').update(bytes).digest('hex')}.${EXTENSION[type] ?? 'bin'}`;
  mkdirSync(join(mediaDir, 'ads'), { recursive: true });
  writeFileSync(join(mediaDir, name), bytes, { mode: 0o640 });
  return { file: name, type, width: meta.width, height: meta.height };
}

/** What a reader sees of the ad today: stopped by the desk, or live and before, within or after its days. */
function shownState(ad: AdRecord, today: string): string {
  if (ad.state === 'stopped') return 'stopped';
  return today < ad.startDay ? 'scheduled' : today > ad.endDay ? 'ended' : 'showing';
}

function adLine(ad: AdRecord, today: string): string {
  const state = shownState(ad, today);
  const words = LANGS.map((lang) => message(lang, `ad_state_${state}`)).join(' / ');
  const fixed = ad.fixed ? LANGS.map((lang) => message(lang, 'ad_fixed')).join(' / ') : '';
  return `${ad.code}\t${words}\t${ad.zone}\t${shownDay(ad.startDay)}–${shownDay(ad.endDay)}\t${ad.weight}\t${fixed}\t${visibleText(ad.alt)}\t${visibleText(ad.targetUrl)}`;
}

/** `ad …`: placing, listing, stopping ads and their per-campaign figures; readers' reports. */
export function addAdCommands(program: Command): void {
  const ad = program.command('ad').description('Quảng cáo trên cổng (Điều 14) / ads on the portal');
  ad.command('place')
    .description('Đặt quảng cáo của hợp đồng đã duyệt vào một vị trí / place an approved contract’s ad in a zone')
    .requiredOption('--contract <code>', 'DV-yyyy-NNN')
    .requiredOption('--zone <zone>', AD_ZONES.join(' | '))
    .requiredOption('--image <file>', 'hình PNG, JPEG, WebP hoặc GIF, tối đa 2 MB / picture, 2 MB at most')
    .requiredOption('--alt <text>', 'mô tả hình cho người không xem được / the picture described')
    .requiredOption('--url <address>', 'địa chỉ khi nhấp / where a click leads')
    .option('--weight <1-100>', 'trọng số khi xoay vòng / rotation weight', '10')
    .requiredOption('--from <dd/mm/yyyy>', 'ngày bắt đầu / first day')
    .requiredOption('--to <dd/mm/yyyy>', 'ngày kết thúc / last day')
    .option('--fixed', 'cố định, không có nút đóng / fixed, no close control')
    .option(...JSON_OPTION)
    .action(async (o: { contract: string; zone: string; image: string; alt: string; url: string; weight: string; from: string; to: string; fixed?: boolean; json?: boolean }) =>
      withStore(async (deps, config) => {
        const startDay = day(o.from);
        const endDay = day(o.to);
        const image = await keepPicture(config.mediaDir, o.image);
        const r = await placeAd(deps, await actingOperator(deps), { contract: o.contract, zone: o.zone, alt: o.alt, targetUrl: o.url, weight: amount(o.weight), startDay, endDay, fixed: o.fixed === true, image });
        if (!r.ok) return fail(r);
        if (o.json) return console.log(JSON.stringify(r.value, null, 2));
        console.log(both('ad_placed', { code: r.value.code, zone: r.value.zone, start: shownDay(startDay), end: shownDay(endDay) }));
      }),
    );
  ad.command('list')
    .description('Quảng cáo, mới nhất trước / ads, newest first')
    .option('--site <key>', 'chỉ một trang / one site only')
    .option(...JSON_OPTION)
    .action(async (o: { site?: string; json?: boolean }) =>
      withStore(async (deps) => {
        const site = o.site === undefined ? null : ((await deps.store.siteByKey(o.site)) ?? fail({ ok: false, reason: 'unknown_site', detail: { site: o.site } }));
        const all = await deps.store.ads(site ? { siteId: site.id } : {}, 500);
        const today = localDay(deps.clock(), deps.timeZone);
        if (o.json) return console.log(JSON.stringify(all.map((a) => ({ ...a, showing: shownState(a, today) })), null, 2));
        if (all.length === 0) return console.log(both('ad_none'));
        console.log(both('ad_list_head'));
        for (const a of all) console.log(adLine(a, today));
      }),
    );
  ad.command('stop')
    .description('Dừng một quảng cáo ngay / take an ad down now')
    .argument('<code>', 'QC-yyyy-NNN')
    .action(async (code: string) =>
      withStore(async (deps) => {
        const r = await stopAd(deps, await actingOperator(deps), code);
        if (!r.ok) return fail(r);
        console.log(both('ad_stopped', { code: r.value.code }));
      }),
    );
  ad.command('report')
    .description('Số liệu của chiến dịch để gửi đối tác: ngày hiển thị, lượt hiển thị, xem, nhấp / a campaign’s figures for its partner')
    .argument('<code>', 'QC-yyyy-NNN')
    .option(...JSON_OPTION)
    .action(async (code: string, o: { json?: boolean }) =>
      withStore(async (deps) => {
        const r = await campaignReport(deps, code);
        if (!r.ok) return fail(r);
        const { ad: a, daysLive, total, days } = r.value;
        if (o.json) return console.log(JSON.stringify({ code: a.code, zone: a.zone, startDay: a.startDay, endDay: a.endDay, daysLive, ...total, days }, null, 2));
        console.log(both('ad_campaign_head', { code: a.code, alt: visibleText(a.alt), days: String(daysLive), impressions: String(total.impressions), views: String(total.views), clicks: String(total.clicks) }));
        for (const d of days) console.log(`${shownDay(d.day)}\t${d.impressions}\t${d.views}\t${d.clicks}`);
      }),
    );
  ad.command('reports')
    .description('Báo cáo vi phạm của bạn đọc / readers’ reports on ads')
    .option(...JSON_OPTION)
    .action(async (o: { json?: boolean }) =>
      withStore(async (deps) => {
        const all = await deps.store.adReports(200);
        if (o.json) return console.log(JSON.stringify(all, null, 2));
        for (const r of all) console.log(`${localDay(r.createdAt, deps.timeZone)}\t${(await deps.store.adById(r.adId))?.code ?? r.adId}\t${visibleText(r.reason)}`);
      }),
    );
}
