import { createHash } from 'node:crypto';

/**
 * What an audit row vouches for besides itself: the decisions written with it and the public copy
 * of an item as that write left it. Each is reduced to a digest; the row's key seal (auditMac)
 * covers the digests, so editing a Decision or a published text without the key is caught.
 */
export interface Covers {
  /** Decision id → digest of the decision's content. */
  decisions?: Record<string, string>;
  /** Item id → the publication's code and the digest of its content after this write. */
  publications?: Record<string, { code: string; hash: string }>;
}

/** The fields of a Decision that never change once written (`standing` is bookkeeping that later decisions clear). */
export interface DecisionContent {
  id: string;
  itemId: string | null;
  submissionId: string | null;
  itemVersion: number | null;
  action: string;
  step: string | null;
  actorId: string;
  role: string;
  delegationId: string | null;
  revisionId: string | null;
  revisionHash: string | null;
  note: string | null;
  createdAt: Date;
}

export interface PublicationContent {
  itemId: string;
  code: string;
  siteId: string;
  kind: string;
  category: string | null;
  lang: string;
  title: string;
  summary: string;
  body: string;
  mediaRefs: string;
  author: string;
  searchText: string;
  featured: boolean;
  publishedAt: Date;
  updatedAt: Date;
  takenDownAt: Date | null;
  takedownNote: string | null;
  /** Added later: hashed only when set, so every digest written before it still verifies. */
  sponsor?: string | null;
}

const sha256 = (value: unknown[]) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

export function decisionDigest(d: DecisionContent): string {
  return sha256([d.id, d.itemId, d.submissionId, d.itemVersion, d.action, d.step, d.actorId, d.role, d.delegationId, d.revisionId, d.revisionHash, d.note, d.createdAt.toISOString()]);
}

export function publicationDigest(p: PublicationContent): string {
  return sha256([
    p.itemId, p.code, p.siteId, p.kind, p.category, p.lang, p.title, p.summary, p.body, p.mediaRefs, p.author, p.searchText, p.featured,
    p.publishedAt.toISOString(), p.updatedAt.toISOString(), p.takenDownAt?.toISOString() ?? null, p.takedownNote,
    ...(p.sponsor ? [p.sponsor] : []),
  ]);
}

export function coverDecisions(decisions: readonly DecisionContent[]): Covers {
  return decisions.length === 0 ? {} : { decisions: Object.fromEntries(decisions.map((d) => [d.id, decisionDigest(d)])) };
}

export function coverPublications(publications: readonly PublicationContent[]): Covers {
  return publications.length === 0 ? {} : { publications: Object.fromEntries(publications.map((p) => [p.itemId, { code: p.code, hash: publicationDigest(p) }])) };
}

/** The stored form: null when the row vouches for nothing else. */
export function coversText(covers: Covers): string | null {
  return covers.decisions || covers.publications ? JSON.stringify(covers) : null;
}

export function parseCovers(text: string | null): Covers {
  return text === null ? {} : (JSON.parse(text) as Covers);
}
