import { hostName } from '../core/portal/hosts.js';
import { resolve } from 'node:path';
import { databaseState } from '../store/databaseState.js';
import { Command, Help, InvalidArgumentError } from 'commander';
import { isRole, ROLES, type Role } from '../core/roles.js';
import { deactivatePerson, reactivatePerson, editPerson, registerPerson, createSite, editSite, grant, initialise, issueLinkCode, OPERATOR, revoke, setTeamCaps, SITE_KINDS } from '../app/people.js';
import { configOrExit } from '../config.js';
import { endOfDay, formatLocal, localDateTime } from '../core/dates.js';
import { configSecrets } from '../knownSecrets.js';
import { migrate } from '../store/migrate.js';
import { databaseRefusal } from '../store/errors.js';
import { bilingual, LANGS, logLine, message } from '../core/messages.js';
import { VERSION } from '../version.js';
import { actingFor, echoed, fail, openStore, personId, withStore } from './common.js';
import { addAuditCommands } from './audit.js';
import { addChannelCommands } from './channels.js';
import { addDispatchCommand } from './dispatch.js';
import { addHealthCommand } from './health.js';
import { addPortalCommands } from './portal.js';
import { addZaloCommands } from './zalo.js';
import { addTicketCommands } from './tickets.js';
import { addCalendarCommands } from './calendar.js';
import { addConsultationCommands } from './consultations.js';
import { addSubmitCommand } from './submit.js';
import { addDocumentCommand } from './documents.js';
import { addProcedureCommands } from './procedures.js';
import { addDemoCommand } from './demo.js';
import { addBackupCommands } from './backup.js';
import { addRoyaltyCommands } from './royalties.js';
import { addServiceCommands } from './services.js';
import { addAdCommands } from './ads.js';
import { addPriceListCommands } from './priceLists.js';
import { addReportCommands } from './reports.js';
import { askInitAnswers, givenAnswerProblems, type InitAnswers } from './initInteractive.js';
import { checkDatabase, placeCli, shown } from './place.js';
import { addGrantListing, addPersonListing, addPersonShow, addSiteListing } from './listings.js';
import { keepLook, lookChangeOf, preparedLookOrExit, withLookOptions } from './siteLook.js';

/** Bootstrap commands, for the server operator before any chat exists. */

const REQUIRED_FOR_INIT: [keyof InitAnswers, string][] = [
  ['siteKey', '--site-key'],
  ['nameVi', '--name-vi'],
  ['nameEn', '--name-en'],
  ['prefix', '--prefix'],
  ['adminName', '--admin-name'],
];

function role(value: string): Role {
  if (!isRole(value)) throw new InvalidArgumentError(`vai trò phải là một trong / role must be one of: ${ROLES.join(', ')}`);
  return value;
}

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('cần số nguyên dương / a positive whole number');
  return n;
}

/** Commander's own refusals (it words them in English), said in Vietnamese first, its line kept below. */
const PARSER_REFUSALS: [RegExp, string][] = [
  [/^error: unknown command '([^']*)'/, 'cli_unknown_command'],
  [/^error: unknown option '([^']*)'/, 'cli_unknown_option'],
  [/^error: required option '([^']*)' not specified/, 'cli_missing_option'],
  [/^error: missing required argument '([^']*)'/, 'cli_missing_argument'],
  [/^error: option '([^']*)' argument missing/, 'cli_option_needs_value'],
  [/^error: option '([^']*)' argument '([^']*)' is invalid/, 'cli_invalid_value'],
  [/^error: command-argument value '([^']*)' is invalid for argument '([^']*)'/, 'cli_invalid_value'],
  [/^error: too many arguments/, 'cli_too_many_arguments'],
];

/** Commander's own line quotes what was typed: a pasted page is shown by its start and length there too. */
const longWordsClipped = (text: string) => text.replace(/[^\s'"]{201,}/g, (word) => echoed(word));

function parserRefusal(text: string): string {
  for (const [pattern, key] of PARSER_REFUSALS) {
    const m = pattern.exec(text.trim());
    if (!m) continue;
    const [what, value] = key === 'cli_invalid_value' && text.includes('command-argument') ? [m[2] ?? '', m[1] ?? ''] : [m[1] ?? '', m[2] ?? ''];
    // Commander's own words add only what follows its first sentence: why a value is refused, a "Did you mean".
    // After "too many arguments" commander says how many it expected, in English only: the line above says it.
    const rest = (key === 'cli_too_many_arguments' ? '' : text)
      .trim()
      .slice(m.index + m[0].length)
      .replace(/^[.\s]+/, '')
      .replace(/^\(Did you mean (.+)\?\)$/, (_, what: string) => logLine('cli_did_you_mean', { what }));
    return `${bilingual(key, { what: echoed(what), value: echoed(value) })}\n${rest ? `${longWordsClipped(rest)}\n` : ''}`;
  }
  return longWordsClipped(text);
}

/** Commander's help headings, Vietnamese first like every line of the help (subcommands inherit this). */
const HELP_TITLES: Record<string, string> = {
  'Usage:': 'Cách dùng / Usage:',
  'Options:': 'Tùy chọn / Options:',
  'Commands:': 'Lệnh / Commands:',
  'Arguments:': 'Tham số / Arguments:',
  'Global Options:': 'Tùy chọn chung / Global Options:',
};

/** What commander adds after a description, "(default: 6)", "(choices: …)", in both languages; the description itself is ours. */
const EXTRA_WORDS: Record<string, string> = { 'default: ': 'mặc định / default: ', 'choices: ': 'chọn một / choices: ', 'preset: ': 'khi không ghi giá trị / preset: ', 'env: ': 'biến môi trường / env: ' };
function withBilingualExtras(description: string, described: string): string {
  const extra = described.slice(description.length);
  return description + extra.replace(/\b(default|choices|preset|env): /g, (word) => EXTRA_WORDS[word] ?? word);
}

export function buildCli(): Command {
  const program = new Command('portal-hub')
    .version(VERSION, '-V, --version', 'phiên bản / the version')
    .description('portal-hub: tòa soạn cổng thông tin điện tử / editorial desk of a government portal')
    .configureOutput({ outputError: (text, write) => write(parserRefusal(text)) })
    .configureHelp({
      styleTitle: (title) => HELP_TITLES[title] ?? title,
      optionDescription(option) {
        return withBilingualExtras(option.description, Help.prototype.optionDescription.call(this, option));
      },
      argumentDescription(argument) {
        return withBilingualExtras(argument.description, Help.prototype.argumentDescription.call(this, argument));
      },
    })
    .helpOption('-h, --help', 'xem trợ giúp / display help')
    .helpCommand('help [command]', 'xem trợ giúp của một lệnh / display help for a command')
    .showHelpAfterError();
  // Every audit row a command writes names the OS account at the terminal; --as names the person it was done for.
  placeCli(undefined);
  program
    .option('--as <person>', 'làm thay cho người này (mã hoặc thư điện tử), ghi vào nhật ký / done on behalf of this person (id or e-mail), recorded in the audit trail')
    .option('--data <dir>', 'thư mục dữ liệu (mặc định: data/ của dự án) / the data folder (default: the project’s data/)')
    .hook('preAction', async (_program, action) => {
      const o = action.optsWithGlobals() as { as?: string; data?: string };
      actingFor(o.as ?? null);
      placeCli(o.data);
      await checkDatabase(action);
    });

  program
    .command('init')
    .description('Khởi tạo trang cấp tỉnh và quản trị viên đầu tiên / create the first site and its first admin')
    .option('--site-key <key>', 'mã trang, vd. tinh / site key')
    .option('--name-vi <name>', 'tên tiếng Việt / Vietnamese name')
    .option('--name-en <name>', 'tên tiếng Anh / English name')
    .option('--prefix <prefix>', 'tiền tố mã tin, vd. BP / tracking-code prefix')
    .option('--admin-name <name>', 'họ tên quản trị viên / admin full name')
    .option('--admin-email <email>', 'thư điện tử / e-mail')
    .option('--domain <domain>', 'tên miền, vd. dongnai.gov.vn / domain')
    .option('--interactive', 'hỏi từng câu những gì chưa gõ / ask, one at a time, whatever was not given')
    .action(async (given: Partial<InitAnswers> & { interactive?: boolean }, command: Command) => {
      const { interactive, ...options } = given;
      const missing = REQUIRED_FOR_INIT.filter(([field]) => options[field] === undefined).map(([, flag]) => flag);
      if (!interactive && missing.length > 0) fail({ ok: false, reason: 'init_missing', detail: { options: missing.join(', ') } });
      // Checked before the database or the key file is made: a refused init leaves nothing behind.
      const wrong = givenAnswerProblems(options);
      if (wrong.length > 0) {
        console.error(wrong.join('\n'));
        process.exit(1);
      }
      // Nobody answers seven questions to hear the portal was set up long ago.
      // Looked at without making anything: a stopped interactive init leaves no database and no key behind.
      const there = (await databaseState(configOrExit().databaseUrl)) === 'ready';
      if (interactive && there && (await withStore(async (deps) => deps.store.siteCount())) > 0) fail({ ok: false, reason: 'already_initialised', detail: {} });
      const o = interactive && missing.length > 0 ? await askInitAnswers(options) : (options as InitAnswers);
      if (o === null) {
        console.error(bilingual('init_stopped'));
        process.exit(1);
      }
      await withStore(async (deps) => {
        const site = { key: o.siteKey, kind: 'province', nameVi: o.nameVi, nameEn: o.nameEn, codePrefix: o.prefix, domain: o.domain ?? null };
        const r = await initialise(deps, site, { displayName: o.adminName, email: o.adminEmail ?? null });
        if (!r.ok && r.reason === 'already_initialised') {
          // A portal made by `demo` has sites but nobody to run it: say how to add the first admin.
          const province = (await deps.store.sites())[0];
          const admins = province ? (await deps.store.grantsOnSite(province.id)).filter((g) => g.role === 'admin' && g.revokedAt === null) : [];
          // The way out names the same data folder this init was run on, so it is typed for the same province.
          const data = (command.optsWithGlobals() as { data?: string }).data;
          if (province && admins.length === 0) fail({ ok: false, reason: 'init_no_admin_yet', detail: { site: province.key, data: data ? ` --data ${resolve(data)}` : '' } });
        }
        if (!r.ok) fail(r);
        console.log(`Đã khởi tạo / initialised: site ${r.value.site.key} (${r.value.site.codePrefix}), admin ${r.value.admin.displayName} id=${r.value.admin.id}`);
      });
    });

  const site = program.command('site').description('Trang thành phần / component sites');
  addSiteListing(site);
  withLookOptions(
    site
      .command('add')
      .description('Thêm trang thành phần (sở, huyện, xã) / add a component site')
      .requiredOption('--key <key>', 'mã trang / site key')
      .requiredOption('--kind <kind>', SITE_KINDS.filter((k) => k !== 'province').join(' | '))
      .requiredOption('--name-vi <name>', 'tên tiếng Việt')
      .requiredOption('--name-en <name>', 'English name')
      .requiredOption('--prefix <prefix>', 'tiền tố mã tin / code prefix')
      .requiredOption('--parent <key>', 'trang cấp trên / parent site key')
      .option('--domain <domain>', 'tên miền, vd. dongxoai.dongnai.gov.vn; nhiều tên cách nhau bằng dấu phẩy, tên đầu là địa chỉ chính / host name(s), comma-separated, the first the main one'),
  ).action(async (o: { key: string; kind: string; nameVi: string; nameEn: string; prefix: string; parent: string; domain?: string; emblem?: string; colour?: string }) =>
    withStore(async (deps, config) => {
      // The emblem and colour are checked before the site is added: a refused look adds no site.
      const look = await preparedLookOrExit(lookChangeOf(o));
      refuseProvinceHost(o.domain, config.portalBaseUrl);
      const r = await createSite(deps, { key: o.key, kind: o.kind, nameVi: o.nameVi, nameEn: o.nameEn, codePrefix: o.prefix, parentKey: o.parent, domain: o.domain ?? null });
      if (!r.ok) fail(r);
      console.log(`Đã thêm trang / site added: ${r.value.key}`);
      if (look) await keepLook(deps, config.mediaDir, r.value, look, true);
    }),
  );

  withLookOptions(
    site
      .command('edit')
      .description('Sửa tên, tên miền, biểu trưng hay màu của trang (mã và tiền tố không đổi) / correct a site’s names, domain, emblem or colour (key and prefix stay)')
      .argument('<key>', 'mã trang / site key')
      .option('--name-vi <name>', 'tên tiếng Việt mới')
      .option('--name-en <name>', 'new English name')
      .option('--domain <domain>', 'tên miền mới, nhiều tên cách nhau bằng dấu phẩy ("" để bỏ) / new host name(s), comma-separated ("" to clear)'),
  ).action(async (key: string, o: { nameVi?: string; nameEn?: string; domain?: string; emblem?: string; colour?: string }) =>
    withStore(async (deps, config) => {
      // The look is checked first: a refused emblem or colour leaves the names as they were too.
      const look = await preparedLookOrExit(lookChangeOf(o));
      const naming = o.nameVi !== undefined || o.nameEn !== undefined || o.domain !== undefined;
      let edited = await deps.store.siteByKey(key);
      if (edited?.parentId) refuseProvinceHost(o.domain, config.portalBaseUrl);
      if (naming || !look) {
        const r = await editSite(deps, key, { ...(o.nameVi !== undefined ? { nameVi: o.nameVi } : {}), ...(o.nameEn !== undefined ? { nameEn: o.nameEn } : {}), ...(o.domain !== undefined ? { domain: o.domain } : {}) });
        if (!r.ok) fail(r);
        edited = r.value;
        console.log(bilingual('site_edited', { site: edited.key, changes: `${edited.nameVi} / ${edited.nameEn} / ${edited.domain ?? '—'}` }));
      }
      if (!edited) return fail({ ok: false, reason: 'unknown_site', detail: { site: key } });
      if (look) await keepLook(deps, config.mediaDir, edited, look, naming);
    }),
  );

  site
    .command('caps')
    .description('Số người tối đa của tổ biên tập và tổ kỹ thuật / team caps of a site')
    .requiredOption('--site <key>', 'mã trang / site key')
    .requiredOption('--editors <n>', 'biên tập viên tối đa / most editors', positive)
    .requiredOption('--tech <n>', 'quản trị kỹ thuật tối đa / most technical admins', positive)
    .action(async (o: { site: string; editors: number; tech: number }) =>
      withStore(async (deps) => {
        const r = await setTeamCaps(deps, o.site, { maxEditors: o.editors, maxTechAdmins: o.tech });
        if (!r.ok) fail(r);
        console.log(`${r.value.key}: tối đa ${r.value.maxEditors} biên tập viên, ${r.value.maxTechAdmins} quản trị kỹ thuật / at most ${r.value.maxEditors} editors, ${r.value.maxTechAdmins} technical admins`);
      }),
    );

  const person = program.command('person').description('Người dùng / people');
  person
    .command('add')
    .description('Thêm người dùng (một người, một tài khoản) / add a person')
    .requiredOption('--name <name>', 'họ tên / full name')
    .option('--email <email>', 'thư điện tử / e-mail')
    .action(async (o: { name: string; email?: string }) =>
      withStore(async (deps) => {
        const p = await registerPerson(deps, { displayName: o.name, email: o.email ?? null }, OPERATOR);
        if (!p.ok) fail(p);
        // The id alone on standard output (ID=$(… person add …) in a script); the confirmation for the person reading.
        console.log(p.value.id);
        console.error(bilingual('person_added', { name: p.value.displayName, email: p.value.email ?? '—', id: p.value.id }));
      }),
    );
  addPersonListing(person);
  addPersonShow(person);
  person
    .command('deactivate')
    .description('Người đã nghỉ: thu hồi mọi vai trò, gỡ liên kết tài khoản chat, hủy mã liên kết chưa dùng / someone who left: every role ended, chat accounts unlinked, unused link codes voided')
    .argument('<person>', 'mã hoặc thư điện tử / id or e-mail')
    .action(async (ref: string) =>
      withStore(async (deps) => {
        const r = await deactivatePerson(deps, OPERATOR, await personId(deps, ref));
        if (!r.ok) fail(r);
        console.log(bilingual('person_deactivated', { person: ref, roles: r.value.roles.join(', ') || '—', chats: r.value.chats.join(', ') || '—', codes: String(r.value.codes) }));
        // Nobody left to grant roles from chat there: said at once, with the command that mends it.
        for (const site of r.value.adminless) console.error(bilingual('person_last_admin', { site }));
      }),
    );
  person
    .command('reactivate')
    .description('Người trở lại làm việc: được cấp vai trò và mã liên kết lại (từng vai trò cấp lại) / someone back at work: roles and link codes may be given again (each role granted anew)')
    .argument('<person>', 'mã hoặc thư điện tử / id or e-mail')
    .action(async (ref: string) =>
      withStore(async (deps) => {
        const r = await reactivatePerson(deps, OPERATOR, await personId(deps, ref));
        if (!r.ok) fail(r);
        console.log(bilingual('person_reactivated', { person: r.value.displayName }));
      }),
    );
  person
    .command('edit')
    .description('Sửa họ tên hay thư điện tử (dùng mã khi e-mail bị trùng) / correct a name or e-mail (by id when an e-mail is shared)')
    .requiredOption('--person <id|email>', 'người cần sửa / the person')
    .option('--name <name>', 'họ tên mới / new full name')
    .option('--email <email>', 'thư điện tử mới ("" để xóa) / new e-mail ("" to clear)')
    .action(async (o: { person: string; name?: string; email?: string }) =>
      withStore(async (deps) => {
        if (o.name === undefined && o.email === undefined) fail({ ok: false, reason: 'person_edit_nothing' });
        const r = await editPerson(deps, OPERATOR, await personId(deps, o.person), { ...(o.name !== undefined ? { displayName: o.name } : {}), ...(o.email !== undefined ? { email: o.email } : {}) });
        if (!r.ok) fail(r);
        const p = r.value.person;
        if (!r.value.changed) console.error(bilingual('person_unchanged', { person: p.displayName }));
        else console.error(bilingual('person_edited', { person: p.displayName, email: p.email ?? '—' }));
        console.log(`${p.id}  ${p.displayName}  ${p.email ?? '—'}`);
      }),
    );

  const granting = program
    .command('grant')
    .description('Cấp vai trò trên một trang (grant list: các vai trò đã cấp) / grant a role on a site (grant list: every grant)')
    // Checked in the action, not by commander: it would ask them of `grant list` too.
    .option('--person <id|email>', 'người nhận (bắt buộc) / the person (required)')
    .option('--site <key>', 'mã trang (bắt buộc) / site key (required)')
    .option('--role <role>', `${ROLES.join(' | ')} (bắt buộc / required)`, role)
    .option('--until <dd/mm/yyyy>', 'hiệu lực đến hết ngày (hoặc dd/mm/yyyy HH:mm), giờ địa phương / valid through that day (or until dd/mm/yyyy HH:mm), local time')
    .action(async (o: { person?: string; site?: string; role?: Role; until?: string }, command: Command) => {
      if (!o.person || !o.site || !o.role) {
        const missing = !o.person ? '--person <id|email>' : !o.site ? '--site <key>' : '--role <role>';
        return command.error(`error: required option '${missing}' not specified`);
      }
      const asked = { person: o.person, site: o.site, role: o.role };
      return withStore(async (deps) => {
        const atTime = o.until === undefined ? null : localDateTime(o.until, deps.timeZone);
        const dayEnd = o.until === undefined || atTime !== null ? null : endOfDay(o.until, deps.timeZone);
        const until = atTime ?? dayEnd;
        if (o.until !== undefined && until === null) fail({ ok: false, reason: 'cli_bad_until', detail: { given: o.until } });
        // A day typed alone ends at the next midnight: said as that day, the way it was typed.
        const throughDay = dayEnd === null ? null : formatLocal(new Date(dayEnd.getTime() - 1), deps.timeZone).split(' ')[1];
        const r = await grant(deps, OPERATOR, { personId: await personId(deps, asked.person), siteKey: asked.site, role: asked.role, validTo: until });
        if (!r.ok) fail(r.reason === 'grant_already_ended' && throughDay ? { ...r, detail: { ...r.detail, until: throughDay } } : r);
        for (const lang of LANGS) {
          const shown = until === null ? '' : throughDay ? ` → ${message(lang, 'cli_through_day', { day: throughDay })}` : ` → ${formatLocal(until, deps.timeZone)}`;
          console.log(message(lang, 'cli_granted', { role: asked.role, site: asked.site, until: shown }));
        }
      });
    });
  addGrantListing(granting);

  program
    .command('revoke')
    .description('Thu hồi vai trò / revoke a role')
    .requiredOption('--person <id|email>', 'người dùng / the person')
    .requiredOption('--site <key>', 'mã trang / site key')
    .requiredOption('--role <role>', ROLES.join(' | '), role)
    .action(async (o: { person: string; site: string; role: Role }) =>
      withStore(async (deps) => {
        const r = await revoke(deps, OPERATOR, { personId: await personId(deps, o.person), siteKey: o.site, role: o.role });
        if (!r.ok) fail(r);
        console.log(`Đã thu hồi / revoked: ${o.role} @ ${o.site}`);
      }),
    );

  program
    .command('link-code')
    .description('Tạo mã dùng một lần để liên kết tài khoản chat (/link MÃ) / one-time code to link a chat account')
    .requiredOption('--person <id|email>', 'người dùng / the person')
    .option('--hours <n>', 'hiệu lực (giờ, 1–720) / valid for hours (1–720)', positive, 72)
    .action(async (o: { person: string; hours: number }) =>
      withStore(async (deps) => {
        // A one-time code is a key to an account: it does not stay good for years.
        if (o.hours > 720) fail({ ok: false, reason: 'cli_hours_range' });
        const r = await issueLinkCode(deps, OPERATOR, await personId(deps, o.person), o.hours);
        if (!r.ok) fail(r);
        // The code alone on the first line: scripts read it from there.
        console.log(`${r.value.code}\n/link ${r.value.code}\n${bilingual('cli_link_code', { expires: formatLocal(r.value.expiresAt, deps.timeZone) })}`);
      }),
    );

  addAuditCommands(program);
  addPortalCommands(program);
  addChannelCommands(program);
  addDispatchCommand(program);
  addZaloCommands(program);
  addHealthCommand(program);
  addTicketCommands(program);
  addCalendarCommands(program);
  addConsultationCommands(program);
  addSubmitCommand(program);
  addDocumentCommand(program);
  addProcedureCommands(program);
  addDemoCommand(program);
  addBackupCommands(program);
  addRoyaltyCommands(program);
  addServiceCommands(program);
  addAdCommands(program);
  addPriceListCommands(program);
  addReportCommands(program);

  program
    .command('migrate')
    .description('Áp dụng các migration còn thiếu / apply pending migrations')
    .action(async () => {
      const config = configOrExit();
      const report = await migrate(config.databaseUrl);
      console.log(report.applied.length ? `Đã áp dụng / applied: ${report.applied.join(', ')}` : `Cơ sở dữ liệu đã cập nhật / up to date (${report.alreadyApplied})`);
      // An older release's audit trail is keyed here too, before anything writes to it.
      const store = await openStore(config);
      try {
        const shared = await store.sharedAddresses();
        if (shared.length > 0) console.error(bilingual('start_shared_addresses', { count: String(shared.length), addresses: shared.join(', ') }));
      } finally {
        await store.close();
      }
    });

  return program;
}

try {
  await buildCli().parseAsync(process.argv);
} catch (error) {
  // An unreachable database is the operator's to fix: say where and why, not a stack trace.
  const config = configOrExit();
  const refusal = databaseRefusal(error, config.databaseUrl, shown(config.databaseUrl));
  if (refusal) console.error(bilingual(refusal.key, refusal.detail));
  else {
    // Anything else is said in words (a Prisma error's last line is its reason); the trace only when asked for.
    const secrets = configSecrets(config);
    const scrub = (text: string) => secrets.scrub(text);
    const text = error instanceof Error ? error.message : String(error);
    const reason = text.split('\n').map((l) => l.trim()).filter((l) => l !== '').at(-1) ?? text;
    console.error(bilingual('cli_failed', { error: scrub(reason) }));
    if (config.logLevel === 'debug' || config.logLevel === 'trace') console.error(scrub(error instanceof Error ? (error.stack ?? text) : text));
  }
  process.exit(1);
}

/** A component site cannot take the province portal's own host name (PORTAL_BASE_URL): the portal answers there as the province. */
function refuseProvinceHost(domain: string | undefined, portalBaseUrl: string): void {
  const own = hostName(new URL(portalBaseUrl).host);
  if (domain && own && domain.split(',').some((d) => hostName(d) === own)) fail({ ok: false, reason: 'domain_of_province', detail: { domain: own } });
}
