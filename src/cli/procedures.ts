import type { Command } from 'commander';
import { addProcedure, removeProcedure } from '../app/procedures.js';
import { bilingual, message } from '../core/messages.js';
import { proceduresOf } from '../core/portal/procedures.js';
import { echoed, fail, withStore } from './common.js';

/** `portal-hub procedure add|list|remove`: a site's administrative procedures, as links to the public-service portal (Điều 13.1). */
export function addProcedureCommands(program: Command): void {
  const procedure = program.command('procedure').description('Thủ tục hành chính của trang: liên kết tới Cổng dịch vụ công / a site’s administrative procedures: links to the public-service portal');

  procedure
    .command('add')
    .description('Thêm liên kết một thủ tục (chỉ tới máy chủ trong PUBLIC_SERVICE_HOSTS) / link a procedure (hosts in PUBLIC_SERVICE_HOSTS only)')
    .argument('<site-key>')
    .requiredOption('--name <tên>', 'tên thủ tục / the procedure’s name (Vietnamese)')
    .option('--name-en <name>', 'tên tiếng Anh / its English name (default: the Vietnamese)')
    .requiredOption('--url <url>', 'địa chỉ thủ tục trên Cổng dịch vụ công / its address on the public-service portal')
    .action(async (siteKey: string, o: { name: string; nameEn?: string; url: string }) =>
      withStore(async (deps, config) => {
        const done = await addProcedure(deps, siteKey, { nameVi: o.name, ...(o.nameEn === undefined ? {} : { nameEn: o.nameEn }), url: o.url }, config.publicServiceHosts);
        if (!done.ok) fail(done);
        const added = done.value.list.at(-1)!;
        console.log(bilingual('proc_added', { name: echoed(added.nameVi), site: done.value.site.key, count: String(done.value.list.length) }));
      }),
    );

  procedure
    .command('list')
    .description('Các thủ tục của trang / the site’s procedures')
    .argument('<site-key>')
    .action(async (siteKey: string) =>
      withStore(async (deps) => {
        const site = await deps.store.siteByKey(siteKey.trim().toLowerCase());
        if (!site) fail({ ok: false, reason: 'unknown_site', detail: { site: siteKey } });
        const list = proceduresOf(site.procedures);
        if (list.length === 0) console.log(bilingual('proc_list_none', { site: site.key }));
        for (const l of list) console.log(`• ${echoed(l.nameVi)}${l.nameEn !== l.nameVi ? ` / ${echoed(l.nameEn)}` : ''}\n  ${l.url}`);
        if (list.length > 0) console.log(`${message('vi', 'proc_title')}: ${list.length}`);
      }),
    );

  procedure
    .command('remove')
    .description('Bỏ liên kết một thủ tục / unlink a procedure')
    .argument('<site-key>')
    .requiredOption('--url <url>', 'địa chỉ đã thêm / the address added')
    .action(async (siteKey: string, o: { url: string }) =>
      withStore(async (deps) => {
        const done = await removeProcedure(deps, siteKey, o.url);
        if (!done.ok) fail(done);
        console.log(bilingual('proc_removed', { url: echoed(o.url), site: done.value.site.key, count: String(done.value.list.length) }));
      }),
    );
}
