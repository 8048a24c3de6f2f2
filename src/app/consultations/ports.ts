/** Draft consultations: drafts, sections, comments, summaries (built by the consultation work). */
export interface ConsultationStore {}
