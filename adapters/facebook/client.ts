import { networkCause } from '../../src/core/errorCause.js';
/**
 * A thin typed Graph API client of our own: base URL and version come from configuration (the `fb`
 * package hard-codes its host and is unmaintained; notes/platforms.md §4).
 */

export interface GraphConfig {
  baseUrl: string;
  /** Page videos are created on graph-video.facebook.com. */
  videoBaseUrl: string;
  version: string;
  timeoutMs: number;
  /** The clock usage reports are aged by (the dispatcher's). */
  now?: () => number;
}

export type Json = Record<string, unknown>;

/** Graph's error envelope, and what the usage header said. */
export interface GraphError {
  http: number;
  code: number | null;
  subcode: number | null;
  message: string;
  transient: boolean;
  /** Minutes until Graph lets the Page call again, from X-Business-Use-Case-Usage. */
  regainMinutes: number | null;
}

export type GraphAnswer =
  | { ok: true; body: Json }
  | { ok: false; failure: { kind: 'graph'; error: GraphError } | { kind: 'network'; message: string } };

function regainMinutes(header: string | null): number | null {
  if (!header) return null;
  try {
    const usage = JSON.parse(header) as Record<string, { estimated_time_to_regain_access?: number }[]>;
    const minutes = Object.values(usage).flat().map((u) => u.estimated_time_to_regain_access ?? 0);
    return minutes.length ? Math.max(...minutes) : null;
  } catch {
    return null;
  }
}

function errorOf(http: number, body: unknown, usage: string | null): GraphError {
  const e = (typeof body === 'object' && body !== null && 'error' in body ? (body as { error: Json }).error : {}) as Json;
  return {
    http,
    code: typeof e.code === 'number' ? e.code : null,
    subcode: typeof e.error_subcode === 'number' ? e.error_subcode : null,
    message: typeof e.message === 'string' ? e.message : `HTTP ${http}`,
    transient: e.is_transient === true,
    regainMinutes: regainMinutes(usage),
  };
}

/** What Graph's usage headers last said about an account (a Page id, or "app"). */
interface Usage {
  percent: number;
  regainMinutes: number;
  seenAt: number;
}

/** A usage report counts this long: as long as a call waits after a high one. */
export const USAGE_MEMORY_MS = 5 * 60_000;

/** The highest share (call count, CPU time, total time) in X-Business-Use-Case-Usage and X-App-Usage, by account. */
function usageOf(headers: Headers): Map<string, Omit<Usage, 'seenAt'>> {
  const out = new Map<string, Omit<Usage, 'seenAt'>>();
  const pct = (u: Record<string, unknown>) => Math.max(0, ...['call_count', 'total_cputime', 'total_time'].map((k) => Number(u[k] ?? 0)));
  try {
    const buc = JSON.parse(headers.get('x-business-use-case-usage') ?? '{}') as Record<string, Record<string, unknown>[]>;
    for (const [id, entries] of Object.entries(buc)) {
      out.set(id, { percent: Math.max(0, ...entries.map(pct)), regainMinutes: Math.max(0, ...entries.map((e) => Number(e.estimated_time_to_regain_access ?? 0))) });
    }
    const app = JSON.parse(headers.get('x-app-usage') ?? 'null') as Record<string, unknown> | null;
    if (app) out.set('app', { percent: pct(app), regainMinutes: 0 });
  } catch {
    // A header we cannot read tells us nothing; the error codes still do.
  }
  return out;
}

/** Graph's largest page for feeds and videos. */
const LOOKUP_PAGE = 100;
/** Past this many pages since the attempt, the lookup says it cannot tell rather than read on. */
const MAX_LOOKUP_PAGES = 50;

export class GraphClient {
  private readonly usage = new Map<string, Usage>();

  constructor(private readonly config: GraphConfig) {}

  private now(): number {
    return this.config.now ? this.config.now() : Date.now();
  }

  /** How close the Page (or the app) is to Graph's limits, as last reported; null when nothing recent. */
  pressure(pageId: string): { percent: number; regainMinutes: number } | null {
    const now = this.now();
    const recent = [this.usage.get(pageId), this.usage.get('app')].filter((u): u is Usage => u !== undefined && now - u.seenAt < Math.max(USAGE_MEMORY_MS, u.regainMinutes * 60_000));
    if (recent.length === 0) return null;
    return { percent: Math.max(...recent.map((u) => u.percent)), regainMinutes: Math.max(...recent.map((u) => u.regainMinutes)) };
  }

  private url(path: string, host: 'graph' | 'video' = 'graph'): string {
    return `${host === 'video' ? this.config.videoBaseUrl : this.config.baseUrl}/${this.config.version}/${path.replace(/^\//, '')}`;
  }

  /** One call. The token goes in the body or query, never in a log line. */
  async call(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    token: string,
    params: Record<string, string> = {},
    file?: { field: string; bytes: Uint8Array; type: string; name: string },
    host: 'graph' | 'video' = 'graph',
  ): Promise<GraphAnswer> {
    let url = this.url(path, host);
    let body: URLSearchParams | FormData | undefined;
    if (method === 'GET' || method === 'DELETE') {
      url += `?${new URLSearchParams({ ...params, access_token: token }).toString()}`;
    } else if (file) {
      const form = new FormData();
      for (const [k, v] of Object.entries({ ...params, access_token: token })) form.append(k, v);
      form.append(file.field, new Blob([file.bytes], { type: file.type }), file.name);
      body = form;
    } else {
      body = new URLSearchParams({ ...params, access_token: token });
    }
    return this.send(url, { method, body });
  }

  /**
   * The edge's objects created since `since`, newest first, page after page (Graph's cursors:
   * `paging.next` while there is more, `paging.cursors.after` to get it), until one matches or the
   * pages reach back before `since`. Bounded by time, not by a count: a busy Page's backlog is read whole.
   */
  async findSince(edge: string, token: string, fields: string, since: Date, match: (o: Json) => boolean): Promise<{ ok: true; found: Json | null } | { ok: false; failure: Extract<GraphAnswer, { ok: false }>['failure'] } | { ok: false; tooMany: true }> {
    const sinceSeconds = Math.floor(since.getTime() / 1000);
    let after: string | null = null;
    for (let page = 0; page < MAX_LOOKUP_PAGES; page += 1) {
      const r = await this.call('GET', edge, token, { fields: `${fields},created_time`, limit: String(LOOKUP_PAGE), since: String(sinceSeconds), ...(after ? { after } : {}) });
      if (!r.ok) return { ok: false, failure: r.failure };
      const data = Array.isArray(r.body.data) ? (r.body.data as Json[]) : [];
      const found = data.find(match);
      if (found) return { ok: true, found };
      const oldest = data.at(-1)?.created_time;
      const reachedBack = typeof oldest === 'string' && Date.parse(oldest) < since.getTime();
      const paging = r.body.paging as { next?: unknown; cursors?: { after?: unknown } } | undefined;
      if (reachedBack || data.length === 0 || typeof paging?.next !== 'string' || typeof paging.cursors?.after !== 'string') return { ok: true, found: null };
      after = paging.cursors.after;
    }
    return { ok: false, tooMany: true };
  }

  /** Resumable Upload API: bytes from `offset` to an upload session, authorised by the user token in a header. */
  upload(session: string, userToken: string, bytes: Uint8Array, offset: number): Promise<GraphAnswer> {
    return this.send(this.url(session), { method: 'POST', body: bytes.subarray(offset), headers: { Authorization: `OAuth ${userToken}`, file_offset: String(offset), 'Content-Type': 'application/octet-stream' } });
  }

  /** Where an interrupted upload session stands. */
  uploadState(session: string, userToken: string): Promise<GraphAnswer> {
    return this.send(this.url(session), { method: 'GET', headers: { Authorization: `OAuth ${userToken}` } });
  }

  private async send(url: string, init: RequestInit): Promise<GraphAnswer> {
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, { ...init, signal: AbortSignal.timeout(this.config.timeoutMs) });
      text = await response.text();
      for (const [id, u] of usageOf(response.headers)) this.usage.set(id, { ...u, seenAt: this.now() });
    } catch (error) {
      return { ok: false, failure: { kind: 'network', message: networkCause(error) } };
    }
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    if (response.ok && typeof parsed === 'object' && parsed !== null && !('error' in parsed)) return { ok: true, body: parsed as Json };
    return { ok: false, failure: { kind: 'graph', error: errorOf(response.status, parsed, response.headers.get('x-business-use-case-usage')) } };
  }
}
