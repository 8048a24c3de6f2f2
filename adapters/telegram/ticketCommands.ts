import type { Context } from 'grammy';
import { explain, message, type Lang } from '../../src/core/messages.js';
import { ok, refuse, type Outcome } from '../../src/core/result.js';
import { fold } from '../../src/core/search.js';
import { OPEN_STATES, type SenderContact, type TicketChannel, type TicketKind, type TicketRecord } from '../../src/core/tickets/model.js';
import { mayHandleTickets } from '../../src/app/tickets/act.js';
import { dueDay, kindWord, receiveTicket } from '../../src/app/tickets/receive.js';
import type { TicketFilter } from '../../src/app/tickets/ports.js';
import type { PersonRecord } from '../../src/app/ports.js';
import type { CommandEnv, Handler } from './commands.js';
import type { TicketCards } from './ticketCards.js';
import { channelLabel, historyLines, listLine, ticketCardText } from './ticketRender.js';

const LIST_LIMIT = 30;
const CODE_ONLY = /^(HD|PA)-\d{4}-\d{5,}$/i;

/** Channel words staff type, folded: English names, Vietnamese names and short forms. */
const CHANNEL_WORDS: Record<string, TicketChannel> = {
  phone: 'phone', 'dien-thoai': 'phone', dt: 'phone', tel: 'phone',
  post: 'post', 'buu-chinh': 'post', thu: 'post', 'buu-dien': 'post',
  'in-person': 'in-person', 'truc-tiep': 'in-person', 'tai-quay': 'in-person',
  'document-system': 'document-system', 'van-ban': 'document-system', vb: 'document-system', 'he-thong-van-ban': 'document-system',
  email: 'email', 'e-mail': 'email', mail: 'email', 'thu-dien-tu': 'email',
};
const KIND_WORDS: Record<string, TicketKind> = {
  hd: 'question', 'hoi-dap': 'question', hoi: 'question', question: 'question',
  pa: 'complaint', 'phan-anh': 'complaint', 'kien-nghi': 'complaint', complaint: 'complaint', request: 'complaint',
};
const word = (w: string) => fold(w).replace(/[\s_]+/g, '-');

export interface ParsedReceipt {
  channel: TicketChannel;
  kind: TicketKind;
  name: string;
  question: string;
  email: string | null;
  contact: SenderContact;
  reference: string | null;
  subject: string | null;
}

type Field = 'email' | 'phone' | 'reference' | 'address' | 'idNumber' | 'subject';
const LABELS: readonly (readonly [Field, RegExp])[] = [
  ['phone', /^(?:đt|sđt|dt|sdt|điện thoại|dien thoai|phone|tel)\s*[:.]\s*/iu],
  ['email', /^(?:e-?mail|thư điện tử|thu dien tu)\s*[:.]\s*/iu],
  ['reference', /^(?:số|so|ref|reference|ký hiệu|ky hieu)\s*[:.]\s*/iu],
  ['address', /^(?:đc|dc|địa chỉ|dia chi|address)\s*[:.]\s*/iu],
  ['idNumber', /^(?:cccd|cmnd|id)\s*[:.]?\s*/iu],
  ['subject', /^(?:tiêu đề|tieu de|subject)\s*[:.]\s*/iu],
];
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]{2,}$/;
const PHONE = /^\+?[\d\s.()-]{8,20}$/;

/** What a part between bars (or a line) is: a labelled field, an e-mail, a phone number, or words. */
function classify(part: string): { field: Field | null; value: string } {
  for (const [field, label] of LABELS) {
    const m = label.exec(part);
    if (m) return { field, value: part.slice(m[0].length).trim() };
  }
  if (EMAIL.test(part)) return { field: 'email', value: part };
  const digits = part.replace(/\D/g, '').length;
  if (PHONE.test(part) && digits >= 8 && digits <= 15) return { field: 'phone', value: part };
  return { field: null, value: part };
}

/**
 * `/ticket phone [pa] Nguyễn Văn A | 0912345678 | đc: 12 Lê Lợi | Câu hỏi …` — or the same parts on separate
 * lines. The first part is the channel, an optional kind (pa: complaint) and the sender's name; the last is
 * the text; between them, in any order: a phone number, an e-mail, `số: …`, `đc: …`, `cccd: …`, `tiêu đề: …`
 * (an unlabelled one is the address).
 */
export function parseReceipt(args: string): Outcome<ParsedReceipt> {
  const text = args.trim();
  const bars = text.includes('|');
  const parts = (bars ? text.split('|') : text.split('\n')).map((p) => p.trim()).filter((p) => p !== '');
  const [head = '', ...rest] = parts;
  const headWords = head.split(/\s+/).filter(Boolean);
  const channelWord = headWords.shift() ?? '';
  const channel = CHANNEL_WORDS[word(channelWord)];
  if (!channel) return refuse('tdesk_bad_channel', { channel: channelWord });
  const kind = headWords[0] && KIND_WORDS[word(headWords[0])] ? KIND_WORDS[word(headWords.shift()!)]! : 'question';
  let name = headWords.join(' ');
  if (name === '' && rest.length > 1) name = rest.shift()!;
  const found: Partial<Record<Field, string>> = {};
  const put = (field: Field, value: string) => void (found[field] = found[field] ? `${found[field]}, ${value}` : value);
  let question: string;
  if (bars) {
    question = rest.pop() ?? '';
    for (const part of rest) {
      const { field, value } = classify(part);
      put(field ?? 'address', value);
    }
  } else {
    // Lines: contact lines first, then everything from the first line that is not one is the text.
    let i = 0;
    for (; i < rest.length; i += 1) {
      const { field, value } = classify(rest[i]!);
      if (!field) break;
      put(field, value);
    }
    question = rest.slice(i).join('\n');
  }
  if (name === '' || question === '') return refuse('tdesk_ticket_usage');
  const contact: SenderContact = {};
  if (found.phone) contact.phone = found.phone;
  if (found.address) contact.address = found.address;
  if (found.idNumber) contact.idNumber = found.idNumber;
  return ok({ channel, kind, name, question, email: found.email ?? null, contact, reference: found.reference ?? null, subject: found.subject ?? null });
}

/** Where the sender's details may be read: a private chat with the bot, or the desk's own chats. */
function inDeskChat(env: CommandEnv, cards: TicketCards, ctx: Context): boolean {
  const chat = String(ctx.chat?.id ?? '');
  return ctx.chat?.type === 'private' || chat === cards.chat || (env.editorialChat !== null && chat === env.editorialChat);
}

export function ticketCommands(cards: TicketCards | null): Record<string, Handler> {
  const off: Handler = async (_env, _ctx, _args, { lang }) => message(lang, 'tdesk_off');
  if (!cards) return { tickets: off, ticket: off };
  const { deps } = cards.env;

  async function list(args: string, person: PersonRecord, lang: Lang): Promise<string> {
    const [what = '', key = ''] = args.trim().split(/\s+/);
    const mode = word(what);
    const now = deps.clock();
    let filter: TicketFilter;
    let title: (count: string) => string;
    if (mode === '' || mode === 'cua-toi' || mode === 'mine' || mode === 'toi') {
      filter = { states: OPEN_STATES, assigneeId: person.id, limit: LIST_LIMIT + 1 };
      title = (count) => message(lang, 'tdesk_list_mine', { count });
    } else {
      if (!(await mayHandleTickets(deps, person.id, null))) return explain(lang, refuse('not_authorised'));
      if (mode === 'qua-han' || mode === 'overdue') {
        filter = { dueBefore: now, limit: LIST_LIMIT + 1 };
        title = (count) => message(lang, 'tdesk_list_overdue', { count });
      } else if (mode === 'don-vi' || mode === 'unit') {
        const unit = key ? await deps.store.siteByKey(key.toLowerCase()) : null;
        if (!unit) return key ? explain(lang, refuse('ticket_unknown_unit', { site: key })) : message(lang, 'tdesk_list_usage');
        filter = { states: OPEN_STATES, unitSiteId: unit.id, limit: LIST_LIMIT + 1 };
        title = (count) => message(lang, 'tdesk_list_unit', { unit: lang === 'en' ? unit.nameEn : unit.nameVi, count });
      } else if (mode === 'tat-ca' || mode === 'all' || mode === 'mo' || mode === 'open') {
        filter = { states: OPEN_STATES, limit: LIST_LIMIT + 1 };
        title = (count) => message(lang, 'tdesk_list_open', { count });
      } else {
        return message(lang, 'tdesk_list_usage');
      }
    }
    const found = await deps.store.listTickets(filter);
    if (found.length === 0) return `${title('0')}\n${message(lang, 'tdesk_list_none')}`;
    const shown = found.slice(0, LIST_LIMIT);
    const more = found.length > LIST_LIMIT ? [message(lang, 'tdesk_list_more', { count: String(LIST_LIMIT) })] : [];
    return [title(found.length > LIST_LIMIT ? `${LIST_LIMIT}+` : String(found.length)), ...shown.map((t) => listLine(lang, t, deps.timeZone, now)), ...more].join('\n');
  }

  async function view(env: CommandEnv, ctx: Context, code: string, person: PersonRecord, lang: Lang): Promise<string> {
    const ticket = await deps.store.ticketByCode(code);
    if (!ticket) return explain(lang, refuse('ticket_unknown', { code: code.toUpperCase() }));
    if (ticket.assigneeId !== person.id && !(await mayHandleTickets(deps, person.id, ticket))) return explain(lang, refuse('not_authorised'));
    if (!inDeskChat(env, cards!, ctx)) return message(lang, 'tdesk_view_here_only');
    const names = await cards!.names(ticket, lang);
    const history = [message(lang, 'tdesk_history'), ...historyLines(lang, ticket, names, await deps.store.ticketMessages(ticket.id), deps.timeZone)].join('\n');
    // In the tickets chat the card itself comes back, buttons and all; elsewhere it is read, not acted on.
    if (String(ctx.chat?.id) === cards!.chat && (await mayHandleTickets(deps, person.id, ticket))) {
      await cards!.resend(ticket);
      return `${message(lang, 'tdesk_card_resent', { code: ticket.code })}\n${history}`;
    }
    return `${ticketCardText(lang, ticket, names, deps.timeZone, deps.clock())}\n\n${history}`.slice(0, 4000);
  }

  async function log(ctx: Context, args: string, person: PersonRecord, lang: Lang, siteKey: string): Promise<string> {
    const parsed = parseReceipt(args);
    if (!parsed.ok) return parsed.reason === 'tdesk_ticket_usage' ? message(lang, 'tdesk_ticket_usage') : explain(lang, parsed);
    const site = await deps.store.siteByKey(siteKey);
    if (!(await mayHandleTickets(deps, person.id, site ? { siteId: site.id, unitSiteId: null } : null))) return explain(lang, refuse('not_authorised'));
    const r = parsed.value;
    const done = await receiveTicket(cards!.tickets, {
      kind: r.kind, channel: r.channel,
      // The staff member's message is the receipt: delivered twice, it is one ticket.
      dedupeKey: `telegram:${ctx.chat?.id ?? '?'}:${ctx.msg?.message_id ?? '?'}`,
      siteId: site?.id ?? null, subject: r.subject, question: r.question, senderName: r.name, senderEmail: r.email, senderContact: r.contact,
      receivedById: person.id, reference: r.reference,
    });
    if (!done.ok) return explain(lang, done);
    const t: TicketRecord = done.value.ticket;
    void cards!.announce();
    if (!done.value.created) return message(lang, 'tdesk_logged_again', { code: t.code });
    return message(lang, 'tdesk_logged', { kind: kindWord(lang, t), code: t.code, channel: channelLabel(lang, t.channel), name: t.senderName, due: t.dueAt ? dueDay(t.dueAt, deps.timeZone) : '—' });
  }

  return {
    tickets: async (_env, _ctx, args, { person, lang }) => (person ? list(args, person, lang) : message(lang, 'not_linked')),
    ticket: async (env, ctx, args, { person, lang }) => {
      if (!person) return message(lang, 'not_linked');
      const text = args.trim();
      if (text === '') return message(lang, 'tdesk_ticket_usage');
      if (CODE_ONLY.test(text)) return view(env, ctx, text, person, lang);
      return log(ctx, text, person, lang, await env.siteKeyFor(String(ctx.chat?.id)));
    },
  };
}
