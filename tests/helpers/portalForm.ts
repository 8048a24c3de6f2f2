import { request } from 'node:http';

export interface Posted {
  status: number;
  location: string | null;
  text: string;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Posts the article's form the way a browser does (multipart, as the form's enctype says), from a
 * chosen loopback address: Linux answers on all of 127/8, so each address is another sender.
 */
export function postForm(url: string, fields: Record<string, string>, options: { from?: string; encoding?: 'multipart' | 'urlencoded'; headers?: Record<string, string> } = {}): Promise<Posted> {
  let body: Buffer;
  let type: string;
  if (options.encoding === 'urlencoded') {
    body = Buffer.from(new URLSearchParams(fields).toString());
    type = 'application/x-www-form-urlencoded';
  } else {
    const boundary = `----portalhubtest${Math.random().toString(36).slice(2)}`;
    body = Buffer.from(
      Object.entries(fields)
        .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
        .join('') + `--${boundary}--\r\n`,
    );
    type = `multipart/form-data; boundary=${boundary}`;
  }
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', localAddress: options.from, headers: { 'Content-Type': type, 'Content-Length': String(body.length), ...options.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location ?? null, text: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The token the page's form carries. */
export function tokenIn(html: string): string {
  const m = /<input type="hidden" name="token" value="([^"]+)">/.exec(html);
  if (!m?.[1]) throw new Error('no form token on the page');
  return m[1];
}

/** What the form's textarea holds (a refused post is drawn again with it). */
export function textareaIn(html: string): string | null {
  return /<textarea[^>]*name="text"[^>]*>([\s\S]*?)<\/textarea>/.exec(html)?.[1] ?? null;
}
