import type { Command } from 'commander';

/** FOUNDATION STUB — Draft consultations: consultation add / list / comments (the consultation work fills it). */
export function addConsultationCommands(_program: Command): void {}
