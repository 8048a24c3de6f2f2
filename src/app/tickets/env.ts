import type { WorkingCalendar } from '../../core/tickets/calendar.js';
import type { PublicNameMode } from '../../core/tickets/privacy.js';
import type { Deps } from '../deps.js';

/** Tells people in chat; a desk provides it. False / 0: nobody there was reached (they get mail instead). */
export interface TicketNotifier {
  toPerson(personId: string, text: string): Promise<boolean>;
  /** The standing deputy heads of a site (escalation of an overdue ticket). */
  toDeputies(siteId: string, text: string): Promise<number>;
}

/** What the ticket use cases need besides the store and the clock. */
export interface TicketEnv {
  deps: Deps;
  /** The working-day calendar as it stands now (shipped holidays plus the operator's exceptions). */
  calendar: () => Promise<WorkingCalendar>;
  settings: { answerWorkingDays: number; remindWorkingDays: number; publicName: PublicNameMode; linkDays: number };
  /** Links in mails and chat point here. */
  portalBaseUrl: string;
  /** Signs status and answer links (src/core/tickets/links.ts). */
  linkKey: Buffer;
  notifier?: TicketNotifier;
}
