import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSqlite, type TestDatabase } from '../helpers/databases.js';
import { BASE, portalFixture, publishThrough, type PortalFixture } from '../helpers/portal.js';

type Json = Record<string, unknown>;
const list = <T>(x: T | T[]) => (Array.isArray(x) ? x : [x]);
// Values kept as the text they carry: a title of digits stays a string, nothing is trimmed.
const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, trimValues: false });
const textOf = (node: unknown) => (typeof node === 'object' && node !== null ? String((node as Json)['#text'] ?? '') : String(node));

/** What a hostile collaborator can put in a title and summary, published through the real approval chain. */
const TITLE = 'Tin thật ]]> lần một ]]></title><link>https://evil.example/phish</link><title>Tin giả';
const SUMMARY = 'Tóm tắt <a href="https://evil.example/">bấm vào đây</a> <img src=x onerror=alert(1)> ]]>';
const BODY = 'Nội dung \u0001 có ký tự điều khiển\u0008 và <script>alert(2)</script>.';

describe('feeds carry submitted text as text', () => {
  let db: TestDatabase;
  let p: PortalFixture;
  let articleUrl: string;

  beforeAll(async () => {
    db = await freshSqlite();
    p = await portalFixture(db.url);
    const item = await publishThrough(p.desk, { title: TITLE, summary: SUMMARY, body: BODY }, 'kinh-te');
    articleUrl = `${BASE}/vi/tin/${item.code}`;
  });
  afterAll(async () => {
    await p.close();
    await db.drop();
  });

  const feed = async (path: string) => {
    const text = await (await p.get(path)).text();
    expect(XMLValidator.validate(text), path).toBe(true);
    return parser.parse(text) as Json;
  };

  it('RSS: a title with two `]]>` injects no link; the item links only to the article and reads as typed', async () => {
    for (const path of ['/vi/feed.rss', '/vi/chuyen-muc/kinh-te/feed.rss']) {
      const channel = ((await feed(path)).rss as Json).channel as Json;
      const items = list(channel.item as Json[]);
      expect(items, path).toHaveLength(1);
      const item = items[0]!;
      expect(item.link, path).toBe(articleUrl);
      expect(textOf(item.title)).toBe(TITLE);
    }
  });

  it('RSS: the summary is plain text: a reader that renders the description as HTML shows the tags, never follows them', async () => {
    const item = list((((await feed('/vi/feed.rss')).rss as Json).channel as Json).item as Json[])[0]!;
    const description = textOf(item.description);
    expect(description).not.toContain('<');
    expect(description).toContain('&lt;a href=&quot;https://evil.example/&quot;&gt;');
  });

  it('Atom: title and summary are type="text", the entry has one link, to the article', async () => {
    const entries = list(((await feed('/vi/feed.atom')).feed as Json).entry as Json[]);
    expect(entries).toHaveLength(1);
    const entry = entries[0]!;
    const links = list(entry.link as Json[]);
    expect(links.map((l) => l['@_href'])).toEqual([articleUrl]);
    expect(entry.title).toMatchObject({ '@_type': 'text', '#text': TITLE });
    expect((entry.summary as Json)['@_type']).toBe('text');
    expect(textOf(entry.summary)).toBe(SUMMARY);
    // The body is our own HTML, drawn from escaped text: the script is text inside it.
    expect(textOf(entry.content)).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(textOf(entry.content)).not.toContain('<script>');
  });

  it('control characters a sender typed do not make the feeds unreadable', async () => {
    for (const path of ['/vi/feed.rss', '/vi/feed.atom']) {
      const text = await (await p.get(path)).text();
      expect(XMLValidator.validate(text), path).toBe(true);
      expect(text).not.toMatch(/[\u0001\u0008]/);
    }
  });
});
