/** Roles a person can hold on a site (Điều 7, 8, 10 of the seed regulation). */
export const ROLES = ['collaborator', 'editor', 'tech', 'secretary', 'deputy', 'head', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Review steps of Quy trình 2, plus the escalation steps of Điều 10.2. */
export const STEPS = ['editor', 'tech', 'secretary', 'deputy', 'head', 'chairman'] as const;
export type Step = (typeof STEPS)[number];

/** Which role acts at each step. The chairman is not a user: the head records the chairman's opinion. */
export const STEP_ROLE: Readonly<Record<Step, Role>> = {
  editor: 'editor',
  tech: 'tech',
  secretary: 'secretary',
  deputy: 'deputy',
  head: 'head',
  chairman: 'head',
};

/** Item kinds that are "designed products" and pass the technical team (Điều 10.3). */
export const DESIGNED_KINDS = ['banner', 'infographic', 'podcast', 'longform', 'video', 'module', 'embed'] as const;
export const ITEM_KINDS = ['news', 'article', 'announcement', 'document', 'photo', ...DESIGNED_KINDS] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export function isItemKind(value: string): value is ItemKind {
  return (ITEM_KINDS as readonly string[]).includes(value);
}

export function isDesignedKind(kind: ItemKind): boolean {
  return (DESIGNED_KINDS as readonly string[]).includes(kind);
}
