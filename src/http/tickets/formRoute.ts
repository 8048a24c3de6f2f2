import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { peerOf, postedForm } from '../portal/postedForm.js';
import { checkFormToken, issueFormToken } from '../../core/interactions/formToken.js';
import { RateWindow, senderAddress, senderKey } from '../../core/interactions/rateWindow.js';
import type { Lang } from '../../core/messages.js';
import type { SenderContact } from '../../core/tickets/model.js';
import { statusKey } from '../../core/tickets/links.js';
import { checkTicketForm, formDedupeKey, formTokenSubject, readTicketForm, TICKET_FORM_BODY_MAX, type TicketFormInput } from '../../core/tickets/portalForm.js';
import { formPath, sentPath, type TicketForm } from '../../core/tickets/portalPaths.js';
import { frameFor } from '../../app/portal.js';
import { receiveTicket } from '../../app/tickets/receive.js';
import type { TicketEnv } from '../../app/tickets/env.js';
import type { FormSettings } from '../portal/feedback.js';
import type { Html, PortalSettings } from '../portal/layout.js';
import type { View } from '../portal/views.js';
import { formPage } from './formView.js';
import { plainSentPage } from './views.js';
import { notReady } from '../welcome.js';

/** Senders counted at once, at most (as the article form). */
const MAX_SENDERS = 50_000;
/** A token refused for another page than this form's is named as such. */
const TOKEN_MESSAGES: Record<string, string> = { form_token_other_item: 'tportal_token_other_form' };

/**
 * POST to the question or the contact form. In order, as the article form: the body small and
 * readable; the sender within their share of the minute; the hidden field empty (else the same
 * thanks, nothing stored); the token this form's, neither too fresh nor too old; the fields within
 * their limits. Then the ticket is received — once per token and content, so a double click or a
 * page sent again is one ticket — and the browser is sent on (303) to its code and status link.
 *
 * The sender's network address is used for counting only: held salted and hashed in memory, never
 * stored, logged or shown.
 */
export function ticketFormRoute(env: { tickets: TicketEnv; settings: PortalSettings; forms: FormSettings }): (c: Context, lang: Lang, form: TicketForm) => Promise<Response> {
  const { tickets, settings: s, forms } = env;
  const { deps } = tickets;
  // One budget for both forms: a flood cannot take five a minute on each.
  const senders = new RateWindow(forms.perMinute, 60_000, MAX_SENDERS);
  const salt = randomBytes(32);

  const send = async (status: number, html: Html, headers: Record<string, string> = {}) =>
    new Response((await html).toString(), { status, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...headers } });

  return async (c, lang, form) => {
    const frame = await frameFor(deps, null);
    if (!frame) return notReady();
    const v: View = { frame, lang, s, now: deps.clock() };
    const subject = formTokenSubject(form);
    const refuse = (status: number, key: string, detail: Record<string, string>, input: TicketFormInput | null, headers: Record<string, string> = {}) =>
      send(status, formPage(v, form, tickets.settings.answerWorkingDays, { token: issueFormToken(forms.key, subject, deps.clock().getTime()), input, refusal: { key, detail } }), headers);

    const read = await postedForm(c, TICKET_FORM_BODY_MAX);
    if (read === 'too_large') return refuse(413, 'form_too_large', { max: String(TICKET_FORM_BODY_MAX / 1024) }, null);
    if (read === 'unreadable') return refuse(400, 'tportal_not_form', {}, null);
    const { input, honeypot } = readTicketForm(read, form);

    const address = senderAddress(peerOf(c), c.req.header('X-Forwarded-For'), forms.trustedProxies);
    if (!senders.take(senderKey(address, salt), deps.clock().getTime())) return refuse(429, 'form_rate_limited', { n: String(forms.perMinute) }, input, { 'Retry-After': '60' });

    // A program filled the field people cannot see: it is thanked like anyone, and nothing is kept.
    if (honeypot) return send(200, plainSentPage(v, formPath(lang, form)));

    const token = checkFormToken(forms.key, input.token, subject, deps.clock().getTime(), { minSeconds: forms.minSeconds });
    if (!token.ok) return refuse(400, TOKEN_MESSAGES[token.reason] ?? token.reason, {}, input);
    const checked = checkTicketForm(input);
    if (!checked.ok) return refuse(400, checked.reason, checked.detail, input);

    const contact: SenderContact = {};
    if (input.phone) contact.phone = input.phone;
    if (input.address) contact.address = input.address;
    const received = await receiveTicket(tickets, {
      kind: form === 'question' ? 'question' : 'complaint',
      channel: form === 'question' ? 'portal' : 'contact',
      dedupeKey: formDedupeKey(form, input),
      siteId: null,
      subject: input.subject,
      question: input.question,
      field: input.field || null,
      lang,
      senderName: input.name,
      senderEmail: input.email || null,
      senderContact: contact,
    });
    if (!received.ok) return refuse(400, received.reason, received.detail ?? {}, input);
    const code = received.value.ticket.code;
    return c.redirect(`${sentPath(lang, code)}?k=${statusKey(tickets.linkKey, code)}`, 303);
  };
}


