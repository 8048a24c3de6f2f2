/** What the moderators' chat says about interactions (cards, prompts, the digest). */
export const INTERACTION_DESK_MESSAGES = {} as const;
