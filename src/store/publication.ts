import type { Effect } from '../core/workflow.js';
import { searchable } from '../core/search.js';
import type { ItemRecord, RevisionInput } from '../app/ports.js';
import type { Tx } from './client.js';
import type { Publication } from './generated/sqlite/client.js';

async function authorOf(tx: Tx, item: ItemRecord): Promise<string> {
  const submission = item.submissionId ? await tx.submission.findUnique({ where: { id: item.submissionId } }) : null;
  if (submission?.senderName) return submission.senderName;
  const person = await tx.person.findUnique({ where: { id: item.originatorId } });
  return person?.displayName ?? '';
}

/** The partner a sponsored article is written for, as its label names it; null for news. */
async function sponsorOf(tx: Tx, itemId: string): Promise<string | null> {
  const { sponsorContractId } = await tx.item.findUniqueOrThrow({ where: { id: itemId }, select: { sponsorContractId: true } });
  if (sponsorContractId === null) return null;
  const contract = await tx.serviceContract.findUnique({ where: { id: sponsorContractId }, select: { partner: { select: { name: true } } } });
  return contract?.partner.name ?? null;
}

/**
 * Keeps the public copy of an item in step with the decision being written, in its transaction:
 * a publication or correction writes the content the public sees; a take-down marks it gone.
 * Returns the copy as written (for the audit row to vouch for), or null when it was not touched.
 */
export async function projectPublication(tx: Tx, item: ItemRecord, effect: Effect, revision: RevisionInput | null, at: Date): Promise<Publication | null> {
  await writePublication(tx, item, effect, revision, at);
  if (effect.action !== 'takeDown' && effect.action !== 'correct' && !effect.publishes) return null;
  return tx.publication.findUnique({ where: { itemId: item.id } });
}

async function writePublication(tx: Tx, item: ItemRecord, effect: Effect, revision: RevisionInput | null, at: Date): Promise<void> {
  if (effect.action === 'takeDown') {
    await tx.publication.updateMany({ where: { itemId: item.id }, data: { takenDownAt: at, takedownNote: effect.note } });
    await tx.documentRecord.updateMany({ where: { itemId: item.id }, data: { live: false } });
    return;
  }
  if (!effect.publishes && effect.action !== 'correct') return;
  const content = revision ?? item.revision;
  // A document is found by its number, agency, signer and its file's words too (issue 20.4): the same search index.
  const doc = item.kind === 'document' ? await tx.documentRecord.findUnique({ where: { itemId: item.id }, select: { number: true, agency: true, signer: true, text: true } }) : null;
  const extra = doc ? ` ${doc.number} ${doc.agency} ${doc.signer} ${doc.text}` : '';
  const data = {
    kind: item.kind,
    category: item.category,
    lang: content.language,
    title: content.title,
    summary: content.summary,
    body: content.body,
    mediaRefs: JSON.stringify(content.mediaRefs),
    searchText: searchable(`${content.title} ${content.summary} ${content.body}${extra}`),
  };
  if (effect.action === 'correct') {
    await tx.publication.updateMany({ where: { itemId: item.id }, data: { ...data, updatedAt: at } });
    return;
  }
  const author = await authorOf(tx, item);
  const sponsor = await sponsorOf(tx, item.id);
  // Published (again): its royalty is priced by this day's frame, so the next sheet reads it again.
  await tx.workRoyalty.updateMany({ where: { itemId: item.id, open: false }, data: { open: true } });
  await tx.publication.upsert({
    where: { itemId: item.id },
    create: { itemId: item.id, code: item.code, siteId: item.siteId, ...data, author, sponsor, publishedAt: at, updatedAt: at },
    update: { ...data, author, sponsor, publishedAt: at, updatedAt: at, takenDownAt: null, takedownNote: null },
  });
  // The library reads its own table: live from the moment the publication is, in the same transaction.
  if (doc) await tx.documentRecord.update({ where: { itemId: item.id }, data: { live: true, publishedAt: at } });
}
