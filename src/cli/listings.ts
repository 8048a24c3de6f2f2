import type { Command } from 'commander';
import { grantLines, personDetail, personLines, siteLines } from '../app/listings.js';
import { formatLocal } from '../core/dates.js';
import { bilingual, message } from '../core/messages.js';
import type { PersonRecord } from '../app/ports.js';
import { fail, personId, withStore } from './common.js';

/** Rows as aligned columns: what an operator reads in a terminal. */
function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/**
 * When a grant ends: a day typed alone ends at the next midnight, and is shown as that day, the way it was
 * typed (hết ngày 31/12/2027 / through 31/12/2027), not as 00:00 of the day after.
 */
function until(d: Date | null, timeZone: string): string {
  if (d === null) return '—';
  const shown = formatLocal(d, timeZone);
  if (!shown.startsWith('00:00 ')) return shown;
  const day = formatLocal(new Date(d.getTime() - 1), timeZone).split(' ')[1] ?? shown;
  return `${message('vi', 'cli_through_day', { day })} / ${message('en', 'cli_through_day', { day })}`;
}

/** A grant's state in both languages; --json keeps the plain value scripts test for. */
const stateShown = (state: string): string => `${message('vi', `grant_state_${state}`)} / ${message('en', `grant_state_${state}`)}`;

const JSON_OPTION = ['--json', 'dạng JSON cho chương trình khác / in JSON, for scripts'] as const;

export function addPersonListing(person: Command): void {
  person
    .command('list')
    .description('Danh sách người dùng và vai trò đang có / everyone on file and the roles they hold')
    .option(...JSON_OPTION)
    .action(async (o: { json?: boolean }) =>
      withStore(async (deps) => {
        const lines = await personLines(deps);
        if (o.json) return console.log(JSON.stringify(lines, null, 2));
        const named = (p: PersonRecord) => (p.deactivatedAt ? `${p.displayName} ${message('vi', 'person_left_mark', { day: formatLocal(p.deactivatedAt, deps.timeZone).split(' ')[1] ?? '' })}` : p.displayName);
        console.log(table(['id', 'họ tên / name', 'e-mail', 'vai trò / roles'], lines.map((p) => [p.id, named(p), `${p.email ?? '—'}${p.sameEmail.length ? ' (!)' : ''}`, p.roles.join(', ') || '—'])));
        // Two people under one address: grant --person EMAIL cannot tell them apart until the operator does.
        const shared = lines.filter((p) => p.sameEmail.length);
        if (shared.length) console.log(`\n(!) Trùng thư điện tử, dùng mã (id) thay cho e-mail / same e-mail on several people, use the id: ${shared.map((p) => p.id).join(', ')}`);
      }),
    );
}

export function addPersonShow(person: Command): void {
  person
    .command('show')
    .description('Một người: thư điện tử, mọi vai trò (kể cả đã hết), tài khoản chat đã liên kết / one person: e-mail, every grant, linked chat accounts')
    .argument('<person>', 'mã hoặc thư điện tử / id or e-mail')
    .option(...JSON_OPTION)
    .action(async (ref: string, o: { json?: boolean }) =>
      withStore(async (deps) => {
        const detail = await personDetail(deps, await personId(deps, ref));
        if (!detail) return fail({ ok: false, reason: 'unknown_person', detail: { person: ref } });
        if (o.json) return console.log(JSON.stringify(detail, null, 2));
        const p = detail.person;
        const when = (d: Date | null) => (d ? formatLocal(d, deps.timeZone) : '—');
        if (p.deactivatedAt) console.log(bilingual('person_left_line', { day: formatLocal(p.deactivatedAt, deps.timeZone) }));
        console.log(`${p.displayName}  (id ${p.id})\ne-mail: ${p.email ?? '—'}${p.sameEmail.length ? ` (!) ${p.sameEmail.join(', ')}` : ''}\nngôn ngữ / language: ${p.lang}`);
        console.log(`chat: ${detail.chats.map((c) => `${c.platform}${c.username ? ` @${c.username}` : ''}`).join(', ') || '— (chưa liên kết / not linked: link-code)'}`);
        console.log(`\n${table(['site', 'role', 'từ / from', 'đến / until', 'trạng thái / state'], detail.grants.map((g) => [g.site, g.role, when(g.from), until(g.until, deps.timeZone), stateShown(g.state)]))}`);
      }),
    );
}

export function addSiteListing(site: Command): void {
  site
    .command('list')
    .description('Danh sách trang / every site')
    .option(...JSON_OPTION)
    .action(async (o: { json?: boolean }) =>
      withStore(async (deps) => {
        const sites = await siteLines(deps);
        if (o.json) return console.log(JSON.stringify(sites, null, 2));
        const keyOf = new Map(sites.map((s) => [s.id, s.key]));
        console.log(table(['key', 'kind', 'prefix', 'tên / name', 'parent', 'domain', 'editors/tech'], sites.map((s) => [s.key, s.kind, s.codePrefix, s.nameVi, s.parentId ? (keyOf.get(s.parentId) ?? '?') : '—', s.domain ?? '—', `${s.maxEditors}/${s.maxTechAdmins}`])));
      }),
    );
}

export function addGrantListing(grant: Command): void {
  grant
    .command('list')
    .description('Các vai trò đã cấp, kể cả đã hết hạn hay thu hồi / every grant, ended and revoked ones too')
    .option('--site <key>', 'chỉ một trang / one site')
    .option(...JSON_OPTION)
    // `grant` takes --site too and reads it first: the merged options hold it wherever it was typed.
    .action(async (_o: unknown, command: Command) => {
      const o = command.optsWithGlobals<{ site?: string; json?: boolean }>();
      return withStore(async (deps) => {
        const lines = await grantLines(deps, o.site ?? null);
        if (lines === null) return fail({ ok: false, reason: 'unknown_site', detail: { site: o.site ?? '' } });
        if (o.json) return console.log(JSON.stringify(lines, null, 2));
        const when = (d: Date | null) => (d ? formatLocal(d, deps.timeZone) : '—');
        console.log(table(['site', 'role', 'người / person', 'e-mail', 'từ / from', 'đến / until', 'trạng thái / state'], lines.map((g) => [g.site, g.role, g.person.name, g.person.email ?? '—', when(g.from), until(g.until, deps.timeZone), stateShown(g.state)])));
      });
    });
}
