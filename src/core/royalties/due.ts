import { logLine } from '../messages.js';

/** How a work due for a sheet stands, as the terminal and the chat both say it: days left (or overdue), then what its terms lack. */
export function dueStanding(daysLeft: number, terms: 'none' | 'proposed' | 'confirmed'): { days: string; terms: string } {
  return {
    days: logLine(daysLeft >= 0 ? 'royalty_due_left' : 'royalty_due_overdue', { days: String(Math.abs(daysLeft)) }),
    terms: logLine(`royalty_due_terms_${terms}`),
  };
}
