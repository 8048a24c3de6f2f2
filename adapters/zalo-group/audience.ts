/**
 * Whom the bot's personal Zalo account answers. Zalo locks personal accounts that message people who
 * did not ask (platforms.md §2), and docs/operator.md promises the bot never writes to strangers: it speaks
 * only in the groups it is configured for and to people linked to the desk. Anyone else is heard and
 * left unanswered — with two exceptions that cannot reach a stranger: a `/link` code that succeeds
 * (the sender is linked by then) and `/id` from a portal admin (to learn a new group's id).
 */
export type Audience = 'configured' | 'linkedPerson' | 'unlinkedPerson' | 'otherGroup';

export function audienceOf(m: { isGroup: boolean; threadId: string }, configuredGroups: ReadonlySet<string>, linked: boolean): Audience {
  if (m.isGroup) return configuredGroups.has(m.threadId) ? 'configured' : 'otherGroup';
  return linked ? 'linkedPerson' : 'unlinkedPerson';
}

/** Commands heard from an audience the bot does not answer; their answer is sent only as described. */
export const QUIET_COMMANDS: Readonly<Record<Exclude<Audience, 'configured' | 'linkedPerson'>, ReadonlySet<string>>> = {
  unlinkedPerson: new Set(['link']),
  otherGroup: new Set(['id']),
};
