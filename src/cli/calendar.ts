import type { Command } from 'commander';

/** FOUNDATION STUB — The working-day calendar: calendar add / list / remove (the calendar work fills it). */
export function addCalendarCommands(_program: Command): void {}
