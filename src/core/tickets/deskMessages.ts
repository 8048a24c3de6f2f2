/** Tickets in chat: cards, buttons, lists and prompts. */
export const TICKET_DESK_MESSAGES = {
} as const;
