import { html } from 'hono/html';
import { LANGS, message } from '../core/messages.js';
import { rendered, type Rendered } from './portal/cache.js';

/** What the operator types next, as docs/operator.md writes it (the bin run with node, never an npm lookup). */
const INIT = 'node bin/portal-hub.mjs init --site-key tinh --name-vi "Tỉnh Đồng Nai" --name-en "Dong Nai Province" --prefix DN --admin-name "Nguyễn Văn An" --admin-email an@dongnai.gov.vn';
const DEMO = 'node bin/portal-hub.mjs --data /tmp/tinh-mau demo --items 200 --sites 3';
const DEMO_SERVE = 'DATA_DIR=/tmp/tinh-mau PORT=3001 npm start';

const section = (lang: (typeof LANGS)[number]) => html`<section lang="${lang}">
<h1>${message(lang, 'welcome_title')}</h1>
<p>${message(lang, 'welcome_intro')}</p>
<p>${message(lang, 'welcome_init')}</p>
<pre><code>${INIT}</code></pre>
<p>${message(lang, 'welcome_demo')}</p>
<pre><code>${DEMO}
${DEMO_SERVE}</code></pre>
<p>${message(lang, 'welcome_next')}</p>
</section>`;

let drawn: Promise<string> | null = null;

/**
 * Every public page of a service with no province site yet: a page in both languages saying what to
 * run, not a bare error. 503 and never kept (by the page cache or on the way): the portal appears at
 * the same address as soon as `init` or `demo` has run.
 */
export async function welcomePage(): Promise<Rendered> {
  drawn ??= (async () =>
    (
      await html`<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${message('vi', 'welcome_title')} / ${message('en', 'welcome_title')}</title></head>
<body>${LANGS.map(section)}</body></html>`
    ).toString())();
  return rendered(503, 'text/html; charset=utf-8', await drawn, 'no-store');
}

/** The same in one line, for a form posted (or a private page asked) before there is a portal. */
export const notReady = () =>
  new Response(`${message('vi', 'welcome_not_ready')}\n${message('en', 'welcome_not_ready')}\n`, {
    status: 503,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
