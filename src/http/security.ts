import type { MiddlewareHandler } from 'hono';

/**
 * The headers every response carries, computed once: the Hono routes and the fast path for kept
 * pages (fastPath.ts) send the same set. No inline script or style is allowed anywhere.
 */
export function securityHeaders(options: { tls: boolean; emcImage: string | null }): Record<string, string> {
  const images = ["'self'", 'data:', ...(options.emcImage ? [new URL(options.emcImage).origin] : [])];
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src ${images.join(' ')}`,
    "media-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join('; ');
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'SAMEORIGIN',
    'Cross-Origin-Opener-Policy': 'same-origin',
    // Other sites and the API's users may show our pictures.
    'Cross-Origin-Resource-Policy': 'cross-origin',
    ...(options.tls ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

export function withHeaders(headers: Record<string, string>): MiddlewareHandler {
  const entries = Object.entries(headers);
  return async (c, next) => {
    await next();
    for (const [name, value] of entries) {
      // A private page (a ticket's status, an answer link) sends no Referer at all; the site-wide policy is looser.
      if (name === 'Referrer-Policy' && c.res.headers.has(name)) continue;
      c.res.headers.set(name, value);
    }
  };
}
