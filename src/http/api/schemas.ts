import { z } from 'zod';

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
  media: z.array(MediaSchema),
  publishedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime().describe('The publication time, or the latest correction'),
});

export const ItemListSchema = z.object({
  items: z.array(ItemSchema),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page'),
});

export const CategoryListSchema = z.object({
  categories: z.array(z.object({ key: z.string(), name: Names, url: Names })),
});

export const SiteListSchema = z.object({
  sites: z.array(z.object({ key: z.string(), kind: z.string(), parent: z.string().nullable(), name: Names, url: Names, domain: z.string().nullable() })),
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
  site: z.string().min(1).optional().describe('Site key'),
  category: z.string().min(1).optional().describe('Category key'),
  lang: z.enum(['vi', 'en']).optional(),
  from: dateOrTime.optional().describe('Published at or after (ISO 8601 date or date-time; a date starts at midnight UTC)'),
  to: dateOrTime.optional().describe('Published before'),
  cursor: z.string().min(1).optional().describe('From `nextCursor` of the previous page'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export type ItemJson = z.infer<typeof ItemSchema>;
