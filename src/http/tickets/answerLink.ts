import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { formatLocal } from '../../core/dates.js';
import { explain, message, type Lang } from '../../core/messages.js';
import { checkAnswerToken } from '../../core/tickets/links.js';
import { MAX_TICKET_ANSWER_CHARS, type TicketRecord } from '../../core/tickets/model.js';
import { withoutContactData } from '../../core/tickets/privacy.js';
import { actOnTicket } from '../../app/tickets/act.js';
import type { TicketEnv } from '../../app/tickets/env.js';
import { dueDay, kindWord } from '../../app/tickets/receive.js';

/**
 * The assignee's answer page, `/tra-loi/<code>?p=<person>&t=<token>`: no account, the signed link is the
 * capability. It shows the question without the sender's contact data, the unit and the answer date, and takes
 * the answer once. Never cached or indexed, and it sends no referrer: the link must not leak.
 */

/** 20,000 characters of Vietnamese, form-encoded (up to 9 bytes each), with room to spare. */
const MAX_BODY_BYTES = 256 * 1024;
const PRIVATE_HEADERS = { 'Cache-Control': 'private, no-store', 'X-Robots-Tag': 'noindex, nofollow', 'Referrer-Policy': 'no-referrer' };
type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

function page(c: Context, status: 200 | 400 | 403 | 404 | 409 | 410 | 413, lang: Lang, title: string, body: Html) {
  const doc = html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
</head>
<body><main>
<h1>${title}</h1>
${body}
</main></body>
</html>`;
  return c.html(doc, status, PRIVATE_HEADERS);
}

/** Who cannot be trusted to be the assignee reads both languages, Vietnamese first. */
function refused(c: Context, status: 403 | 404 | 409 | 410, reason: string, detail: Record<string, string> = {}) {
  const both = (['vi', 'en'] as const).map((lang) => html`<p lang="${lang}">${explain(lang, { reason, detail })}</p>`);
  return page(c, status, 'vi', `${message('vi', 'tdesk_page_refused_title')} / ${message('en', 'tdesk_page_refused_title')}`, html`${both}`);
}

export function answerLinkPages(tickets: TicketEnv | null): Hono {
  const app = new Hono();
  if (!tickets) return app;
  const { deps } = tickets;

  /** The link as given: a ticket, its assignee, a token that is theirs and still good. */
  async function open(c: Context): Promise<{ ok: true; ticket: TicketRecord; personId: string; token: string; expiresMs: number; lang: Lang } | { ok: false; response: Response }> {
    const code = (c.req.param('code') ?? '').toUpperCase();
    const personId = c.req.query('p') ?? '';
    const token = c.req.query('t') ?? '';
    const checked = checkAnswerToken(tickets!.linkKey, code, personId, token, deps.clock().getTime());
    if (!checked.ok) return { ok: false, response: await refused(c, checked.reason === 'answer_link_expired' ? 410 : 403, checked.reason) };
    const ticket = await deps.store.ticketByCode(code);
    if (!ticket) return { ok: false, response: await refused(c, 404, 'ticket_unknown', { code }) };
    if (ticket.assigneeId !== personId) return { ok: false, response: await refused(c, 403, 'ticket_not_assignee', { code }) };
    const person = await deps.store.personById(personId);
    return { ok: true, ticket, personId, token, expiresMs: checked.expiresMs, lang: person?.lang ?? 'vi' };
  }

  async function form(c: Context, status: 200 | 400 | 413, opened: { ticket: TicketRecord; personId: string; token: string; expiresMs: number; lang: Lang }, kept: string, problem: string | null) {
    const { ticket: t, lang } = opened;
    const [person, unit] = await Promise.all([deps.store.personById(opened.personId), t.unitSiteId ? deps.store.siteById(t.unitSiteId) : null]);
    const unitName = unit ? (lang === 'en' ? unit.nameEn : unit.nameVi) : '—';
    const due = t.dueAt ? dueDay(t.dueAt, deps.timeZone) : '—';
    const action = `/tra-loi/${encodeURIComponent(t.code)}?p=${encodeURIComponent(opened.personId)}&t=${encodeURIComponent(opened.token)}`;
    const body = html`<p>${message(lang, 'tdesk_page_intro', { name: person?.displayName ?? '', unit: unitName, due })}</p>
${problem ? html`<p role="alert"><strong>${problem}</strong></p>` : ''}
<h2>${message(lang, 'tdesk_page_question')}</h2>
<p>${message(lang, 'tdesk_page_received', { date: formatLocal(t.receivedAt, deps.timeZone).slice(-10) })}</p>
${t.subject ? html`<p><strong>${withoutContactData(t.subject)}</strong></p>` : ''}
<blockquote>${raw(paragraphs(withoutContactData(t.question)))}</blockquote>
<form method="post" action="${action}">
<input type="hidden" name="t" value="${opened.token}">
<p><label for="answer">${message(lang, 'tdesk_page_answer', { max: MAX_TICKET_ANSWER_CHARS.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB') })}</label></p>
<p><textarea id="answer" name="answer" rows="16" cols="80" maxlength="${MAX_TICKET_ANSWER_CHARS}" required>${kept}</textarea></p>
<p><button type="submit">${message(lang, 'tdesk_page_send')}</button></p>
</form>
<p><small>${message(lang, 'tdesk_page_private', { expires: formatLocal(new Date(opened.expiresMs), deps.timeZone) })}</small></p>`;
    return page(c, status, lang, message(lang, 'tdesk_page_title', { kind: kindWord(lang, t), code: t.code }), body);
  }

  /** Answered already (a second submit, another tab) or closed: said plainly, nothing taken. */
  function settled(c: Context, status: 200 | 409, t: TicketRecord, lang: Lang) {
    const title = message(lang, 'tdesk_page_title', { kind: kindWord(lang, t), code: t.code });
    if (t.state === 'answered' || t.state === 'archived') {
      return page(c, status, lang, title, html`<p>${message(lang, 'tdesk_page_already', { code: t.code, time: t.answeredAt ? formatLocal(t.answeredAt, deps.timeZone) : '' })}</p>`);
    }
    return page(c, status, lang, title, html`<p>${message(lang, 'tdesk_page_closed', { code: t.code, state: message(lang, `ticket_state_${t.state}`) })}</p>`);
  }

  app.get('/tra-loi/:code', async (c) => {
    const opened = await open(c);
    if (!opened.ok) return opened.response;
    const t = opened.ticket;
    if (t.state === 'answered' || t.state === 'archived' || t.state === 'declined') return settled(c, 200, t, opened.lang);
    return form(c, 200, opened, '', null);
  });

  app.post(
    '/tra-loi/:code',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => page(c, 413, 'vi', `${message('vi', 'tdesk_page_refused_title')} / ${message('en', 'tdesk_page_refused_title')}`, html`<p lang="vi">${message('vi', 'tdesk_page_too_big')}</p><p lang="en">${message('en', 'tdesk_page_too_big')}</p>`),
    }),
    async (c) => {
      const opened = await open(c);
      if (!opened.ok) return opened.response;
      const form_ = await c.req.parseBody();
      const bodyToken = typeof form_['t'] === 'string' ? form_['t'] : '';
      // The token travels in the body too: a request that did not come from the page's own form carries no answer.
      if (bodyToken !== opened.token) return refused(c, 403, 'answer_link_forged');
      const text = typeof form_['answer'] === 'string' ? form_['answer'].replace(/\r\n/g, '\n') : '';
      const done = await actOnTicket(tickets, { kind: 'link', personId: opened.personId, token: opened.token }, opened.ticket.code, { type: 'answer', text });
      const lang = opened.lang;
      if (done.ok) {
        return page(c, 200, lang, message(lang, 'tdesk_page_thanks_title'), html`<p>${message(lang, 'tdesk_page_thanks', { code: done.value.code })}</p>`);
      }
      switch (done.reason) {
        case 'ticket_answer_required':
        case 'ticket_answer_too_long':
          return form(c, done.reason === 'ticket_answer_too_long' ? 413 : 400, opened, text, message(lang, 'tdesk_page_not_kept', { reason: explain(lang, done) }));
        case 'answer_link_expired':
          return refused(c, 410, done.reason);
        case 'answer_link_forged':
        case 'ticket_not_assignee':
          return refused(c, 403, done.reason, done.detail);
        default: {
          // Another submit got there first (or the desk moved the ticket on): what it is now, plainly.
          const now = (await deps.store.ticketByCode(opened.ticket.code)) ?? opened.ticket;
          return settled(c, 409, now, lang);
        }
      }
    },
  );
  return app;
}

/** The question's paragraphs as the sender broke them, escaped. */
function paragraphs(text: string): string {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return text
    .split(/\n{2,}/)
    .map((p) => `<p>${escape(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}
