import { hkdfSync, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { VERSION } from '../version.js';

/**
 * The operator's key to the detailed health answer, derived from HUB_SECRET: whoever can read the
 * secret file (the operator, the CLI on the server) has it, and nobody else.
 */
export function operatorHealthToken(hubSecret: string): string {
  return Buffer.from(hkdfSync('sha256', hubSecret, 'portal-hub', 'operator health v1', 32)).toString('base64url');
}

export interface HealthDeps {
  /** Resolves when the database answers; rejects otherwise. */
  ping: () => Promise<void>;
  /** Seconds since the process started serving. */
  uptime: () => number;
  /** Where each chat desk stands (connecting, retrying with its reason, on): shown, never a reason for 503. */
  desks?: () => Record<string, { state: string; reason?: string }>;
  /** Whether this process holds the desk lease (runs the chat desks and scheduled jobs), its own id, and the id of the process that holds it. */
  desk?: () => { held: boolean; process: string; holder: string | null };
  /** Absent: nobody gets the detail over HTTP. */
  operatorToken?: string;
}

/**
 * `/healthz`. The public (a load balancer) learns ok or not, nothing else: version, uptime and the desks'
 * states tell an attacker what runs here and since when. An operator presenting the token gets them.
 */
export function healthRoutes(deps: HealthDeps): Hono {
  const app = new Hono();
  const expected = deps.operatorToken ? Buffer.from(`Bearer ${deps.operatorToken}`) : null;
  const isOperator = (header: string | undefined) => {
    if (!expected || !header) return false;
    const given = Buffer.from(header);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  app.get('/healthz', async (c) => {
    let database: 'ok' | 'unreachable' = 'ok';
    try {
      await deps.ping();
    } catch {
      database = 'unreachable';
    }
    const status = database === 'ok' ? 'ok' : 'degraded';
    const code = database === 'ok' ? 200 : 503;
    c.header('Cache-Control', 'no-store');
    if (!isOperator(c.req.header('Authorization'))) return c.json({ status }, code);
    // The portal serves without its chat desks, so a desk that is down shows here without failing the check.
    return c.json({ status, version: VERSION, uptimeSeconds: Math.round(deps.uptime()), database, ...(deps.desk ? { desk: deps.desk() } : {}), ...(deps.desks ? { desks: deps.desks() } : {}) }, code);
  });
  return app;
}
