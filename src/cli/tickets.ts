import { InvalidArgumentError, type Command } from 'commander';
import { statusLink } from '../app/tickets/links.js';
import { dueDay, receiveTicket } from '../app/tickets/receive.js';
import { formatLocal, localDateTime } from '../core/dates.js';
import { bilingual, isLang, message } from '../core/messages.js';
import { isOverdue, isTicketKind, isTicketState, OPEN_STATES, STAFF_CHANNELS, type TicketChannel, type TicketKind, type TicketRecord, type TicketState } from '../core/tickets/model.js';
import { ensureHubSecret } from '../secret.js';
import { ticketEnvFor } from '../ticketSetup.js';
import { fail, personId, withStore } from './common.js';

function channel(value: string): TicketChannel {
  const found = STAFF_CHANNELS.find((c) => c === value);
  if (!found) throw new InvalidArgumentError(`kênh phải là một trong / channel must be one of: ${STAFF_CHANNELS.join(', ')}`);
  return found;
}

function kind(value: string): TicketKind {
  if (!isTicketKind(value)) throw new InvalidArgumentError('loại phải là question (hỏi đáp) hoặc complaint (phản ánh, kiến nghị) / kind must be question or complaint');
  return value;
}

function state(value: string): TicketState {
  if (!isTicketState(value)) throw new InvalidArgumentError('bước phải là received, verifying, handling, answered, archived hoặc declined / state must be received, verifying, handling, answered, archived or declined');
  return value;
}

const line = (t: TicketRecord, timeZone: string, now: Date) =>
  [t.code, message('vi', `ticket_state_${t.state}`), t.dueAt ? dueDay(t.dueAt, timeZone) : '—', isOverdue(t, now) ? 'QUÁ HẠN / OVERDUE' : '', t.senderName, t.question.replace(/\s+/g, ' ').slice(0, 60)].join('\t');

/**
 * One row of `ticket list --json`: what the text line shows, as a script reads it (the stored state, instants in ISO).
 * No e-mail, phone or address, and only the start of the question, as on the terminal.
 */
const jsonRow = (t: TicketRecord, now: Date) => ({
  code: t.code,
  kind: t.kind,
  channel: t.channel,
  state: t.state,
  receivedAt: t.receivedAt.toISOString(),
  dueAt: t.dueAt?.toISOString() ?? null,
  overdue: isOverdue(t, now),
  senderName: t.senderName,
  excerpt: t.question.replace(/\s+/g, ' ').slice(0, 60),
});

interface AddOptions {
  channel: TicketChannel;
  kind: TicketKind;
  name: string;
  question: string;
  subject?: string;
  email?: string;
  phone?: string;
  address?: string;
  field?: string;
  reference?: string;
  site?: string;
  received?: string;
  lang?: string;
  by?: string;
}

/** Questions and complaints at the terminal: receipts by phone, post or in person, and the lists. */
export function addTicketCommands(program: Command): void {
  const ticket = program.command('ticket').description('Hỏi đáp, phản ánh – kiến nghị / citizens’ questions and complaints');

  ticket
    .command('add')
    .description('Ghi nhận hồ sơ nhận qua điện thoại, bưu chính, trực tiếp… / log a receipt by phone, post, in person…')
    .requiredOption('--channel <channel>', STAFF_CHANNELS.join(' | '), channel)
    .option('--kind <kind>', 'question | complaint', kind, 'question' as TicketKind)
    .requiredOption('--name <name>', 'họ tên người gửi / sender’s name')
    .requiredOption('--question <text>', 'nội dung / the question or complaint')
    .option('--subject <text>', 'tiêu đề / subject')
    .option('--email <email>', 'thư điện tử người gửi (nhận mã và câu trả lời) / sender’s e-mail')
    .option('--phone <phone>', 'điện thoại người gửi / phone')
    .option('--address <address>', 'địa chỉ người gửi / address')
    .option('--field <field>', 'lĩnh vực / field')
    .option('--reference <ref>', 'số công văn, số thư… / letter or document number')
    .option('--site <key>', 'trang tiếp nhận (mặc định trang cấp tỉnh) / receiving site')
    .option('--received <dd/mm/yyyy HH:mm>', 'thời điểm nhận, nếu trước hôm nay / when it was received')
    .option('--lang <vi|en>', 'ngôn ngữ người gửi / sender’s language', 'vi')
    .option('--by <person>', 'cán bộ tiếp nhận (mã hoặc thư điện tử) / staff who received it')
    .action(async (o: AddOptions) =>
      withStore(async (deps, config) => {
        const env = ticketEnvFor(config, deps, ensureHubSecret(config.dataDir, config.hubSecret).secret);
        const site = o.site ? await deps.store.siteByKey(o.site) : null;
        if (o.site && !site) fail({ ok: false, reason: 'unknown_site', detail: { site: o.site } });
        const receivedAt = o.received ? localDateTime(o.received, deps.timeZone) : null;
        if (o.received && !receivedAt) fail({ ok: false, reason: 'invalid_date', detail: { value: o.received } });
        if (o.lang && !isLang(o.lang)) fail({ ok: false, reason: 'invalid_lang', detail: { value: o.lang } });
        const by = o.by ? await personId(deps, o.by) : null;
        const contact = { ...(o.phone ? { phone: o.phone } : {}), ...(o.address ? { address: o.address } : {}) };
        // A letter or document logged twice (its number) is one ticket; a call has no number and is one receipt per run.
        const dedupeKey = o.reference ? `${o.channel}:${o.reference}` : `${o.channel}:${deps.clock().getTime()}:${Math.random().toString(36).slice(2)}`;
        const r = await receiveTicket(env, {
          kind: o.kind, channel: o.channel, dedupeKey, siteId: site?.id ?? null, subject: o.subject ?? null, question: o.question, field: o.field ?? null,
          lang: o.lang === 'en' ? 'en' : 'vi', senderName: o.name, senderEmail: o.email ?? null, senderContact: contact, receivedById: by, reference: o.reference ?? null,
          ...(receivedAt ? { receivedAt } : {}),
        });
        if (!r.ok) fail(r);
        const t = r.value.ticket;
        if (!r.value.created) console.log(bilingual('ticket_already_logged', { code: t.code }));
        console.log(`${t.code}\t${message('vi', `ticket_kind_${t.kind}`)}\t${bilingual('ticket_due_on', { due: t.dueAt ? dueDay(t.dueAt, deps.timeZone) : '—' })}`);
        console.log(statusLink(env, t.code, t.lang));
      }),
    );

  ticket
    .command('list')
    .description('Danh sách hồ sơ đang xử lý / open tickets, soonest due first')
    .option('--overdue', 'chỉ hồ sơ quá hạn / only overdue ones')
    .option('--state <state>', 'theo bước / at this step', state)
    .option('--unit <key>', 'theo đơn vị xử lý / by handling unit')
    .option('--limit <n>', 'số dòng / rows', (v) => Number.parseInt(v, 10), 50)
    .option('--json', 'dạng JSON cho chương trình khác / in JSON, for scripts')
    .action(async (o: { overdue?: boolean; state?: TicketState; unit?: string; limit: number; json?: boolean }) =>
      withStore(async (deps) => {
        const unit = o.unit ? await deps.store.siteByKey(o.unit) : null;
        if (o.unit && !unit) fail({ ok: false, reason: 'unknown_site', detail: { site: o.unit } });
        const now = deps.clock();
        const rows = await deps.store.listTickets({ states: o.state ? [o.state] : OPEN_STATES, ...(unit ? { unitSiteId: unit.id } : {}), ...(o.overdue ? { dueBefore: now } : {}), limit: o.limit });
        if (o.json) return console.log(JSON.stringify(rows.map((t) => jsonRow(t, now)), null, 2));
        for (const t of rows) console.log(line(t, deps.timeZone, now));
        if (!rows.length) console.log(bilingual('ticket_none'));
      }),
    );

  ticket
    .command('show <code>')
    .description('Xem một hồ sơ và các bước / one ticket and its steps')
    .action(async (code: string) =>
      withStore(async (deps) => {
        const t = await deps.store.ticketByCode(code);
        if (!t) return fail({ ok: false, reason: 'ticket_unknown', detail: { code } });
        const at = (d: Date | null) => (d ? formatLocal(d, deps.timeZone) : '—');
        console.log(`${t.code} · ${message('vi', `ticket_kind_${t.kind}`)} · ${message('vi', `ticket_channel_${t.channel.replace('-', '_')}`)} · ${message('vi', `ticket_state_${t.state}`)}`);
        console.log(`${t.senderName}${t.senderEmail ? ` <${t.senderEmail}>` : ''}${t.senderContact.phone ? ` · ${t.senderContact.phone}` : ''}`);
        console.log(`${t.subject ? `${t.subject}\n` : ''}${t.question}`);
        console.log(`nhận/received ${at(t.receivedAt)} · xác minh/verified ${at(t.verifiedAt)} · giao/assigned ${at(t.assignedAt)} · trả lời/answered ${at(t.answeredAt)} · lưu trữ/archived ${at(t.archivedAt)}`);
        console.log(`hạn/due ${t.dueAt ? dueDay(t.dueAt, deps.timeZone) : '—'}${t.dueMoves.length ? ` (${t.dueMoves.length}× gia hạn/moved)` : ''}`);
        if (t.answerText) console.log(`\n${t.answerText}\n(${t.answerSentVia ?? '—'}; ${t.publish === null ? 'chưa quyết định công khai / publish not decided' : t.publish ? 'công khai / published' : 'không công khai / not published'}${t.publishReason ? `: ${t.publishReason}` : ''})`);
        for (const m of await deps.store.ticketMessages(t.id)) console.log(`${at(m.at)} ${m.direction === 'in' ? '←' : '→'} ${m.channel}: ${m.text.slice(0, 200)}`);
      }),
    );
}
