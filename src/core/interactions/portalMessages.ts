/** What citizens read on the portal about comments, ratings and the interactions page. */
export const INTERACTION_PORTAL_MESSAGES = {} as const;
