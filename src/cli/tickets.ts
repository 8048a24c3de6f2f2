import type { Command } from 'commander';

/** FOUNDATION STUB — Questions and complaints: ticket add / list / show (the tickets work fills it). */
export function addTicketCommands(_program: Command): void {}
