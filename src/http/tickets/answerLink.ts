import { Hono } from 'hono';
import type { TicketEnv } from '../../app/tickets/env.js';

/** FOUNDATION STUB: /tra-loi/<code> — the assignee's signed answer page (the desk work fills it). */
export function answerLinkPages(_tickets: TicketEnv | null): Hono {
  return new Hono();
}
