/** Tickets on the portal: forms, confirmation, status page, public questions. */
export const TICKET_PORTAL_MESSAGES = {
} as const;
