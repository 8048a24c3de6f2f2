/**
 * What an audited write changed on the public side, read from its audit row alone: which kept pages
 * (by the tags they were drawn with) must be drawn again. Every public change is audited in the
 * transaction that makes it, so the trail since the last row a process saw says what moved; a row
 * this module does not know drops every page (a new kind of write is safe before anyone maps it).
 */

/** The part of an audit row the mapping reads. */
export interface ChangeRow {
  action: string;
  subjectType: string;
  subjectId: string;
  data: Record<string, unknown>;
}

/**
 * What one row touches. `tags` are final; `publications` (codes) and `interactions` (ids) still need
 * the database to say where they are shown (the publication's site, language and section).
 */
export type Touch = { kind: 'all' } | { kind: 'some'; tags: string[]; publications: string[]; interactions: string[] };

/** Tags pages are kept under. A page shows its own, plus `item:` for each publication on it. */
export const TAG = {
  /** The article (and its API answer, and any page listing it). */
  item: (code: string) => `item:${code.toUpperCase()}`,
  /** Everything listing one site's publications in one language: its home, list pages and feeds. */
  site: (siteId: string, lang: string) => `site:${siteId}:${lang}`,
  /** A section's list pages and feeds in one language. */
  category: (key: string, lang: string) => `category:${key}:${lang}`,
  search: 'search',
  sitemap: 'sitemap',
  /** The API's item lists, whatever their filters. */
  apiItems: 'api:items',
  /** The public interactions page and API (what moderators let out, and answers). */
  interactions: 'interactions',
  /** Public questions and answers, and the ticket report. */
  tickets: 'tickets',
  /** Draft consultations: their list, drafts and sections. */
  consultations: 'consultations',
  /** The files the public may fetch (published media, consultation documents): not a page, a view. */
  media: 'media',
} as const;

const NOTHING: Touch = { kind: 'some', tags: [], publications: [], interactions: [] };
const ALL: Touch = { kind: 'all' };
const some = (t: Partial<Omit<Extract<Touch, { kind: 'some' }>, 'kind'>>): Touch => ({ kind: 'some', tags: t.tags ?? [], publications: t.publications ?? [], interactions: t.interactions ?? [] });

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** Writes nobody outside sees: people, roles, desks, channels, money (royalties, media-service contracts, the fund), the trail's own upkeep, refusals. */
const PRIVATE_PREFIXES = ['royalty.', 'service.', 'fund.', 'person.', 'role.', 'identity.', 'delegation.', 'submission.', 'channel.', 'chat.', 'chatAccount.', 'security.refused.', 'calendar_day_'];
const PRIVATE = new Set(['audit.keyed', 'site.caps', 'item.write']);

/** Item commands (src/core/workflow.ts) that never touch the public copy unless they publish it. */
const REVIEW_COMMANDS = new Set(['approve', 'return', 'reject', 'flagSensitive', 'requireChairman', 'edit', 'schedule', 'recallPart']);
/** Item commands that always rewrite or remove the public copy. */
const PUBLIC_COMMANDS = new Set(['correct', 'takeDown', 'publishScheduled']);

/** The whole frame of every page (sites, sections, maintenance notice, the site's contact, emblem and colour). */
const FRAME = new Set(['site.create', 'site.edit', 'site.contact', 'site.look', 'site.procedures', 'portal.category', 'portal.maintenance', 'portal.maintenanceCancel']);
/** A batch of the sample archive (portal-hub demo): thousands of publications over every site and section at once. */
const BULK = new Set(['portal.demo']);

function itemDecision(command: string, row: ChangeRow): Touch {
  const code = text(row.data['code']);
  const publishes = row.data['to'] === 'published' || row.data['from'] === 'published';
  if (PUBLIC_COMMANDS.has(command) || (REVIEW_COMMANDS.has(command) && publishes)) return code ? some({ publications: [code] }) : ALL;
  if (REVIEW_COMMANDS.has(command)) return NOTHING;
  return ALL;
}

function interaction(row: ChangeRow): Touch {
  const action = row.action;
  // Moderation rows name the article (data.item, null for none); others are looked up by the interaction's id.
  const named = 'item' in row.data;
  const code = text(row.data['item']);
  const where = named ? { publications: [], tags: [TAG.interactions, ...(code ? [TAG.item(code)] : [])] } : { tags: [TAG.interactions], interactions: row.subjectId ? [row.subjectId] : [] };
  if (action === 'interaction_to_ticket') return some({ ...where, tags: [...where.tags, TAG.tickets] });
  if (/^interaction_(received|published|answered|hid|edited|removed)$/.test(action)) return some(where);
  // A platform call settled (interaction_reply_done, interaction_hide_rejected…): what the portal shows may follow it.
  if (/^interaction_[a-zA-Z]+_[a-zA-Z]+$/.test(action)) return some(where);
  return ALL;
}

/** What one audit row may have changed in public; unknown rows change everything. */
export function touchOf(row: ChangeRow): Touch {
  const { action } = row;
  if (PRIVATE.has(action) || PRIVATE_PREFIXES.some((p) => action.startsWith(p))) return NOTHING;
  if (FRAME.has(action) || BULK.has(action)) return ALL;
  if (action.startsWith('item.')) return itemDecision(action.slice('item.'.length), row);
  if (action === 'portal.feature' || action === 'portal.unfeature' || action === 'portal.sponsor') {
    const code = text(row.data['code']) ?? text(row.subjectId);
    return code ? some({ publications: [code] }) : ALL;
  }
  // A mirror delivered, failed or retried: the article's links to its copies elsewhere.
  if (action.startsWith('delivery.')) {
    const code = text(row.data['code']);
    return code ? some({ tags: [TAG.item(code)] }) : ALL;
  }
  if (row.subjectType === 'interaction' && action.startsWith('interaction_')) return interaction(row);
  if (row.subjectType === 'ticket' && action.startsWith('ticket_')) return some({ tags: [TAG.tickets] });
  if ((row.subjectType === 'consultation' || row.subjectType === 'consultation_comment') && action.startsWith('consultation_')) {
    return some({ tags: [TAG.consultations, TAG.media] });
  }
  return ALL;
}

/** Where a live or taken-down publication is listed, as the portal and API draw it. */
export interface PublicationPlace {
  code: string;
  siteId: string;
  lang: string;
  category: string | null;
}

/** A publication published, corrected, featured or taken down: every page that lists it or could now. */
export const publicationTags = (p: PublicationPlace): string[] => [
  TAG.item(p.code),
  TAG.site(p.siteId, p.lang),
  ...(p.category ? [TAG.category(p.category, p.lang)] : []),
  TAG.search,
  TAG.sitemap,
  TAG.apiItems,
  // The interactions page names the article each line is under (and drops those under a taken-down one).
  TAG.interactions,
  TAG.media,
];

/** The rows' touches together: `all` as soon as one says so. */
export function mergeTouches(touches: readonly Touch[]): Touch {
  const tags = new Set<string>();
  const publications = new Set<string>();
  const interactions = new Set<string>();
  for (const t of touches) {
    if (t.kind === 'all') return ALL;
    for (const x of t.tags) tags.add(x);
    for (const x of t.publications) publications.add(x.toUpperCase());
    for (const x of t.interactions) interactions.add(x);
  }
  return { kind: 'some', tags: [...tags], publications: [...publications], interactions: [...interactions] };
}
