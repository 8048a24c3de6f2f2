import { InvalidArgumentError, type Command } from 'commander';
import { formatLocal, localDateTime } from '../core/dates.js';
import { cancelMaintenance, putCategory, scheduleMaintenance, setFeatured, setSiteContact } from '../app/portalAdmin.js';
import { configOrExit } from '../config.js';
import { fail, withStore } from './common.js';

/** Terminal commands for what the public portal shows. */

function localTime(value: string): Date {
  const at = localDateTime(value, configOrExit().timeZone);
  if (!at) throw new InvalidArgumentError('giờ không hợp lệ, gõ dd/mm/yyyy HH:mm / not a time, type dd/mm/yyyy HH:mm');
  return at;
}

export function addPortalCommands(program: Command): void {
  const portal = program.command('portal').description('Cổng thông tin công khai / the public portal');

  portal
    .command('category')
    .description('Thêm hoặc sửa chuyên mục / add or rename a section')
    .argument('<key>', 'mã chuyên mục, vd. kinh-te / section key')
    .requiredOption('--name-vi <name>', 'tên tiếng Việt / Vietnamese name')
    .requiredOption('--name-en <name>', 'tên tiếng Anh / English name')
    .option('--position <n>', 'thứ tự trên thanh điều hướng / menu order', (v) => Number.parseInt(v, 10), 0)
    .action(async (key: string, o: { nameVi: string; nameEn: string; position: number }) =>
      withStore(async (deps) => {
        const r = await putCategory(deps, { key, nameVi: o.nameVi, nameEn: o.nameEn, position: o.position });
        if (!r.ok) fail(r);
        console.log(`Đã lưu chuyên mục / section saved: ${key}`);
      }),
    );

  portal
    .command('categories')
    .description('Liệt kê chuyên mục / list sections')
    .option('--json', 'dạng JSON cho chương trình khác / in JSON, for scripts')
    .action(async (o: { json?: boolean }) =>
      withStore(async (deps) => {
        const all = await deps.store.categories();
        if (o.json) return console.log(JSON.stringify(all.map((c) => ({ key: c.key, nameVi: c.nameVi, nameEn: c.nameEn, position: c.position })), null, 2));
        for (const c of all) console.log(`${c.position}\t${c.key}\t${c.nameVi} / ${c.nameEn}`);
      }),
    );

  portal
    .command('feature')
    .description('Đưa tin lên mục nổi bật (--off để bỏ) / feature an item on the home page (--off to stop)')
    .argument('<code>', 'mã tin / item code')
    .option('--off', 'bỏ nổi bật / stop featuring')
    .action(async (code: string, o: { off?: boolean }) =>
      withStore(async (deps) => {
        const r = await setFeatured(deps, code, !o.off);
        if (!r.ok) fail(r);
        console.log(o.off ? `Đã bỏ nổi bật / no longer featured: ${code}` : `Đã đưa lên nổi bật / featured: ${code}`);
      }),
    );

  portal
    .command('maintenance')
    .description('Hẹn lịch bảo trì: mọi trang hiện thông báo kèm giờ khôi phục / schedule maintenance: every page shows a notice with the restore time')
    // Read as the parser reads values: a time it cannot read is refused in both languages, naming the option.
    .requiredOption('--from <time>', 'bắt đầu, dd/mm/yyyy HH:mm / start', localTime)
    .requiredOption('--until <time>', 'dự kiến khôi phục, dd/mm/yyyy HH:mm / expected restore', localTime)
    .option('--notice-from <time>', 'hiện thông báo từ (mặc định: ngay) / show the notice from (default: now)', localTime)
    .option('--note-vi <text>', 'ghi chú tiếng Việt / Vietnamese note')
    .option('--note-en <text>', 'ghi chú tiếng Anh / English note')
    .action(async (o: { from: Date; until: Date; noticeFrom?: Date; noteVi?: string; noteEn?: string }) =>
      withStore(async (deps) => {
        const r = await scheduleMaintenance(deps, {
          startsAt: o.from,
          restoresAt: o.until,
          ...(o.noticeFrom ? { showFrom: o.noticeFrom } : {}),
          ...(o.noteVi ? { noteVi: o.noteVi } : {}),
          ...(o.noteEn ? { noteEn: o.noteEn } : {}),
        });
        if (!r.ok) fail(r);
        const m = r.value;
        console.log(`Đã hẹn bảo trì / maintenance scheduled: ${formatLocal(m.startsAt, deps.timeZone)} → ${formatLocal(m.restoresAt, deps.timeZone)} (id ${m.id})`);
      }),
    );

  portal
    .command('maintenances')
    .description('Lịch bảo trì chưa kết thúc, kèm mã để hủy / maintenance windows not yet over, with the id to cancel one')
    .option('--json', 'dạng JSON cho chương trình khác / in JSON, for scripts')
    .action(async (o: { json?: boolean }) =>
      withStore(async (deps) => {
        const windows = await deps.store.maintenances(deps.clock());
        if (o.json) return console.log(JSON.stringify(windows, null, 2));
        if (!windows.length) return console.log('Không có lịch bảo trì nào sắp tới / no maintenance scheduled');
        const at = (d: Date) => formatLocal(d, deps.timeZone);
        for (const m of windows) {
          const notes = [m.noteVi, m.noteEn].filter(Boolean).join(' / ');
          console.log(`${m.id}\t${at(m.startsAt)} → ${at(m.restoresAt)}\tthông báo từ / notice from ${at(m.showFrom)}${notes ? `\t${notes}` : ''}`);
        }
      }),
    );

  portal
    .command('maintenance-cancel')
    .description('Hủy lịch bảo trì / cancel a maintenance window')
    .argument('<id>')
    .action(async (id: string) =>
      withStore(async (deps) => {
        const r = await cancelMaintenance(deps, id);
        if (!r.ok) fail(r);
        console.log(`Đã hủy / cancelled: ${id}`);
      }),
    );

  portal
    .command('contact')
    .description('Thông tin chân trang: người chịu trách nhiệm, địa chỉ, điện thoại, thư điện tử / footer contact lines')
    .argument('<site-key>')
    .option('--responsible <name>')
    .option('--address <text>')
    .option('--phone <text>')
    .option('--email <text>')
    .action(async (siteKey: string, o: { responsible?: string; address?: string; phone?: string; email?: string }) =>
      withStore(async (deps) => {
        const r = await setSiteContact(deps, siteKey, o);
        if (!r.ok) fail(r);
        console.log(`Đã lưu / saved: ${siteKey}`);
      }),
    );
}
