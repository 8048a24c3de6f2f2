import { html, raw } from 'hono/html';
import { formatLocal } from '../../core/dates.js';
import { message, type Lang } from '../../core/messages.js';
import { isTicketField, TICKET_FIELDS } from '../../core/tickets/portalForm.js';
import { formPath, questionPath, questionsPath, sentPath, statusPath } from '../../core/tickets/portalPaths.js';
import type { TicketRecord, TicketState } from '../../core/tickets/model.js';
import type { PublicTicket } from '../../app/tickets/ports.js';
import type { SiteRecord } from '../../app/ports.js';
import { page, siteName, when, type Html } from '../portal/layout.js';
import type { View } from '../portal/views.js';

const other = (lang: Lang): Lang => (lang === 'vi' ? 'en' : 'vi');

/** A field picked on the form is shown by its name; one written by staff or another channel, as written. */
export const fieldName = (lang: Lang, field: string) => (isTicketField(field) ? message(lang, `tportal_field_${field.replace(/-/g, '_')}`) : field);

const unitName = (v: View, unitSiteId: string | null): string | null => {
  const unit = unitSiteId ? v.frame.sites.find((x) => x.id === unitSiteId) : undefined;
  return unit ? siteName(unit, v.lang) : null;
};

/** A citizen's or an answer's words as plain text: paragraphs and line breaks only (nothing becomes markup). */
export function plainText(text: string): Html {
  const paragraphs = text.split(/\n{2,}/).filter((p) => p.trim() !== '');
  return html`${paragraphs.map((p) => html`<p>${p.split('\n').map((l, i) => html`${i > 0 ? html`<br>` : ''}${l}`)}</p>`)}`;
}

/**
 * One published question as the public reads it: the reduced name, never a contact. Only fields of
 * PublicTicket reach this function, which holds none.
 */
function entry(v: View, t: PublicTicket, linked: boolean): Html {
  const { lang, s } = v;
  const unit = unitName(v, t.unitSiteId);
  const title = t.subject ?? t.code;
  const heading = linked ? html`<h2><a href="${questionPath(lang, t.code)}">${title}</a></h2>` : html`<h1>${title}</h1>`;
  return html`<article class="talk ticket">
${heading}
<p class="talk-meta">${message(lang, `ticket_kind_${t.kind}`)} · ${message(lang, 'tportal_code')} ${t.code}${t.field ? html` · ${message(lang, 'tportal_field_label')}: ${fieldName(lang, t.field)}` : ''}</p>
<p class="talk-meta"><span class="talk-author">${message(lang, 'tportal_asked_by', { name: t.publicName ?? message(lang, 'ticket_citizen') })}</span> · ${message(lang, 'tportal_sent_on')} ${when(t.receivedAt, s)}</p>
<div class="talk-text">${plainText(t.publicQuestion)}</div>
<div class="talk-answer"><p class="talk-meta"><strong>${unit ? message(lang, 'tportal_answered_by', { unit }) : message(lang, 'tportal_answer')}</strong> · ${when(t.answeredAt, s)}</p>${plainText(t.publicAnswer)}</div>
</article>`;
}

export interface QuestionsFilter {
  q: string;
  field: string | null;
  unitKey: string | null;
  cursor: string | null;
}

export const listQuery = (f: Partial<QuestionsFilter>) => {
  const q = new URLSearchParams();
  if (f.q) q.set('q', f.q);
  if (f.field) q.set('linh-vuc', f.field);
  if (f.unitKey) q.set('don-vi', f.unitKey);
  if (f.cursor) q.set('tiep', f.cursor);
  const text = q.toString();
  return text ? `?${text}` : '';
};

const selected = (yes: boolean) => (yes ? raw(' selected') : '');

/** `/vi/hoi-dap`, `/en/questions`: published questions, newest answers first, a page at a time. */
export function questionsPage(v: View, data: { rows: PublicTicket[]; next: string | null }, f: QuestionsFilter, withForms: boolean): Html {
  const { frame, lang, s } = v;
  const heading = message(lang, 'tportal_list_title');
  const path = questionsPath(lang);
  const searching = f.q !== '' || f.field !== null || f.unitKey !== null;
  const main = html`<h1>${heading}</h1>
<p>${message(lang, 'tportal_list_intro')}</p>
${withForms ? html`<p class="actions"><a href="${formPath(lang, 'question')}">${message(lang, 'tportal_ask_link')}</a> · <a href="${formPath(lang, 'contact')}">${message(lang, 'tportal_contact_link')}</a></p>` : ''}
<form class="filter" role="search" method="get" action="${path}">
<p><label for="tq">${message(lang, 'tportal_search_label')}</label> <input id="tq" name="q" type="search" maxlength="200" value="${f.q}"></p>
<p><label for="tf">${message(lang, 'tportal_field_label')}</label>
<select id="tf" name="linh-vuc"><option value="">${message(lang, 'tportal_all')}</option>${TICKET_FIELDS.map((x) => html`<option value="${x}"${selected(f.field === x)}>${fieldName(lang, x)}</option>`)}</select>
<label for="tu">${message(lang, 'tportal_unit_label')}</label>
<select id="tu" name="don-vi"><option value="">${message(lang, 'tportal_all')}</option>${frame.sites.map((x: SiteRecord) => html`<option value="${x.key}"${selected(f.unitKey === x.key)}>${siteName(x, lang)}</option>`)}</select>
<button type="submit">${message(lang, 'tportal_apply')}</button></p>
</form>
${f.q ? html`<p role="status">${message(lang, 'tportal_results', { q: f.q })}</p>` : ''}
${data.rows.length ? html`<div class="talks">${data.rows.map((t) => entry(v, t, true))}</div>` : html`<p>${message(lang, searching ? 'tportal_none_found' : 'tportal_empty')}</p>`}
${f.cursor || data.next
  ? html`<nav class="pages" aria-label="${message(lang, 'portal_pagination')}">
${f.cursor ? html`<a href="${path}${listQuery({ ...f, cursor: null })}">${message(lang, 'tportal_newest')}</a>` : ''}
${data.next ? html`<a rel="next" href="${path}${listQuery({ ...f, cursor: data.next })}">${message(lang, 'tportal_older')}</a>` : ''}
</nav>`
  : ''}`;
  return page(frame, lang, { title: f.q ? `${heading}: ${f.q}` : heading, description: message(lang, 'tportal_list_intro'), path: `${path}${listQuery(f)}`, otherLangPath: `${questionsPath(other(lang))}${listQuery(f)}`, noindex: f.cursor !== null || f.q !== '' }, s, v.now, main);
}

/** `/vi/hoi-dap/HD-2026-00042`: one published question and its answer. */
export function questionPage(v: View, t: PublicTicket): Html {
  const { frame, lang, s } = v;
  const main = html`${entry(v, t, false)}<p><a href="${questionsPath(lang)}">${message(lang, 'tportal_back_to_list')}</a></p>`;
  const url = `${s.baseUrl}${questionPath(lang, t.code)}`;
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'QAPage',
    url,
    mainEntity: { '@type': 'Question', name: t.subject ?? t.code, text: t.publicQuestion, dateCreated: t.receivedAt.toISOString(), answerCount: 1, acceptedAnswer: { '@type': 'Answer', text: t.publicAnswer, dateCreated: t.answeredAt.toISOString(), url } },
  };
  const description = t.publicQuestion.replace(/\s+/g, ' ').slice(0, 200);
  return page(frame, lang, { title: t.subject ?? t.code, description, path: questionPath(lang, t.code), otherLangPath: questionPath(other(lang), t.code), jsonLd }, s, v.now, main);
}

/** Private pages: kept out of search engines and out of Referer headers (the link's key is in the address). */
const privateMeta = (path: string, otherPath: string, title: string) => ({ title, description: title, path, otherLangPath: otherPath, noindex: true, private: true });

/** An answer date as the desk stores it (an instant: the first after the last day), or a bare day; shown as the last day. */
function dueDayOf(value: string | null, timeZone: string): string {
  if (!value) return '—';
  const bare = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (bare) return `${bare[3]}/${bare[2]}/${bare[1]}`;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? value : formatLocal(new Date(at.getTime() - 1), timeZone).slice(-10);
}

/** After a post: the code and the private status link (the service derives the link from the code). */
export function sentPage(v: View, t: TicketRecord, link: string, keyQuery: string): Html {
  const { frame, lang, s } = v;
  const heading = message(lang, 'tportal_sent_title');
  const kind = message(lang, `ticket_kind_${t.kind}`).toLocaleLowerCase(lang);
  const due = dueDayOf(t.dueAt?.toISOString() ?? null, s.timeZone);
  const main = html`<h1>${heading}</h1>
<div role="status"><p class="ticket-code"><strong>${message(lang, 'tportal_sent_code', { code: t.code })}</strong></p>
<p>${message(lang, 'tportal_sent_text', { kind, date: formatLocal(t.receivedAt, s.timeZone), due })}</p></div>
<p>${message(lang, 'tportal_sent_link')}</p>
<p><a href="${link}">${link}</a></p>
<p>${message(lang, t.senderEmail ? 'tportal_sent_mail' : 'tportal_sent_no_mail')}</p>
<p><a href="${questionsPath(lang)}">${message(lang, 'tportal_back_to_list')}</a></p>`;
  return page(frame, lang, privateMeta(sentPath(lang, t.code), `${sentPath(other(lang), t.code)}${keyQuery}`, heading), s, v.now, main);
}

/** What a bot caught by the hidden field is told: the same words, no code. */
export function plainSentPage(v: View, path: string): Html {
  const { frame, lang, s } = v;
  const heading = message(lang, 'tportal_sent_title');
  return page(frame, lang, { title: heading, description: heading, path, noindex: true }, s, v.now, html`<h1>${heading}</h1><p role="status">${message(lang, 'tportal_sent_plain')}</p>`);
}

const STEPS: readonly TicketState[] = ['received', 'verifying', 'handling', 'answered', 'archived'];

const stepDate = (t: TicketRecord, step: TicketState): Date | null => {
  switch (step) {
    case 'received':
      return t.receivedAt;
    case 'verifying':
      return t.verifiedAt;
    case 'handling':
      return t.assignedAt;
    case 'answered':
      return t.answeredAt;
    case 'archived':
      return t.archivedAt;
    case 'declined':
      // No column of its own: nothing changes a declined ticket after the decision.
      return t.updatedAt;
  }
};

/**
 * The citizen's status page: the steps with their dates, the answer date and its moves, the unit
 * (never the person), and the answer once there is one — this citizen's even when it is not published.
 */
export function statusPage(v: View, t: TicketRecord, published: boolean, keyQuery: string): Html {
  const { frame, lang, s } = v;
  const heading = message(lang, 'tportal_status_title', { code: t.code });
  const declined = t.state === 'declined';
  const steps = declined ? [...STEPS.slice(0, t.verifiedAt ? 2 : 1), 'declined' as const] : STEPS;
  const at = (d: Date) => formatLocal(d, s.timeZone);
  const day = (value: string | null) => dueDayOf(value, s.timeZone);
  const unit = unitName(v, t.unitSiteId);
  const open = t.state === 'received' || t.state === 'verifying' || t.state === 'handling';
  const main = html`<h1>${heading}</h1>
<p>${message(lang, `ticket_kind_${t.kind}`)}${t.subject ? html` · ${message(lang, 'tportal_status_subject', { subject: t.subject })}` : ''}</p>
<p class="note">${message(lang, 'tportal_status_private')}</p>
<h2>${message(lang, 'tportal_status_steps')}</h2>
<ol class="steps">${steps.map((step) => {
    const date = stepDate(t, step);
    const current = step === t.state;
    return html`<li${current ? raw(' aria-current="step"') : ''}><strong>${message(lang, `ticket_state_${step}`)}</strong>: ${date ? when(date, s) : message(lang, 'tportal_status_not_yet')}${current ? html` (${message(lang, 'tportal_status_current')})` : ''}</li>`;
  })}</ol>
${unit ? html`<p>${message(lang, 'tportal_status_unit', { unit })}</p>` : ''}
${open && t.dueAt ? html`<p><strong>${message(lang, 'tportal_status_due', { due: day(t.dueAt.toISOString()) })}</strong></p>` : ''}
${t.dueMoves.length
  ? html`<h2>${message(lang, 'tportal_status_moves')}</h2><ul>${t.dueMoves.map((m) => html`<li>${message(lang, 'tportal_status_move', { at: at(new Date(m.at)), from: day(m.from), to: day(m.to), reason: m.reason })}</li>`)}</ul>`
  : ''}
${declined && t.declinedReason ? html`<p>${message(lang, 'tportal_status_declined', { reason: t.declinedReason })}</p>` : ''}
${t.answerText && t.answeredAt
  ? html`<section class="talk-answer"><h2>${message(lang, 'tportal_status_answer')}</h2><p class="talk-meta">${when(t.answeredAt, s)}</p>${plainText(t.answerText)}</section>`
  : ''}
${published ? html`<p>${message(lang, 'tportal_status_published')} <a href="${questionPath(lang, t.code)}">${t.code}</a></p>` : ''}`;
  return page(frame, lang, privateMeta(statusPath(lang, t.code), `${statusPath(other(lang), t.code)}${keyQuery}`, heading), s, v.now, main);
}
