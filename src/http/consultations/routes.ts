import { createHash, randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { commentOnDraft } from '../../app/consultations/post.js';
import type { Deps } from '../../app/deps.js';
import { frameFor, type Frame } from '../../app/portal.js';
import { acceptsComments, isOver, isSlug, publicComment } from '../../core/consultations/model.js';
import { draftSentPath, draftsWord, sentWord } from '../../core/consultations/paths.js';
import { checkFormToken, issueFormToken } from '../../core/interactions/formToken.js';
import { checkForm, FORM_BODY_MAX, FORM_NAME_MAX, FORM_TEXT_MAX, readForm } from '../../core/interactions/portalForm.js';
import { RateWindow, senderAddress, senderKey } from '../../core/interactions/rateWindow.js';
import { LANGS, type Lang } from '../../core/messages.js';
import type { PublicNameMode } from '../../core/tickets/privacy.js';
import { rendered, tagged, type PageCache, type Rendered, type SlotFill } from '../portal/cache.js';
import { TAG } from '../../core/portal/changes.js';
import type { FormSettings } from '../portal/feedback.js';
import { tokenInput } from '../portal/interactionViews.js';
import type { Html, PortalSettings } from '../portal/layout.js';
import { notFoundPage, type View } from '../portal/views.js';
import { peerOf, postedForm } from '../portal/postedForm.js';
import { commentForm, draftPage, EMAIL_FIELD, listPage, refusedPage, sectionPage, sentPage } from './views.js';
import { welcomePage, notReady } from '../welcome.js';

export interface ConsultationPagesOptions {
  deps: Deps;
  settings: PortalSettings;
  cache: PageCache;
  forms: FormSettings | null;
  /** How commenters' names are published (TICKET_PUBLIC_NAME); the configuration's default when absent. */
  publicName?: PublicNameMode;
}

const HTML = 'text/html; charset=utf-8';
const PAGE_CACHE_CONTROL = 'public, max-age=0, must-revalidate';
/** Senders counted at once, at most (as the article form). */
const MAX_SENDERS = 50_000;
const LISTED = 500;

/** The token binds a form to its draft and section: one drawn for section 1 cannot post to section 2. */
const tokenCode = (slug: string, position: number) => `DRAFT-${slug}-${position}`;

const asPosition = (part: string) => (/^[1-9]\d{0,2}$/.test(part) ? Number(part) : null);

/**
 * The drafts' public pages and their comment forms. Pages are kept in the portal's page cache (dropped
 * when an audited write — a decision, a close, a stored summary — moves the change stamp, and redrawn
 * at a draft's deadline); each section's form page has its token filled per request through the
 * cache's slot. One form per page: a kept page has one hole, so each section's form is on the
 * section's own page, linked from the draft.
 */
export function consultationPages(options: ConsultationPagesOptions): Hono {
  const { deps, settings: s, cache, forms } = options;
  const mode = options.publicName ?? 'initials';
  const app = new Hono();
  const senders = forms ? new RateWindow(forms.perMinute, 60_000, MAX_SENDERS) : null;
  // New each start: the counter's keys say nothing about an address to anyone reading memory later.
  const salt = randomBytes(32);

  const tokenHole = (slug: string, position: number): SlotFill | undefined =>
    forms ? { fill: (nowMs) => tokenInput(issueFormToken(forms.key, tokenCode(slug, position), nowMs)).toString(), now: () => deps.clock().getTime() } : undefined;
  const page = async (status: number, html: Html, frame: Frame, expiresAt: Date | null = null, hole?: SlotFill) => {
    const next = [frame.nextChange?.getTime(), expiresAt?.getTime()].filter((t): t is number => t !== undefined).sort((a, b) => a - b)[0] ?? null;
    return rendered(status, HTML, (await html).toString(), PAGE_CACHE_CONTROL, next, hole);
  };
  /** Redrawn when its deadline passes, so "open" turns to "closed" before the job has run. */
  const untilOver = (c: { closesAt: Date }, now: Date) => (c.closesAt > now ? c.closesAt : null);

  async function draw(lang: Lang, parts: string[], path: string): Promise<Rendered> {
    const frame = await frameFor(deps, null);
    if (!frame) return welcomePage();
    const v: View = { frame, lang, s, now: deps.clock() };
    const missing = () => page(404, notFoundPage(v, path), frame);
    const [slug, part, ...more] = parts;
    if (slug === undefined) {
      const [open, closed] = await Promise.all([deps.store.listConsultations({ state: 'open', limit: LISTED }), deps.store.listConsultations({ state: 'closed', limit: LISTED })]);
      const soonest = open.map((c) => c.closesAt).filter((d) => d > v.now).sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
      return page(200, listPage(v, open.filter((c) => !isOver(c, v.now)), [...open.filter((c) => isOver(c, v.now)), ...closed]), frame, soonest);
    }
    if (more.length || !isSlug(slug)) return missing();
    const found = await deps.store.consultationBySlug(slug);
    if (!found) return missing();
    const c = found.consultation;
    if (part === sentWord(lang)) return page(200, sentPage(v, c), frame);
    const published = (await deps.store.consultationComments(c.id, { state: 'published' })).map((x) => publicComment(x, mode));
    if (part === undefined) return page(200, draftPage(v, c, found.sections, published, forms !== null), frame, untilOver(c, v.now));
    const position = asPosition(part);
    const section = found.sections.find((x) => x.position === position);
    if (!section) return missing();
    const open = forms !== null && acceptsComments(c, v.now);
    const form = open ? commentForm(lang, c.slug, section.position, null) : null;
    return page(200, sectionPage(v, c, section, published.filter((x) => x.sectionId === section.id), form), frame, untilOver(c, v.now), open ? tokenHole(c.slug, section.position) : undefined);
  }

  const serve = async (c: Context, lang: Lang) => {
    const url = new URL(c.req.url);
    const parts = url.pathname.split('/').slice(3);
    return cache.serve(url.pathname, async () => tagged(await draw(lang, parts, url.pathname), [TAG.consultations]), { ifNoneMatch: c.req.header('If-None-Match'), acceptEncoding: c.req.header('Accept-Encoding') });
  };

  const send = async (status: number, html: Html, headers: Record<string, string> = {}) =>
    new Response((await html).toString(), { status, headers: { 'Content-Type': HTML, 'Cache-Control': 'no-store', ...headers } });

  /**
   * A comment on one section, checked in the article form's order: the draft open; the body small and
   * readable; the address within its share of the minute; the honeypot empty (else the same thanks,
   * nothing stored); the token this section's, neither too fresh nor too old; the fields within their
   * limits. Then it is stored to wait for a moderator, and the browser is sent on (303).
   */
  const post = async (c: Context, lang: Lang, settings: FormSettings, limiter: RateWindow) => {
    const slug = c.req.param('slug') ?? '';
    const position = asPosition(c.req.param('part') ?? '');
    const frame = await frameFor(deps, null);
    if (!frame) return notReady();
    const v: View = { frame, lang, s, now: deps.clock() };
    const path = new URL(c.req.url).pathname;
    const found = isSlug(slug) ? await deps.store.consultationBySlug(slug) : null;
    const section = found?.sections.find((x) => x.position === position);
    if (!found || !section) return send(404, notFoundPage(v, path));
    const draft = found.consultation;
    const refuse = (status: number, key: string, detail: Record<string, string>, form: Html | null, headers: Record<string, string> = {}) =>
      send(status, refusedPage(v, draft, section.position, { key, detail }, form), headers);
    const again = (input: Parameters<typeof commentForm>[4]) => commentForm(lang, draft.slug, section.position, issueFormToken(settings.key, tokenCode(draft.slug, section.position), deps.clock().getTime()), input);

    if (!acceptsComments(draft, v.now)) return refuse(403, 'consultation_form_closed', {}, null);
    const read = await postedForm(c, FORM_BODY_MAX);
    if (read === 'too_large') return refuse(400, 'form_too_large', { max: String(FORM_BODY_MAX / 1024) }, again(null));
    if (read === 'unreadable') return refuse(400, 'form_not_form', {}, again(null));
    const { input, honeypot } = readForm(read);
    const typed = { ...input, email: (read(EMAIL_FIELD) ?? '').trim() };

    const address = senderAddress(peerOf(c), c.req.header('X-Forwarded-For'), settings.trustedProxies);
    if (!limiter.take(senderKey(address, salt), deps.clock().getTime())) return refuse(429, 'form_rate_limited', { n: String(settings.perMinute) }, again(typed), { 'Retry-After': '60' });
    // A program filled the field people cannot see: it is thanked like anyone, and nothing is kept.
    if (honeypot) return c.redirect(draftSentPath(lang, draft.slug), 303);

    const token = checkFormToken(settings.key, input.token, tokenCode(draft.slug, section.position), deps.clock().getTime(), { minSeconds: settings.minSeconds });
    if (!token.ok) return refuse(400, token.reason, {}, again(typed));
    const form = checkForm({ ...input, scores: {} });
    if (!form.ok) {
      const key = form.reason === 'form_empty' ? 'consultation_form_text_required' : form.reason;
      return refuse(400, key, { max: String(form.reason === 'form_name_too_long' ? FORM_NAME_MAX : FORM_TEXT_MAX) }, again(typed));
    }
    // One post, once: a double click sends the same token and words, and stores one comment.
    const dedupeKey = `portal:${createHash('sha256').update(`${input.token}\n${section.id}\n${input.name}\n${input.text}`).digest('base64url')}`;
    const taken = await commentOnDraft(deps, draft.slug, section.position, { name: input.name, email: typed.email || null, text: input.text }, dedupeKey);
    if (!taken.ok) return refuse(taken.reason === 'consultation_form_closed' ? 403 : 400, taken.reason, taken.detail ?? {}, taken.reason === 'consultation_form_closed' ? null : again(typed));
    return c.redirect(draftSentPath(lang, draft.slug), 303);
  };

  for (const lang of LANGS) {
    const base = `/${lang}/${draftsWord(lang)}`;
    app.get(base, (c) => serve(c, lang));
    app.get(`${base}/:slug`, (c) => serve(c, lang));
    app.get(`${base}/:slug/:part`, (c) => serve(c, lang));
    if (forms && senders) app.post(`${base}/:slug/:part`, (c) => post(c, lang, forms, senders));
  }
  return app;
}
