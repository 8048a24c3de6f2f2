import { grantActive, type Grant } from './grants.js';
import type { Role } from './roles.js';

/**
 * Roles that work a site's desk. Review is shared work along the chain (the secretary reads what
 * the editor decided, the deputy what both did), so any of them sees every item of that site.
 * A collaborator sees only what they sent.
 */
const DESK_ROLES: ReadonlySet<Role> = new Set<Role>(['editor', 'tech', 'secretary', 'deputy', 'head', 'admin']);

export interface Viewer {
  personId: string;
  grants: readonly Grant[];
}

/** The sites whose desk the viewer works on now. */
export function deskSites(viewer: Viewer, now: Date): Set<string> {
  return new Set(viewer.grants.filter((g) => g.personId === viewer.personId && DESK_ROLES.has(g.role) && grantActive(g, now)).map((g) => g.siteId));
}

/** Whether an item that is not public yet (or no longer) may be shown to the viewer at all. */
export function maySeeItem(viewer: Viewer, item: { siteId: string; originatorId: string }, now: Date): boolean {
  return item.originatorId === viewer.personId || deskSites(viewer, now).has(item.siteId);
}

/** The sender sees their own submission; the desk of its site sees all of them. */
export function maySeeSubmission(viewer: Viewer, submission: { siteId: string; senderPersonId: string | null }, now: Date): boolean {
  return submission.senderPersonId === viewer.personId || deskSites(viewer, now).has(submission.siteId);
}

/**
 * The site and every site under it: a province's report covers its departments, districts and communes, and a site's
 * desk chat sees its sub-sites' items, as its report and the ticket report count them.
 */
export function siteTree<S extends { id: string; parentId: string | null }>(sites: readonly S[], root: S): S[] {
  const tree = [root];
  for (let i = 0; i < tree.length; i += 1) for (const s of sites) if (s.parentId === tree[i]!.id && !tree.includes(s)) tree.push(s);
  return tree;
}
