import { Hono } from 'hono';
import type { Deps } from '../../app/deps.js';
import type { PageCache } from '../portal/cache.js';
import type { FormSettings } from '../portal/feedback.js';
import type { PortalSettings } from '../portal/layout.js';

export interface ConsultationPagesOptions {
  deps: Deps;
  settings: PortalSettings;
  cache: PageCache;
  forms: FormSettings | null;
}

/** FOUNDATION STUB: /vi/du-thao, /en/drafts and their comment forms (the consultation work fills it). */
export function consultationPages(_options: ConsultationPagesOptions): Hono {
  return new Hono();
}
