import type { PublicNameMode } from '../../core/tickets/privacy.js';
import type { Deps } from '../deps.js';
import type { ConsultationFiles, SummaryWriter } from './ports.js';

/** What the consultation use cases need besides the store and the clock. */
export interface ConsultationEnv {
  deps: Deps;
  files: ConsultationFiles;
  office: SummaryWriter;
  /** How commenters' names are published (TICKET_PUBLIC_NAME): on the pages and in the summary. */
  publicName: PublicNameMode;
  /** Links in the agency's mail and the chat. */
  portalBaseUrl: string;
  /** A line for the staff chat (the admins' alerts for now). */
  tell: (text: string) => void;
}
