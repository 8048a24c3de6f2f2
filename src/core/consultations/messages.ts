/** Draft consultations: pages, forms, the summary, chat and mail texts. */
export const CONSULTATION_MESSAGES = {
} as const;
