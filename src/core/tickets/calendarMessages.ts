/** The working-day calendar: what the operator reads. */
export const CALENDAR_MESSAGES = {
} as const;
