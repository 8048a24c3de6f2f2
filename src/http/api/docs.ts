import { html } from 'hono/html';

interface Operation {
  summary?: string;
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: { type?: unknown; enum?: unknown[] } }[];
  responses?: Record<string, { description?: string }>;
}

/** The OpenAPI document as a page people can read, without scripts (the portal's CSP allows none inline). */
export function docsPage(document: object, stylesheet: string): string {
  const doc = document as { info: { title: string; description: string; version: string }; servers: { url: string }[]; paths: Record<string, Record<string, Operation>> };
  const base = doc.servers[0]?.url ?? '';
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
  const page = html`<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${doc.info.title}</title><link rel="stylesheet" href="${stylesheet}"></head><body><main id="main" class="wrap">
<h1>${doc.info.title}</h1><p>${doc.info.description}</p>
<p>Phiên bản / version ${doc.info.version} · <a href="/api/openapi.json">OpenAPI 3.1 (JSON)</a></p>
${ops.map(
  ({ path, method, op }) => html`<section><h2><code>${method.toUpperCase()} ${path}</code></h2><p>${op.summary ?? ''}</p>
${op.parameters?.length ? html`<table><caption>Tham số / Parameters</caption><thead><tr><th scope="col">Tên / Name</th><th scope="col">Ở / In</th><th scope="col">Mô tả / Description</th></tr></thead><tbody>${op.parameters.map((p) => html`<tr><td><code>${p.name}</code>${p.required ? ' *' : ''}</td><td>${p.in}</td><td>${p.description ?? ''}${p.schema?.enum ? ` (${p.schema.enum.join(', ')})` : ''}</td></tr>`)}</tbody></table>` : ''}
<ul>${Object.entries(op.responses ?? {}).map(([status, r]) => html`<li><strong>${status}</strong>: ${r.description ?? ''}</li>`)}</ul>
${path.includes('{') ? '' : html`<p><a href="${base}${path}">${base}${path}</a></p>`}
</section>`,
)}
</main></body></html>`;
  return page.toString();
}
