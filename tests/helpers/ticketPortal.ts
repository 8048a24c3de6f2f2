import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actOnTicket } from '../../src/app/tickets/act.js';
import { calendarSource } from '../../src/app/tickets/calendarSource.js';
import type { TicketEnv } from '../../src/app/tickets/env.js';
import { ticketLinkKey } from '../../src/core/tickets/links.js';
import type { PublicNameMode } from '../../src/core/tickets/privacy.js';
import { createPortalServer } from '../../src/http/fastPath.js';
import type { FormSettings } from '../../src/http/portal/feedback.js';
import { publicWeb } from '../../src/http/web.js';
import { seedDesk, TEST_HUB_SECRET } from './desk.js';
import { BASE, FORM_KEY, seedCategories } from './portal.js';
import { postForm, tokenIn } from './portalForm.js';

/**
 * A seeded desk and the public web with its ticket pages, served in-process over a real socket (so
 * each loopback address is another sender for the per-minute limit), with a clock the test moves.
 */
export async function ticketPortal(url: string, options: { forms?: Partial<FormSettings>; publicName?: PublicNameMode } = {}) {
  const desk = await seedDesk(url);
  await seedCategories(desk);
  const mediaDir = mkdtempSync(join(tmpdir(), 'portal-hub-media-'));
  const env: TicketEnv = {
    deps: desk.deps,
    calendar: calendarSource(desk.deps, null),
    settings: { answerWorkingDays: 15, remindWorkingDays: 2, publicName: options.publicName ?? 'initials', linkDays: 14 },
    portalBaseUrl: BASE,
    linkKey: ticketLinkKey(TEST_HUB_SECRET),
  };
  const forms: FormSettings = { key: FORM_KEY, perMinute: 5, minSeconds: 3, trustedProxies: new Set(), ...options.forms };
  const web = publicWeb({ deps: desk.deps, baseUrl: BASE, mediaDir, emc: null, forms, tickets: env });
  const server = createPortalServer(web.cache, web.headers, web.app.fetch);
  // Client and server share one event loop here, which SQLite's synchronous calls block for seconds while a test
  // writes: both keep-alive timers then come due at once, and the server may drop a socket fetch is reusing.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const get = async (path: string, headers: Record<string, string> = {}) => {
    const r = await fetch(`${base}${path}`, { headers, redirect: 'manual' });
    return { status: r.status, headers: r.headers, text: await r.text() };
  };

  /** A citizen opens the form, takes the time a person takes, and sends it; returns the answer to the post. */
  const send = async (path: string, fields: Record<string, string>, from = '127.0.0.2') => {
    const token = tokenIn((await get(path)).text);
    desk.time.advance(5_000);
    return postForm(`${base}${path}`, { token, website: '', ...fields }, { from });
  };

  /** A confirmation's path and status path (the link mailed and shown points at BASE, the real portal's address). */
  const localPath = (link: string) => link.replace(BASE, '');

  /** Through the desk's steps as the desk's use case takes them: assigned to a unit, answered, and the publish decision. */
  const answerAndDecide = async (code: string, answer: string, publish: boolean, unitSiteId = desk.site.id) => {
    const by = { kind: 'person' as const, personId: desk.id.editor1 };
    const step = async (command: Parameters<typeof actOnTicket>[3]) => {
      const r = await actOnTicket(env, by, code, command);
      if (!r.ok) throw new Error(`${command.type} refused: ${r.reason}`);
      return r.value;
    };
    await step({ type: 'assign', unitSiteId, assigneeId: desk.id.editor2, dueAt: new Date(desk.time.clock().getTime() + 10 * 86_400_000) });
    await step({ type: 'answer', text: answer });
    return step({ type: 'decide', publish, reason: publish ? 'Câu hỏi có ích cho nhiều người' : 'Nội dung riêng tư' });
  };

  const close = async () => {
    await new Promise((resolve) => server.close(resolve));
    await desk.store.close();
    rmSync(mediaDir, { recursive: true, force: true });
  };
  return { desk, env, web, base, get, send, localPath, answerAndDecide, close };
}

export type TicketPortal = Awaited<ReturnType<typeof ticketPortal>>;
