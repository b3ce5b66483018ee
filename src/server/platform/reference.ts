/** The API reference page: server-rendered from the OpenAPI document, no scripts, nothing from other hosts. */
interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean; schema?: unknown }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string }>;
}
interface Doc {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown> };
}

const esc = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function apiReferenceHtml(doc: Doc, nonce: string): string {
  const byTag = new Map<string, { method: string; path: string; op: Operation }[]>();
  for (const [path, ops] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = op.tags?.[0] ?? 'Övrigt / other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), { method, path, op }]);
    }
  }
  const sections = [...byTag.entries()]
    .map(([tag, ops]) => {
      const items = ops
        .map(({ method, path, op }) => {
          const params = (op.parameters ?? [])
            .map((p) => `<li><code>${esc(p.name)}</code> (${esc(p.in)}${p.required ? ', krävs' : ''})</li>`)
            .join('');
          const body = op.requestBody?.content?.['application/json']?.schema;
          const responses = Object.entries(op.responses ?? {})
            .map(([code, r]) => `<li><code>${esc(code)}</code> ${esc(r.description)}</li>`)
            .join('');
          return `<article><h3><span class="m ${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h3>
<p>${esc(op.summary)}</p><p class="d">${esc(op.description)}</p>
${params ? `<h4>Parametrar</h4><ul>${params}</ul>` : ''}
${body ? `<h4>Begäran (JSON)</h4><pre>${esc(JSON.stringify(body, null, 2))}</pre>` : ''}
<h4>Svar</h4><ul>${responses}</ul></article>`;
        })
        .join('\n');
      return `<section><h2>${esc(tag)}</h2>${items}</section>`;
    })
    .join('\n');
  const schemas = Object.entries(doc.components?.schemas ?? {})
    .map(([name, s]) => `<details><summary><code>${esc(name)}</code></summary><pre>${esc(JSON.stringify(s, null, 2))}</pre></details>`)
    .join('\n');
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.info.title)} – API-referens</title>
<style nonce="${esc(nonce)}">
body{font-family:system-ui,sans-serif;max-width:70rem;margin:0 auto;padding:1rem 2rem;color:#1a1a1a;line-height:1.5}
code,pre{font-family:ui-monospace,monospace}pre{background:#f3f4f6;padding:.75rem;overflow:auto;max-height:24rem}
article{border-top:1px solid #d0d4da;padding:.5rem 0}.m{display:inline-block;min-width:4.5rem;padding:0 .4rem;border-radius:4px;color:#fff;background:#374151}
.get{background:#1d4ed8}.post{background:#166534}.patch{background:#92400e}.delete{background:#991b1b}.put{background:#5b21b6}.d{white-space:pre-line;color:#374151}
</style></head><body><header><h1>${esc(doc.info.title)} ${esc(doc.info.version)}</h1><p>${esc(doc.info.description)}</p>
<p>Maskinläsbar beskrivning: <a href="/api/openapi.json">/api/openapi.json</a></p></header>
<main>${sections}<section><h2>Scheman</h2>${schemas}</section></main></body></html>`;
}
