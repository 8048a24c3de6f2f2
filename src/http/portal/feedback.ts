import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { peerOf, postedForm } from './postedForm.js';
import { checkFormToken, issueFormToken } from '../../core/interactions/formToken.js';
import { checkForm, FORM_BODY_MAX, FORM_NAME_MAX, FORM_TEXT_MAX, readForm, type FormInput } from '../../core/interactions/portalForm.js';
import { RateWindow, senderAddress, senderKey } from '../../core/interactions/rateWindow.js';
import { isLang, type Lang } from '../../core/messages.js';
import { articlePartOf, articlePartPath, segment } from '../../core/portal/paths.js';
import { takePortalFeedback } from '../../app/interactions/portal.js';
import { frameFor } from '../../app/portal.js';
import type { Deps } from '../../app/deps.js';
import type { PublicationRecord } from '../../app/portalPorts.js';
import type { Html, PortalSettings } from './layout.js';
import { refusedPage } from './interactionViews.js';
import { gonePage, notFoundPage, type View } from './views.js';
import { notReady } from '../welcome.js';

export interface FormSettings {
  /** formTokenKey(HUB_SECRET). */
  key: Buffer;
  /** Posts let through per sending address in any minute. */
  perMinute: number;
  /** Seconds between the form being served and posted, at least. */
  minSeconds: number;
  /** Proxies whose X-Forwarded-For is believed (a reverse proxy in front of the portal). */
  trustedProxies: ReadonlySet<string>;
}

/** Senders counted at once, at most: a few MB however many addresses a flood comes from. */
const MAX_SENDERS = 50_000;

/**
 * POST /{lang}/{article}/{code}/{feedback}: a citizen's comment and/or rating. In order: the
 * article must be live; the body small and readable; the address within its share of the minute;
 * the honeypot empty (else the same thanks, nothing stored); the token this article's, neither too
 * fresh nor too old; the fields within their limits. Then it is stored and the browser is sent on
 * (303) to a page that says what happens next, so a reload sends nothing again.
 *
 * The address is used for counting only: held salted and hashed in memory (rateWindow.ts), never
 * stored, logged or shown.
 */
export function feedbackRoute(env: { deps: Deps; settings: PortalSettings; forms: FormSettings }): (c: Context) => Promise<Response> {
  const { deps, settings: s, forms } = env;
  const senders = new RateWindow(forms.perMinute, 60_000, MAX_SENDERS);
  // New each start: the counter's keys say nothing about an address to anyone reading memory later.
  const salt = randomBytes(32);

  const send = async (status: number, html: Html, headers: Record<string, string> = {}) =>
    new Response((await html).toString(), { status, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...headers } });

  return async (c) => {
    const lang = c.req.param('lang');
    const path = new URL(c.req.url).pathname;
    const [article, rawCode, part, ...more] = path.split('/').slice(2);
    if (!lang || !isLang(lang) || more.length || article !== segment(lang, 'article') || !rawCode || !part || articlePartOf(lang, part) !== 'feedback') return c.notFound();
    const frame = await frameFor(deps, null);
    if (!frame) return notReady();
    const v: View = { frame, lang, s, now: deps.clock() };
    let code: string;
    try {
      code = decodeURIComponent(rawCode).toUpperCase();
    } catch {
      return send(404, notFoundPage(v, path));
    }
    const p = await deps.store.publicationByCode(code);
    if (!p) return send(404, notFoundPage(v, path));
    if (p.takenDownAt) return send(410, gonePage(v, p));

    const refuse = (status: number, key: string, detail: Record<string, string>, input: FormInput | null, headers: Record<string, string> = {}) =>
      send(status, refusedPage(v, p, { key, detail }, { token: issueFormToken(forms.key, p.code, deps.clock().getTime()), input }), headers);

    const read = await postedForm(c, FORM_BODY_MAX);
    if (read === 'too_large') return refuse(400, 'form_too_large', { max: String(FORM_BODY_MAX / 1024) }, null);
    if (read === 'unreadable') return refuse(400, 'form_not_form', {}, null);
    const { input, honeypot } = readForm(read);

    const address = senderAddress(peerOf(c), c.req.header('X-Forwarded-For'), forms.trustedProxies);
    if (!senders.take(senderKey(address, salt), deps.clock().getTime())) return refuse(429, 'form_rate_limited', { n: String(forms.perMinute) }, input, { 'Retry-After': '60' });

    // A program filled the field people cannot see: it is thanked like anyone, and nothing is kept.
    if (honeypot) return c.redirect(afterPost(lang, p, input.text), 303);

    const token = checkFormToken(forms.key, input.token, p.code, deps.clock().getTime(), { minSeconds: forms.minSeconds });
    if (!token.ok) return refuse(400, token.reason, {}, input);
    const form = checkForm(input);
    if (!form.ok) return refuse(400, form.reason, { max: String(form.reason === 'form_name_too_long' ? FORM_NAME_MAX : FORM_TEXT_MAX) }, input);

    await takePortalFeedback(deps, p.code, form.value);
    return c.redirect(afterPost(lang, p, form.value.text), 303);
  };
}


const afterPost = (lang: Lang, p: PublicationRecord, text: string) => articlePartPath(lang, p.code, text === '' ? 'rated' : 'sent');

