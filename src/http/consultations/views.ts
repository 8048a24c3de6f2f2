import { html, raw } from 'hono/html';
import { isOver, type ConsultationRecord, type PublicComment, type SectionRecord } from '../../core/consultations/model.js';
import { draftPath, draftSentPath, draftsPath, sectionPath } from '../../core/consultations/paths.js';
import { FORM_FIELDS, FORM_NAME_MAX, FORM_TEXT_MAX, type FormInput } from '../../core/interactions/portalForm.js';
import { storedMedia } from '../../core/mediaRef.js';
import { formatLocal } from '../../core/dates.js';
import { message, type Lang } from '../../core/messages.js';
import { tokenInput } from '../portal/interactionViews.js';
import { page, when, type Html } from '../portal/layout.js';
import { mediaUrl } from '../portal/parts.js';
import { SLOT_MARK } from '../portal/slot.js';
import type { View } from '../portal/views.js';

/** The e-mail field of the draft's form: optional, kept for the agency, never shown. */
export const EMAIL_FIELD = 'email';

const other = (lang: Lang): Lang => (lang === 'vi' ? 'en' : 'vi');
const m = (lang: Lang, key: string, detail?: Record<string, string>) => message(lang, key, detail);

/** Citizens' words as plain text: paragraphs and line breaks only (nothing they write becomes markup). */
function plain(text: string): Html {
  const paragraphs = text.split(/\n{2,}/).filter((p) => p.trim() !== '');
  return html`${paragraphs.map((p) => html`<p>${p.split('\n').map((line, i) => html`${i > 0 ? html`<br>` : ''}${line}`)}</p>`)}`;
}

function comment(c: PublicComment, v: View): Html {
  return html`<article class="talk"><p class="talk-meta"><span class="talk-author">${c.author ?? m(v.lang, 'consultation_citizen')}</span> · ${when(c.receivedAt, v.s)}</p>
<div class="talk-text">${plain(c.text)}</div></article>`;
}

/** Times as the province's clock shows them (the deadline is the agency's). */
const at = (v: View, d: Date) => formatLocal(d, v.s.timeZone);

const fileType = (ref: string) => ref.split('.').pop()?.toUpperCase() ?? '';
const fileLink = (ref: string, label: string) => html`<a href="${mediaUrl(ref)}" type="${storedMedia(ref)?.type ?? 'application/octet-stream'}">${label}</a>`;

/** Deadline, or that it is over and where the summary is. */
function status(v: View, c: ConsultationRecord): Html {
  const { lang } = v;
  if (!isOver(c, v.now)) return html`<p class="deadline"><strong>${m(lang, 'consultation_deadline', { at: at(v, c.closesAt) })}</strong></p>`;
  const summary =
    c.summaryDocxRef && c.summaryXlsxRef
      ? html`<ul><li>${fileLink(c.summaryDocxRef, m(lang, 'consultation_summary_docx'))}</li><li>${fileLink(c.summaryXlsxRef, m(lang, 'consultation_summary_xlsx'))}</li></ul>`
      : html`<p>${m(lang, 'consultation_summary_pending')}</p>`;
  return html`<div class="notice" role="status"><p>${m(lang, 'consultation_closed_notice', { at: at(v, c.closesAt) })}</p></div>
<section class="files" aria-labelledby="h-summary"><h2 id="h-summary">${m(lang, 'consultation_summary_heading')}</h2>${summary}</section>`;
}

function head(v: View, c: ConsultationRecord): Html {
  const { lang } = v;
  return html`<p class="crumbs"><a href="${draftsPath(lang)}">${m(lang, 'consultation_list_title')}</a></p>
<h1>${c.title}</h1>
<p class="meta">${m(lang, 'consultation_agency', { agency: c.agency })} · ${m(lang, `consultation_state_${isOver(c, v.now) ? 'closed' : 'open'}`)}</p>
<p>${m(lang, 'consultation_period', { from: at(v, c.opensAt), to: at(v, c.closesAt) })}</p>
${status(v, c)}
<p class="document">${fileLink(c.documentRef, m(lang, 'consultation_document', { type: fileType(c.documentRef) }))}</p>`;
}

/** `/vi/du-thao/<slug>`: the draft, its deadline or summary, each section with its published comments. */
export function draftPage(v: View, c: ConsultationRecord, sections: SectionRecord[], comments: PublicComment[], withForms: boolean): Html {
  const { frame, lang, s } = v;
  const open = withForms && !isOver(c, v.now);
  const main = html`${head(v, c)}
<section aria-labelledby="h-sections"><h2 id="h-sections">${m(lang, 'consultation_sections_heading')}</h2>
${sections.map((sec) => {
  const mine = comments.filter((x) => x.sectionId === sec.id);
  return html`<section class="draft-section" id="muc-${sec.position}" aria-labelledby="h-muc-${sec.position}">
<h3 id="h-muc-${sec.position}">${m(lang, 'consultation_section', { n: String(sec.position), title: sec.title })}</h3>
${sec.text ? html`<div class="body">${plain(sec.text)}</div>` : ''}
<p class="talk-count">${m(lang, 'consultation_comments_count', { n: String(mine.length) })}</p>
${mine.length ? html`<div class="talks">${mine.map((x) => comment(x, v))}</div>` : html`<p>${m(lang, 'consultation_no_comments')}</p>`}
${open ? html`<p><a class="button" href="${sectionPath(lang, c.slug, sec.position)}#gop-y">${m(lang, 'consultation_comment_this')}</a></p>` : ''}
</section>`;
})}
</section>`;
  return page(frame, lang, { title: c.title, description: m(lang, 'consultation_agency', { agency: c.agency }), path: draftPath(lang, c.slug), otherLangPath: draftPath(other(lang), c.slug) }, s, v.now, main);
}

/**
 * The section's form, without JavaScript: a plain POST to the section's own address. `token` null
 * leaves the hole a kept page fills per request (../portal/slot.ts); a page drawn for one request
 * (a refusal) carries its token at once.
 */
export function commentForm(lang: Lang, slug: string, position: number, token: string | null, input: (FormInput & { email: string }) | null = null): Html {
  const id = (name: string) => `du-thao-${name}`;
  return html`<section class="feedback" aria-labelledby="h-form" id="gop-y"><h2 id="h-form">${m(lang, 'consultation_form_heading')}</h2>
<p>${m(lang, 'consultation_form_intro')}</p>
<form method="post" action="${sectionPath(lang, slug, position)}" enctype="multipart/form-data">
${token === null ? raw(SLOT_MARK) : tokenInput(token)}
<div class="hp"><label for="${id('website')}">${m(lang, 'form_honeypot')}</label><input id="${id('website')}" name="${FORM_FIELDS.honeypot}" type="text" tabindex="-1" autocomplete="off"></div>
<p class="field"><label for="${id('name')}">${m(lang, 'consultation_form_name', { max: String(FORM_NAME_MAX) })}</label>
<input id="${id('name')}" name="${FORM_FIELDS.name}" type="text" maxlength="${FORM_NAME_MAX}" required autocomplete="name" value="${input?.name ?? ''}"></p>
<p class="field"><label for="${id('email')}">${m(lang, 'consultation_form_email')}</label>
<input id="${id('email')}" name="${EMAIL_FIELD}" type="email" maxlength="200" autocomplete="email" value="${input?.email ?? ''}"></p>
<p class="field"><label for="${id('text')}">${m(lang, 'consultation_form_text', { max: String(FORM_TEXT_MAX) })}</label>
<textarea id="${id('text')}" name="${FORM_FIELDS.text}" rows="6" maxlength="${FORM_TEXT_MAX}" required>${input?.text ?? ''}</textarea></p>
<p><button type="submit">${m(lang, 'consultation_form_send')}</button></p>
</form></section>`;
}

/** `/vi/du-thao/<slug>/<n>`: one section, its published comments and its form while the draft is open. */
export function sectionPage(v: View, c: ConsultationRecord, sec: SectionRecord, comments: PublicComment[], form: Html | null): Html {
  const { frame, lang, s } = v;
  const heading = m(lang, 'consultation_section', { n: String(sec.position), title: sec.title });
  const main = html`<p class="crumbs"><a href="${draftsPath(lang)}">${m(lang, 'consultation_list_title')}</a> › <a href="${draftPath(lang, c.slug)}">${c.title}</a></p>
<h1>${heading}</h1>
<p class="meta">${m(lang, 'consultation_agency', { agency: c.agency })}</p>
${isOver(c, v.now) ? html`<div class="notice" role="status"><p>${m(lang, 'consultation_closed_notice', { at: at(v, c.closesAt) })}</p></div>` : html`<p class="deadline"><strong>${m(lang, 'consultation_deadline', { at: at(v, c.closesAt) })}</strong></p>`}
${sec.text ? html`<div class="body">${plain(sec.text)}</div>` : ''}
<section class="talks" aria-labelledby="h-talk"><h2 id="h-talk">${m(lang, 'consultation_comments_count', { n: String(comments.length) })}</h2>
${comments.length ? comments.map((x) => comment(x, v)) : html`<p>${m(lang, 'consultation_no_comments')}</p>`}</section>
${form ?? ''}`;
  const path = sectionPath(lang, c.slug, sec.position);
  return page(frame, lang, { title: `${heading} – ${c.title}`, description: heading, path, otherLangPath: sectionPath(other(lang), c.slug, sec.position) }, s, v.now, main);
}

/** After a post: it waits for moderation. The same page answers a bot caught by the honeypot. */
export function sentPage(v: View, c: ConsultationRecord): Html {
  const { frame, lang, s } = v;
  const heading = m(lang, 'consultation_sent_title');
  const main = html`<h1>${heading}</h1><p role="status">${m(lang, 'consultation_sent_text')}</p>
<p><a href="${draftPath(lang, c.slug)}">${m(lang, 'consultation_back')}: ${c.title}</a></p>`;
  return page(frame, lang, { title: heading, description: heading, path: draftSentPath(lang, c.slug), otherLangPath: draftSentPath(other(lang), c.slug), noindex: true }, s, v.now, main);
}

/** A post refused: why, in both languages (the reader's first), and the form again with what was typed, when it may be sent again. */
export function refusedPage(v: View, c: ConsultationRecord, position: number, why: { key: string; detail?: Record<string, string> }, form: Html | null): Html {
  const { frame, lang, s } = v;
  const heading = m(lang, 'form_refused_title');
  const main = html`<h1>${heading}</h1>
<div role="alert"><p>${m(lang, why.key, why.detail)}</p><p lang="${other(lang)}">${m(other(lang), why.key, why.detail)}</p></div>
<p><a href="${draftPath(lang, c.slug)}">${m(lang, 'consultation_back')}: ${c.title}</a></p>
${form ?? ''}`;
  return page(frame, lang, { title: heading, description: heading, path: sectionPath(lang, c.slug, position), noindex: true }, s, v.now, main);
}

/** `/vi/du-thao`: open drafts first (soonest deadline first), then closed ones (latest first). */
export function listPage(v: View, open: ConsultationRecord[], closed: ConsultationRecord[]): Html {
  const { frame, lang, s } = v;
  const heading = m(lang, 'consultation_list_title');
  const item = (c: ConsultationRecord) => html`<li><a href="${draftPath(lang, c.slug)}">${c.title}</a><br><span class="meta">${m(lang, 'consultation_agency', { agency: c.agency })} · ${
    isOver(c, v.now) ? html`${m(lang, 'consultation_state_closed')} · ${at(v, c.closesAt)}` : html`${m(lang, 'consultation_deadline', { at: at(v, c.closesAt) })}`
  }</span></li>`;
  const block = (key: string, id: string, list: ConsultationRecord[]) =>
    html`<section aria-labelledby="${id}"><h2 id="${id}">${m(lang, key)}</h2>${list.length ? html`<ul class="drafts">${list.map(item)}</ul>` : html`<p>${m(lang, 'consultation_none')}</p>`}</section>`;
  const main = html`<h1>${heading}</h1><p>${m(lang, 'consultation_list_intro')}</p>
${block('consultation_open_heading', 'h-open', open)}
${block('consultation_closed_heading', 'h-closed', closed)}`;
  return page(frame, lang, { title: heading, description: m(lang, 'consultation_list_intro'), path: draftsPath(lang), otherLangPath: draftsPath(other(lang)) }, s, v.now, main);
}
