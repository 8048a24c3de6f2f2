import { Hono } from 'hono';
import type { TicketEnv } from '../../app/tickets/env.js';
import type { Deps } from '../../app/deps.js';
import type { PageCache } from '../portal/cache.js';
import type { FormSettings } from '../portal/feedback.js';
import type { PortalSettings } from '../portal/layout.js';

export interface TicketPagesOptions {
  deps: Deps;
  settings: PortalSettings;
  cache: PageCache;
  forms: FormSettings | null;
  /** Null: the ticket pages answer 404 (tools that serve only the portal). */
  tickets: TicketEnv | null;
}

/** FOUNDATION STUB: /vi/hoi-dap, /en/questions, the forms and the status page (the portal work fills it). */
export function ticketPages(_options: TicketPagesOptions): Hono {
  return new Hono();
}
