import { z } from 'zod';
import { INTERACTION_SOURCES, RATING_ASPECTS } from '../../core/interactions/model.js';
import { TICKET_CHANNELS, TICKET_KINDS, TICKET_STATES } from '../../core/tickets/model.js';

/** The web service's shapes: responses are built to them, and the OpenAPI document is drawn from them. */
const Names = z.object({ vi: z.string(), en: z.string() });

export const MediaSchema = z.object({
  url: z.string().describe('Absolute URL of the file'),
  kind: z.enum(['image', 'video', 'audio', 'file']),
  type: z.string().describe('MIME type'),
  sizes: z.array(z.object({ width: z.number().int(), url: z.string() })).describe('Smaller copies of an image, for phones'),
});

export const ItemSchema = z.object({
  code: z.string().describe('Tracking code, e.g. BP-2026-00042'),
  url: z.string().describe('The article page'),
  site: z.string().describe('Key of the site that published it'),
  category: z.string().nullable(),
  lang: z.enum(['vi', 'en']),
  kind: z.string(),
  title: z.string(),
  summary: z.string(),
  body: z.string().describe('Plain text; paragraphs are separated by a blank line'),
  author: z.string(),
  source: z.string().describe('The publishing site, to cite'),
  featured: z.boolean(),
  sponsor: z.string().nullable().describe('A sponsored article ("Thông tin tài trợ / Sponsored"): the partner it is written for; null for news'),
  media: z.array(MediaSchema),
  publishedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime().describe('The publication time, or the latest correction'),
});

export const ItemListSchema = z.object({
  items: z.array(ItemSchema),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page'),
  total: z.number().int().optional().describe('With `q`: how many matched (at most the ranked window, see `capped`)'),
  capped: z.boolean().optional().describe('With `q`: more matched than are ranked; only the newest `total` can be paged through — add words to narrow'),
});

export const CategoryListSchema = z.object({
  categories: z.array(z.object({ key: z.string(), name: Names, url: Names })),
});

export const SiteListSchema = z.object({
  sites: z.array(z.object({ key: z.string(), kind: z.string(), parent: z.string().nullable(), name: Names, url: Names, domain: z.string().nullable().describe('The host name its addresses use (the first of hosts)'), hosts: z.array(z.string()).describe('Every host name the site is served at') })),
});

export const ErrorSchema = z.object({
  error: z.string().describe('Machine-readable reason'),
  message: z.string().describe('Vietnamese, then English'),
  problems: z.array(z.string()).optional(),
});

export const GoneSchema = z.object({
  error: z.literal('gone'),
  message: z.string(),
  code: z.string(),
  takenDownAt: z.iso.datetime(),
  reason: z.string().nullable(),
});

const dateOrTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

export const ItemQuerySchema = z.object({
  q: z
    .string()
    .max(500)
    .optional()
    .describe(
      'Tìm kiếm: có dấu hay không dấu; "cụm từ" trong ngoặc kép; từ* tìm theo phần đầu. Có q thì xếp theo mức phù hợp rồi mới đến mới nhất, và có `total`, `capped`. / Search: with or without accents; "a phrase" in double quotes; word* matches the word’s beginning. With q, items come best match first, then newest, with `total` and `capped`.',
    ),
  site: z.string().min(1).optional().describe('Site key'),
  category: z.string().min(1).optional().describe('Category key'),
  lang: z.enum(['vi', 'en']).optional(),
  from: dateOrTime.optional().describe('Published at or after (ISO 8601 date or date-time; a date starts at midnight UTC)'),
  to: dateOrTime.optional().describe('Published before'),
  cursor: z.string().min(1).optional().describe('From `nextCursor` of the previous page'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export type ItemJson = z.infer<typeof ItemSchema>;
export type ItemQuery = z.infer<typeof ItemQuerySchema>;

const AspectSchema = z.object({ count: z.number().int(), mean: z.number() });

export const RatingSchema = z
  .object({
    count: z.number().int().describe('Ratings counted (published; a bare rating counts on arrival, one sent with a comment once the comment is published)'),
    mean: z.number().nullable().describe('Average of each rating’s mean score, 1–5; null when none'),
    aspects: z.object(Object.fromEntries(RATING_ASPECTS.map((a) => [a, AspectSchema.optional()])) as Record<(typeof RATING_ASPECTS)[number], z.ZodOptional<typeof AspectSchema>>),
  })
  .describe('Readers’ ratings by aspect (content, interface, quality, support); ratings are never listed one by one');

export const ItemDetailSchema = ItemSchema.extend({
  rating: RatingSchema,
  shares: z.array(z.object({ source: z.enum(INTERACTION_SOURCES), count: z.number().int() })).describe('Share counts the platforms report for the item’s mirrors'),
});

export const InteractionSchema = z.object({
  id: z.string(),
  source: z.enum(INTERACTION_SOURCES),
  kind: z.enum(['comment', 'reply', 'message']),
  item: z.object({ code: z.string(), url: z.string() }).nullable().describe('The article it was sent about, when it was'),
  author: z.string().nullable().describe('The name the author gave, as they gave it; null when none was given, and for private messages'),
  text: z.string().describe('As a moderator published it'),
  answer: z.string().nullable().describe('The editorial board’s answer'),
  occurredAt: z.iso.datetime(),
  answeredAt: z.iso.datetime().nullable(),
});

export const InteractionListSchema = z.object({
  interactions: z.array(InteractionSchema),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next (older) page; null on the last page'),
});

export const InteractionQuerySchema = z.object({
  source: z.enum(INTERACTION_SOURCES).optional(),
  item: z.string().min(1).max(40).optional().describe('Only those about this item (its code)'),
  cursor: z.string().min(1).optional().describe('From `nextCursor` of the previous page'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export type InteractionJson = z.infer<typeof InteractionSchema>;
export type RatingJson = z.infer<typeof RatingSchema>;

const count = z.number().int().min(0);

export const TicketReportQuerySchema = z.object({
  from: z.iso.date().describe('First day of receipt (YYYY-MM-DD), in the province’s time zone'),
  to: z.iso.date().describe('Last day of receipt, included (YYYY-MM-DD); the period is at most 366 days'),
  site: z.string().min(1).optional().describe('Site key: only tickets received or handled by this site or a site under it'),
});

const Timeliness = {
  onTime: count.describe('Answered by the end of the answer date'),
  late: count.describe('Answered after the answer date'),
  overdue: count.describe('Not answered yet, and the answer date has passed (at `asOf`)'),
};

export const TicketReportSchema = z
  .object({
    from: z.iso.date(),
    to: z.iso.date(),
    timeZone: z.string().describe('The zone the days are read in'),
    site: z.string().nullable(),
    asOf: z.iso.datetime().describe('When overdue tickets were counted'),
    total: count,
    byState: z.record(z.enum(TICKET_STATES), count).describe('received → verifying → handling → answered → archived, or declined as out of scope'),
    byChannel: z.record(z.enum(TICKET_CHANNELS), count),
    byKind: z.record(z.enum(TICKET_KINDS), count).describe('question: hỏi đáp; complaint: phản ánh, kiến nghị'),
    timeliness: z.object(Timeliness),
    byUnit: z
      .array(z.object({ site: z.string().nullable().describe('Key of the handling unit; null: not assigned yet'), name: Names.nullable(), count, ...Timeliness }))
      .describe('Per handling unit, most tickets first'),
  })
  .describe('Counts of questions and complaints received in the period: no text, no names, no contact data');

export type TicketReportJson = z.infer<typeof TicketReportSchema>;

const localDayText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');

export const StatsQuerySchema = z.object({
  from: localDayText.optional().describe('First day, in the province’s time zone (default: 30 days before `to`)'),
  to: localDayText.optional().describe('Last day, included (default: today in the province)'),
  site: z.string().min(1).optional().describe('Site key: that site alone (default: the province with all its sites; on a site’s own host, that site)'),
  period: z.string().min(1).max(40).optional().describe('A report period instead of from/to: 2026-Q3, 2026-H1 or 2026'),
}).strict();

export const StatsSchema = z.object({
  from: z.string(),
  to: z.string(),
  site: z.string().nullable().describe('The site the figures are of; null: the province with all its component sites'),
  published: z.object({
    total: z.number().int().describe('Items published in the period and still live'),
    bySite: z.array(z.object({ site: z.string(), count: z.number().int() })),
  }),
  visits: z.object({
    views: z.number().int().describe('Readers’ page views counted by the server (known bots left out)'),
    visitors: z.number().int().nullable().describe('Distinct readers, estimated (about 1.6 % error); null for a site without a host of its own'),
    perDay: z.array(z.object({ day: z.string(), views: z.number().int(), visitors: z.number().int().nullable() })),
  }),
  topArticles: z.array(z.object({ code: z.string(), title: z.string(), url: z.string(), views: z.number().int() })),
});
