import type { Command } from 'commander';
import { DEMO_MAX_ITEMS, DEMO_YEARS } from '../core/demo.js';
import { bilingual } from '../core/messages.js';
import { DEMO_MAX_SITES, fillDemo, mayFillDemo } from '../app/demo.js';
import { fail, withStore } from './common.js';

/**
 * `portal-hub demo --items N [--sites K] [--more]`: a sample province archive, for a first look and for
 * benches, in a data folder with nothing else in it. Ctrl-C stops it at the next batch, keeping what was written.
 */

const DEFAULT_SITES = 6;

/** A whole number in range, or the refusal naming what was typed. */
function whole(given: string | undefined, min: number, max: number): number | null {
  if (given === undefined || !/^\d+$/.test(given.trim())) return null;
  const n = Number(given);
  return Number.isSafeInteger(n) && n >= min && n <= max ? n : null;
}

export function addDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('Tạo kho tin mẫu của một tỉnh (trang thành phần, chuyên mục, tin trải 10 năm) / fill a sample province archive')
    .option('--items <n>', `số tin mẫu, 1–${DEMO_MAX_ITEMS} / how many sample items`)
    .option('--sites <k>', `số trang thành phần (sở, huyện, xã), 0–${DEMO_MAX_SITES} / component sites`, String(DEFAULT_SITES))
    .option('--seed <s>', 'hạt giống: cùng hạt, cùng nội dung / seed: the same seed makes the same content', '1')
    .option('--more', 'thêm tin vào kho mẫu đã tạo / add items to a sample archive made before')
    // Unknown options are refused below, in both languages, rather than by commander in English.
    .allowUnknownOption()
    .allowExcessArguments()
    .action(async (o: { items?: string; sites: string; seed: string; more?: boolean }, command: Command) => {
      const stray = command.args[0];
      if (stray !== undefined) fail({ ok: false, reason: 'demo_unknown_option', detail: { option: stray } });
      if (o.items === undefined) fail({ ok: false, reason: 'demo_items_missing' });
      const items = whole(o.items, 1, DEMO_MAX_ITEMS);
      if (items === null) fail({ ok: false, reason: 'demo_items_range', detail: { max: String(DEMO_MAX_ITEMS), given: o.items } });
      const sites = whole(o.sites, 0, DEMO_MAX_SITES);
      if (sites === null) fail({ ok: false, reason: 'demo_sites_range', detail: { max: String(DEMO_MAX_SITES), given: o.sites } });
      const seed = whole(o.seed, 0, 2 ** 31 - 1);
      if (seed === null) fail({ ok: false, reason: 'demo_seed_bad', detail: { given: o.seed } });
      // The hints name the folder in use, so the line they give runs on it.
      const data = (command.optsWithGlobals() as { data?: string }).data;
      const inFolder = data ? ` --data ${/\s/.test(data) ? `"${data}"` : data}` : '';
      await withStore(async (deps) => {
        const more = o.more === true;
        const allowed = await mayFillDemo(deps, more);
        if (!allowed.ok) fail({ ...allowed, detail: { ...allowed.detail, data: inFolder } });
        // Ctrl-C: the batch being written completes (one transaction), then the run stops and says so.
        let interrupted = false;
        const onInterrupt = () => {
          interrupted = true;
        };
        process.once('SIGINT', onInterrupt);
        const began = performance.now();
        let shown = began;
        console.log(bilingual('demo_started', { items: String(items), sites: String(sites + 1), province: (await deps.store.sites())[0]?.key ?? 'tinh', years: String(DEMO_YEARS) }));
        const r = await fillDemo(deps, { items, sites, seed, more, stop: () => interrupted }, (done, total) => {
          const now = performance.now();
          if (done < total && now - shown < 2000) return;
          shown = now;
          const rate = Math.round(done / Math.max(0.001, (now - began) / 1000));
          console.log(bilingual('demo_progress', { done: String(done), total: String(total), rate: String(rate) }));
        });
        process.removeListener('SIGINT', onInterrupt);
        if (!r.ok) fail(r);
        const v = r.value;
        if (v.people > 0) console.log(bilingual('demo_people', { count: String(v.people), site: v.province.key }));
        if (v.stopped) {
          console.error(bilingual('demo_interrupted', { written: String(v.written), items: String(items), total: String(v.total), rest: String(items - v.written), data: inFolder }));
          process.exitCode = 130;
          return;
        }
        console.log(bilingual('demo_done', {
          items: String(v.written), featured: String(v.featured), gone: String(v.takenDown), first: v.firstCode, last: v.lastCode,
          seconds: ((performance.now() - began) / 1000).toFixed(1), total: String(v.total),
        }));
      });
    });
}
