import type { CommentState } from '../../src/core/consultations/model.js';
import { message } from '../../src/core/messages.js';

/** The summary is read by the agency (Vietnamese) and linked from both languages' pages: labels carry both. */
export const both = (key: string, detail?: Record<string, string>) => `${message('vi', key, detail)} / ${message('en', key, detail)}`;
export const vi = (key: string, detail?: Record<string, string>) => message('vi', key, detail);
export const en = (key: string, detail?: Record<string, string>) => message('en', key, detail);
export const authorLabel = (author: string | null) => author ?? both('consultation_citizen');
export const stateLabel = (state: CommentState) => vi(`consultation_comment_state_${state}`);
