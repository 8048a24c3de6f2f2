import { html, raw } from 'hono/html';
import { message, type Lang } from '../../core/messages.js';
import { TICKET_FIELDS, TICKET_FORM_FIELDS as F, TICKET_FORM_LIMITS as L, type TicketFormInput } from '../../core/tickets/portalForm.js';
import { formPath, questionsPath, type TicketForm } from '../../core/tickets/portalPaths.js';
import { page, type Html } from '../portal/layout.js';
import { tokenInput } from '../portal/interactionViews.js';
import { SLOT_MARK } from '../portal/slot.js';
import type { View } from '../portal/views.js';
import { fieldName } from './views.js';

const other = (lang: Lang): Lang => (lang === 'vi' ? 'en' : 'vi');
const count = (n: number, lang: Lang) => n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB');

export interface FormState {
  /** Null leaves the hole a kept page fills on every request (slot.ts); a page drawn for one request carries its own. */
  token: string | null;
  input: TicketFormInput | null;
  refusal: { key: string; detail: Record<string, string> } | null;
}

/**
 * The "Hỏi đáp" and "Liên hệ" forms, without JavaScript: a plain multipart POST to the page's own
 * address. A refused post draws the page again with the reason in both languages (the reader's first)
 * and everything that was typed.
 */
export function formPage(v: View, form: TicketForm, answerDays: number, state: FormState): Html {
  const { frame, lang, s } = v;
  const heading = message(lang, form === 'question' ? 'tportal_form_question_title' : 'tportal_form_contact_title');
  const intro = message(lang, form === 'question' ? 'tportal_form_question_intro' : 'tportal_form_contact_intro', { days: String(answerDays) });
  const i = state.input;
  const id = (name: string) => `tk-${name}`;
  const text = (name: keyof typeof F & keyof TicketFormInput, label: string, max: number, extra: string) =>
    html`<p class="field"><label for="${id(name)}">${label}</label>
<input id="${id(name)}" name="${F[name]}" type="text" maxlength="${max}" ${raw(extra)} value="${i?.[name] ?? ''}"></p>`;
  const r = state.refusal;
  const main = html`<h1>${r ? message(lang, 'tportal_form_refused') : heading}</h1>
${r ? html`<div role="alert"><p>${message(lang, r.key, r.detail)}</p><p lang="${other(lang)}">${message(other(lang), r.key, r.detail)}</p></div>` : ''}
<section class="feedback" aria-labelledby="h-ticket-form">${r ? html`<h2 id="h-ticket-form">${heading}</h2>` : html`<h2 id="h-ticket-form" class="visually-hidden">${heading}</h2>`}
<p>${intro}</p>
<p>${message(lang, 'tportal_form_privacy')}</p>
<form method="post" action="${formPath(lang, form)}" enctype="multipart/form-data">
${state.token === null ? raw(SLOT_MARK) : tokenInput(state.token)}
<div class="hp"><label for="${id('website')}">${message(lang, 'form_honeypot')}</label><input id="${id('website')}" name="${F.honeypot}" type="text" tabindex="-1" autocomplete="off"></div>
${text('name', message(lang, 'tportal_form_name'), L.name, 'required autocomplete="name"')}
${text('email', message(lang, 'tportal_form_email'), L.email, 'inputmode="email" autocomplete="email"')}
${text('phone', message(lang, 'tportal_form_phone'), L.phone, 'inputmode="tel" autocomplete="tel"')}
${form === 'contact' ? text('address', message(lang, 'tportal_form_address'), L.address, 'autocomplete="street-address"') : ''}
<p class="field"><label for="${id('field')}">${message(lang, 'tportal_form_field')}</label>
<select id="${id('field')}" name="${F.field}"><option value="">${message(lang, 'tportal_form_field_none')}</option>${TICKET_FIELDS.map(
    (x) => html`<option value="${x}"${i?.field === x ? raw(' selected') : ''}>${fieldName(lang, x)}</option>`,
  )}</select></p>
${text('subject', message(lang, 'tportal_form_subject', { max: count(L.subject, lang) }), L.subject, 'required')}
<p class="field"><label for="${id('question')}">${message(lang, form === 'question' ? 'tportal_form_question' : 'tportal_form_complaint', { max: count(L.question, lang) })}</label>
<textarea id="${id('question')}" name="${F.question}" rows="10" maxlength="${L.question}" required>${i?.question ?? ''}</textarea></p>
<p><button type="submit">${message(lang, 'tportal_form_send')}</button></p>
</form></section>
<p><a href="${questionsPath(lang)}">${message(lang, 'tportal_back_to_list')}</a></p>`;
  const title = r ? `${message(lang, 'tportal_form_refused')} – ${heading}` : heading;
  return page(frame, lang, { title, description: intro, path: formPath(lang, form), otherLangPath: formPath(other(lang), form), noindex: r !== null }, s, v.now, main);
}
