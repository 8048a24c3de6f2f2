import type { Approval } from '../core/chain.js';
import type { DelegationRecord } from '../core/delegation.js';
import { SUBMISSION_STATES } from '../core/intake.js';
import { isItemKind, isRole, STEPS, type ItemKind, type Role, type Step } from '../core/roles.js';
import { ITEM_STATES, type ItemState } from '../core/workflow.js';
import type { SubmissionOrigin, TextPart } from '../core/chatIntake.js';
import type { GrantRecord, ItemRecord, PersonRecord, RevisionRecord, SubmissionRecord } from '../app/ports.js';
import type { Decision, Delegation, Item, Person, Revision, RoleGrant, Submission } from './generated/sqlite/client.js';

/** Values read back from the database are checked, not trusted: a bad row is a bug and throws. */
function member<T extends string>(values: readonly T[], value: string, what: string): T {
  if ((values as readonly string[]).includes(value)) return value as T;
  throw new Error(`database holds an unknown ${what}: ${value}`);
}

export const asStep = (value: string): Step => member(STEPS, value, 'step');
const asOptionalStep = (value: string | null): Step | null => (value === null ? null : asStep(value));

export function asRole(value: string): Role {
  if (isRole(value)) return value;
  throw new Error(`database holds an unknown role: ${value}`);
}

function asKind(value: string): ItemKind {
  if (isItemKind(value)) return value;
  throw new Error(`database holds an unknown item kind: ${value}`);
}

/** The column that keeps two people from one address: as lookups fold it (peopleByEmail); null without one. */
export function emailKeyOf(email: string | null): string | null {
  const key = email?.trim().toLowerCase() ?? '';
  return key === '' ? null : key;
}

export function toPerson(row: Person): PersonRecord {
  return { id: row.id, displayName: row.displayName, email: row.email, lang: member(['vi', 'en'] as const, row.lang, 'language'), deactivatedAt: row.deactivatedAt };
}

export function toGrant(row: RoleGrant): GrantRecord {
  return { id: row.id, personId: row.personId, siteId: row.siteId, role: asRole(row.role), validFrom: row.validFrom, validTo: row.validTo, revokedAt: row.revokedAt };
}

export function toDelegation(row: Delegation): DelegationRecord {
  return { ...row, power: member(['publish'] as const, row.power, 'delegation power') };
}

export function toRevision(row: Revision): RevisionRecord {
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    summary: row.summary,
    body: row.body,
    language: row.language,
    mediaRefs: JSON.parse(row.mediaRefs) as string[],
    contentHash: row.contentHash,
    authorId: row.authorId,
    authorStep: asOptionalStep(row.authorStep),
    createdAt: row.createdAt,
  };
}

export function toApproval(row: Decision): Approval {
  return { step: asStep(row.step ?? ''), actorId: row.actorId, revisionHash: row.revisionHash ?? '', delegationId: row.delegationId };
}

export type ItemRow = Item & { revisions: Revision[]; decisions: Decision[] };

export function toItem(row: ItemRow): ItemRecord {
  const latest = row.revisions[0];
  if (!latest) throw new Error(`item ${row.code} has no revision`);
  return {
    id: row.id,
    code: row.code,
    siteId: row.siteId,
    kind: asKind(row.kind),
    category: row.category,
    state: member<ItemState>(ITEM_STATES, row.state, 'item state'),
    step: asOptionalStep(row.step),
    sensitive: row.sensitive,
    chairmanRequired: row.chairmanRequired,
    techRequired: row.techRequired,
    submissionId: row.submissionId,
    scheduledAt: row.scheduledAt,
    publishedAt: row.publishedAt,
    correctedAt: row.correctedAt,
    takenDownAt: row.takenDownAt,
    originatorId: row.originatorId,
    version: row.version,
    revision: toRevision(latest),
    approvals: row.decisions.map(toApproval),
  };
}

/** What loading an item needs: its latest revision and the approvals still standing. */
export const ITEM_INCLUDE = {
  revisions: { orderBy: { number: 'desc' as const }, take: 1 },
  decisions: { where: { standing: true }, orderBy: { createdAt: 'asc' as const } },
};

export function toSubmission(row: Submission & { item: { id: string } | null }): SubmissionRecord {
  return {
    id: row.id,
    code: row.code,
    siteId: row.siteId,
    channel: row.channel,
    chatId: row.chatId,
    messageIds: JSON.parse(row.messageIds) as string[],
    senderPlatformId: row.senderPlatformId,
    senderName: row.senderName,
    senderPersonId: row.senderPersonId,
    receivedAt: row.receivedAt,
    rawText: row.rawText,
    attachments: JSON.parse(row.attachments) as SubmissionRecord['attachments'],
    state: member(SUBMISSION_STATES, row.state, 'submission state'),
    triageNote: row.triageNote,
    itemId: row.item?.id ?? null,
    replyRef: row.replyRef,
    origin: row.origin === null ? null : (JSON.parse(row.origin) as SubmissionOrigin),
    textParts: row.textParts === null ? null : (JSON.parse(row.textParts) as TextPart[]),
    revision: row.revision,
  };
}
