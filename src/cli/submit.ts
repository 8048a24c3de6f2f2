import type { Command } from 'commander';

/** FOUNDATION STUB — News received on paper, through the document system or in person: submit --channel (the news-by-hand work fills it). */
export function addSubmitCommand(_program: Command): void {}
