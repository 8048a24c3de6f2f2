import type { Lang } from './messages.js';
import {
  ACTORS_EN, ACTORS_VI, DEMO_CATEGORIES, FAMILY_NAMES, GIVEN_NAMES, MIDDLE_NAMES, PLACES, SENTENCES_EN, SENTENCES_VI, SUMMARIES_EN, SUMMARIES_VI,
  TAILS_EN, TAILS_VI, TAKEDOWN_NOTES, VERBS_EN, VERBS_VI,
} from './demoVocabulary.js';

/**
 * The sample archive's content, made from the pools in demoVocabulary.ts: pure and deterministic,
 * the same seed and index give the same item. Dates are laid out by the caller's window.
 */

export const DEMO_MAX_ITEMS = 2_000_000;
export const DEMO_YEARS = 10;

/** mulberry32: small, fast and good enough to pick words. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes the run's seed with the item's index, so any item can be made without the ones before it. */
const itemSeed = (seed: number, index: number) => Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35);

/** Early entries far more often than late ones: skew 1 is uniform, 3 makes the tail rare. */
function pick<T>(rnd: () => number, pool: readonly T[], skew = 1): T {
  return pool[Math.min(pool.length - 1, Math.floor(pool.length * rnd() ** skew))]!;
}

export interface DemoSiteRef {
  id: string;
  nameVi: string;
  nameEn: string;
}

export interface DemoItem {
  siteId: string;
  kind: string;
  category: string | null;
  lang: Lang;
  title: string;
  summary: string;
  body: string;
  author: string;
  featured: boolean;
  publishedAt: Date;
  takenDown: { at: Date; note: string } | null;
}

// No 'document': a document is made only by `document add`, with its number, agency and signer; a demo one would
// have none, and be counted by kind but never as a document published.
const KINDS = ['news', 'news', 'news', 'article', 'article', 'announcement'];

function fill(template: string, slots: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => slots[name] ?? '').replace(/\s+/g, ' ').trim();
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Item `index` of a run. `sites[0]` is the province: it gets about a third of the items (its home
 * page must fill), the component sites the rest, the first ones more. `at` is when it was published.
 */
export function demoItem(seed: number, index: number, sites: readonly DemoSiteRef[], at: Date, now: Date): DemoItem {
  const rnd = random(itemSeed(seed, index));
  const site = sites.length === 1 || rnd() < 0.35 ? sites[0]! : pick(rnd, sites.slice(1), 1.6);
  const lang: Lang = rnd() < 0.1 ? 'en' : 'vi';
  const sectionless = rnd() < 0.08;
  const category = pick(rnd, DEMO_CATEGORIES, 1.4);
  const year = String(at.getUTCFullYear());
  const place = pick(rnd, PLACES, 2);
  const vi = lang === 'vi';
  const topic = pick(rnd, vi ? category.topicsVi : category.topicsEn, 2.2);
  const siteName = vi ? site.nameVi : site.nameEn;
  const actor = fill(pick(rnd, vi ? ACTORS_VI : ACTORS_EN, 1.5), { site: siteName });
  const slots = (): Record<string, string> => ({
    site: siteName, topic: pick(rnd, vi ? category.topicsVi : category.topicsEn, 1.5), place: pick(rnd, PLACES, 2), year,
    n: String(2 + Math.floor(rnd() * 480)), pct: String(50 + Math.floor(rnd() * 50)),
    day: String(1 + Math.floor(rnd() * 28)), month: String(1 + Math.floor(rnd() * 12)), actor,
  });
  const tail = fill(pick(rnd, vi ? TAILS_VI : TAILS_EN), { year, place });
  const title = capitalise(fill(`${actor} ${pick(rnd, vi ? VERBS_VI : VERBS_EN, 1.3)} ${topic} ${tail}`, {}));
  const summary = fill(pick(rnd, vi ? SUMMARIES_VI : SUMMARIES_EN), { ...slots(), topic, place });
  const sentences = vi ? SENTENCES_VI : SENTENCES_EN;
  const paragraphs: string[] = [];
  for (let p = 3 + Math.floor(rnd() * 4); p > 0; p -= 1) {
    const line: string[] = [];
    for (let s = 2 + Math.floor(rnd() * 3); s > 0; s -= 1) line.push(fill(pick(rnd, sentences), slots()));
    paragraphs.push(line.join(' '));
  }
  const author = `${pick(rnd, FAMILY_NAMES, 1.5)} ${pick(rnd, MIDDLE_NAMES)} ${pick(rnd, GIVEN_NAMES)}`;
  const gone = rnd() < 0.004;
  const takenAt = new Date(Math.min(now.getTime(), at.getTime() + (1 + Math.floor(rnd() * 30)) * 86_400_000));
  return {
    siteId: site.id,
    kind: pick(rnd, KINDS),
    category: sectionless ? null : category.key,
    lang,
    title,
    summary,
    body: paragraphs.join('\n\n'),
    author,
    featured: rnd() < 0.006,
    publishedAt: at,
    takenDown: gone ? { at: takenAt, note: pick(rnd, TAKEDOWN_NOTES) } : null,
  };
}

/**
 * When item `index` of `count` was published: spread evenly over the window, oldest first (rows
 * go into the indexes in order), minutes apart jittered so no two share an instant by design.
 */
export function demoTime(index: number, count: number, from: Date, to: Date, seed: number): Date {
  const span = to.getTime() - from.getTime();
  const step = span / count;
  const jitter = random(itemSeed(seed ^ 0x5bd1e995, index))() * step * 0.9;
  return new Date(Math.floor(from.getTime() + index * step + jitter));
}

/**
 * `count` distinct search queries a reader might type, from the same pools: single common words,
 * rare place names, section topics (some without diacritics, as people type on a phone), two words.
 */
export function demoQueries(seed: number, count: number): string[] {
  const rnd = random(seed ^ 0x2545f491);
  const pools = [
    ...DEMO_CATEGORIES.flatMap((c) => c.topicsVi),
    ...PLACES,
    'hội nghị', 'nông thôn mới', 'giải ngân', 'tuyển sinh', 'sốt xuất huyết', 'đầu tư', 'doanh nghiệp', 'thủ tục hành chính', 'bằng khen', 'ngân sách',
  ];
  const strip = (t: string) => t.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
  const seen = new Set<string>();
  for (let guard = 0; seen.size < count && guard < count * 50; guard += 1) {
    const base = pick(rnd, pools);
    const words = base.split(' ');
    const shape = rnd();
    let q = shape < 0.3 ? base : shape < 0.6 ? words.slice(0, 2).join(' ') : shape < 0.8 ? `${pick(rnd, PLACES)} ${words[0]!}` : words[words.length - 1]!;
    if (rnd() < 0.3) q = strip(q);
    seen.add(q.toLowerCase());
  }
  return [...seen];
}
