import { html, raw } from 'hono/html';
import { INTERACTION_SOURCES, RATING_ASPECTS, publicAuthor, type InteractionRecord, type InteractionSource } from '../../core/interactions/model.js';
import { FORM_FIELDS, FORM_NAME_MAX, FORM_TEXT_MAX, type FormInput } from '../../core/interactions/portalForm.js';
import { message, type Lang } from '../../core/messages.js';
import { articlePartPath, articlePath, interactionsPath } from '../../core/portal/paths.js';
import type { Conversation, PublicInteraction } from '../../app/interactions/portal.js';
import type { PublicationRecord } from '../../app/portalPorts.js';
import { page, when, type Html, type PortalSettings } from './layout.js';
import { SLOT_MARK } from './slot.js';
import type { View } from './views.js';

/** Scores as people write them in each language: 4,3 in Vietnamese, 4.3 in English. */
const SCORE_FORMATS: Record<Lang, Intl.NumberFormat> = { vi: new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }), en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }) };
const score = (value: number, lang: Lang) => SCORE_FORMATS[lang].format(value);
const sourceLabel = (source: InteractionSource, lang: Lang) => message(lang, `source_${source}`);

/** Citizens' words as plain text: paragraphs and line breaks only, no links (nothing they write becomes markup). */
function plainText(text: string): Html {
  const paragraphs = text.split(/\n{2,}/).filter((p) => p.trim() !== '');
  return html`${paragraphs.map((p) => html`<p>${p.split('\n').map((line, i) => html`${i > 0 ? html`<br>` : ''}${line}`)}</p>`)}`;
}

/** One published interaction: who (as they named themselves; never an address or a platform id), when, what, and the answer. */
function entry(r: InteractionRecord, lang: Lang, s: PortalSettings, about: Html = html``): Html {
  const author = publicAuthor(r) ?? message(lang, 'talk_reader');
  return html`<article class="talk">
<p class="talk-meta"><span class="talk-author">${author}</span> · ${when(r.occurredAt, s)}${r.source !== 'portal' ? html` · ${message(lang, 'talk_via', { source: sourceLabel(r.source, lang) })}` : ''}${about}</p>
<div class="talk-text">${plainText(r.publicText ?? '')}</div>
${r.answerText
  ? html`<div class="talk-answer"><p class="talk-meta"><strong>${message(lang, 'talk_answer')}</strong>${r.answeredAt ? html` · ${when(r.answeredAt, s)}` : ''}</p>${plainText(r.answerText)}</div>`
  : ''}
</article>`;
}

function ratingBlock(c: Conversation, lang: Lang): Html {
  const r = c.rating;
  return html`<section class="rating" aria-labelledby="h-rating"><h2 id="h-rating">${message(lang, 'rating_heading')}</h2>
${r.count > 0 && r.mean !== null
  ? html`<p>${message(lang, 'rating_summary', { mean: score(r.mean, lang), count: String(r.count) })}</p>
<ul class="aspects">${RATING_ASPECTS.flatMap((aspect) => {
      const a = r.byAspect[aspect];
      return a ? [html`<li>${message(lang, 'rating_aspect', { aspect: message(lang, `rating_aspect_${aspect}`), mean: score(a.mean, lang), count: String(a.count) })}</li>`] : [];
    })}</ul>`
  : html`<p>${message(lang, 'rating_none')}</p>`}
${c.shares.length ? html`<p>${message(lang, 'shares_heading')}: ${c.shares.map((x, i) => html`${i > 0 ? ' · ' : ''}${sourceLabel(x.source, lang)} ${x.count}`)}</p>` : ''}
</section>`;
}

/**
 * The form, without JavaScript: a plain POST. `token` null leaves the hole a kept page fills per
 * request (slot.ts); a page drawn for one request (a refusal) carries its token at once.
 */
export function feedbackForm(lang: Lang, code: string, token: string | null, input: FormInput | null = null): Html {
  const field = (name: string) => `fb-${name}`;
  const tokenField = token === null ? raw(SLOT_MARK) : tokenInput(token);
  return html`<section class="feedback" aria-labelledby="h-feedback" id="gop-y"><h2 id="h-feedback">${message(lang, 'form_heading')}</h2>
<p>${message(lang, 'form_intro')}</p>
<form method="post" action="${articlePartPath(lang, code, 'feedback')}" enctype="multipart/form-data">
${tokenField}
<div class="hp"><label for="${field('website')}">${message(lang, 'form_honeypot')}</label><input id="${field('website')}" name="${FORM_FIELDS.honeypot}" type="text" tabindex="-1" autocomplete="off"></div>
<p class="field"><label for="${field('name')}">${message(lang, 'form_name', { max: String(FORM_NAME_MAX) })}</label>
<input id="${field('name')}" name="${FORM_FIELDS.name}" type="text" maxlength="${FORM_NAME_MAX}" autocomplete="nickname" value="${input?.name ?? ''}"></p>
<p class="field"><label for="${field('text')}">${message(lang, 'form_text', { max: String(FORM_TEXT_MAX) })}</label>
<textarea id="${field('text')}" name="${FORM_FIELDS.text}" rows="5" maxlength="${FORM_TEXT_MAX}">${input?.text ?? ''}</textarea></p>
<fieldset class="scores"><legend>${message(lang, 'form_rating')}</legend>
${RATING_ASPECTS.map(
  (aspect) => html`<p class="field"><label for="${field(aspect)}">${message(lang, `rating_aspect_${aspect}`)}</label>
<select id="${field(aspect)}" name="${aspect}"><option value="">${message(lang, 'form_no_score')}</option>${[5, 4, 3, 2, 1].map(
    (n) => html`<option value="${n}"${input?.scores[aspect] === String(n) ? raw(' selected') : ''}>${message(lang, `form_score_${n}`)}</option>`,
  )}</select></p>`,
)}
</fieldset>
<p><button type="submit">${message(lang, 'form_send')}</button></p>
</form></section>`;
}

export const tokenInput = (token: string) => html`<input type="hidden" name="${FORM_FIELDS.token}" value="${token}">`;

/** Under the article: the rating, the newest published comments (oldest of them first) with their answers, the form. */
export function conversationBlock(lang: Lang, s: PortalSettings, code: string, c: Conversation, withForm: boolean): Html {
  return html`${ratingBlock(c, lang)}
<section class="talks" aria-labelledby="h-talk"><h2 id="h-talk">${message(lang, 'talk_heading')}</h2>
${c.shown.length ? c.shown.map((r) => entry(r, lang, s)) : html`<p>${message(lang, 'talk_empty')}</p>`}
${c.more ? html`<p><a href="${interactionsPath(lang)}?ma=${encodeURIComponent(code)}">${message(lang, 'talk_more')}</a></p>` : ''}
</section>
${withForm ? feedbackForm(lang, code, null) : ''}`;
}

/** After a post: what happens next. The same page answers a bot caught by the honeypot. */
export function sentPage(v: View, p: PublicationRecord, kind: 'sent' | 'rated'): Html {
  const { frame, lang, s } = v;
  const heading = message(lang, 'form_sent_title');
  const main = html`<h1>${heading}</h1><p role="status">${message(lang, kind === 'sent' ? 'form_sent_comment' : 'form_sent_rating')}</p>
<p><a href="${articlePath(lang, p.code)}">${message(lang, 'form_back')}: ${p.title}</a></p>`;
  const path = articlePartPath(lang, p.code, kind);
  const other: Lang = lang === 'vi' ? 'en' : 'vi';
  return page(frame, lang, { title: heading, description: heading, path, otherLangPath: articlePartPath(other, p.code, kind), noindex: true }, s, v.now, main);
}

/**
 * A post refused: why, in both languages (the reader's first), and the form again with what they
 * typed and a fresh token, so nothing written is lost.
 */
export function refusedPage(v: View, p: PublicationRecord, why: { key: string; detail?: Record<string, string> }, form: { token: string; input: FormInput | null } | null): Html {
  const { frame, lang, s } = v;
  const other: Lang = lang === 'vi' ? 'en' : 'vi';
  const heading = message(lang, 'form_refused_title');
  const main = html`<h1>${heading}</h1>
<div role="alert"><p>${message(lang, why.key, why.detail)}</p><p lang="${other}">${message(other, why.key, why.detail)}</p></div>
<p><a href="${articlePath(lang, p.code)}">${message(lang, 'form_back')}: ${p.title}</a></p>
${form ? feedbackForm(lang, p.code, form.token, form.input) : ''}`;
  return page(frame, lang, { title: heading, description: heading, path: articlePartPath(lang, p.code, 'feedback'), otherLangPath: articlePath(other, p.code), noindex: true }, s, v.now, main);
}

export interface InteractionsFilter {
  source: InteractionSource | null;
  code: string | null;
  before: string | null;
}

const listQuery = (f: Partial<InteractionsFilter>) => {
  const q = new URLSearchParams();
  if (f.source) q.set('nguon', f.source);
  if (f.code) q.set('ma', f.code);
  if (f.before) q.set('tiep', f.before);
  const text = q.toString();
  return text ? `?${text}` : '';
};

/** `/vi/tuong-tac`, `/en/interactions`: what was published, across sites, newest first, a page at a time. */
export function interactionsPage(v: View, data: { rows: PublicInteraction[]; next: string | null; item: PublicationRecord | null }, f: InteractionsFilter): Html {
  const { frame, lang, s } = v;
  const heading = message(lang, 'interactions_title');
  const path = interactionsPath(lang);
  const other: Lang = lang === 'vi' ? 'en' : 'vi';
  const about = (p: PublicationRecord | null) => (p ? html` · ${message(lang, 'interactions_on')} <a href="${articlePath(lang, p.code)}">${p.title}</a>` : html``);
  const main = html`<h1>${heading}</h1>
<p>${message(lang, 'interactions_intro')}</p>
${data.item ? html`<p><strong>${message(lang, 'interactions_about', { title: data.item.title })}</strong></p>` : ''}
<form class="filter" method="get" action="${path}">
${f.code ? html`<input type="hidden" name="ma" value="${f.code}">` : ''}
<label for="nguon">${message(lang, 'interactions_filter')}</label>
<select id="nguon" name="nguon"><option value="">${message(lang, 'interactions_all')}</option>${INTERACTION_SOURCES.map((x) => html`<option value="${x}"${f.source === x ? raw(' selected') : ''}>${sourceLabel(x, lang)}</option>`)}</select>
<button type="submit">${message(lang, 'interactions_apply')}</button>
</form>
${data.rows.length ? html`<div class="talks">${data.rows.map((r) => entry(r.record, lang, s, data.item ? html`` : about(r.publication)))}</div>` : html`<p>${message(lang, 'interactions_empty')}</p>`}
${f.before || data.next
  ? html`<nav class="pages" aria-label="${message(lang, 'portal_pagination')}">
${f.before ? html`<a href="${path}${listQuery({ source: f.source, code: f.code })}">${message(lang, 'interactions_newest')}</a>` : ''}
${data.next ? html`<a rel="next" href="${path}${listQuery({ source: f.source, code: f.code, before: data.next })}">${message(lang, 'interactions_older')}</a>` : ''}
</nav>`
  : ''}`;
  const here = `${path}${listQuery(f)}`;
  return page(frame, lang, { title: heading, description: message(lang, 'interactions_intro'), path: here, otherLangPath: `${interactionsPath(other)}${listQuery(f)}`, noindex: f.before !== null }, s, v.now, main);
}
