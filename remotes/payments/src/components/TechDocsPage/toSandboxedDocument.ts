/**
 * Minimal styling for the documentation, which is shown without its theme's assets. The frame is
 * its own document, outside the shell's custom properties: it follows the browser's colour
 * scheme itself, in the shell's palette (surface, text, code and link colours).
 */
const DOCUMENT_CSS = `
  :root { color-scheme: light dark; }
  body { font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
         color: light-dark(#1d2330, #e6eaf1); background: light-dark(#ffffff, #171e29);
         margin: 0; padding: 24px 32px; max-width: 860px; }
  h1, h2, h3 { line-height: 1.25; }
  code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.9em;
              background: light-dark(#f4f5f7, #1f2835); border-radius: 4px; }
  code { padding: 0.1em 0.3em; }
  pre { padding: 12px; overflow: auto; }
  pre code { padding: 0; background: none; }
  table { border-collapse: collapse; } th, td { border: 1px solid light-dark(#d0d7de, #2f3a4a); padding: 4px 8px; }
  a { color: light-dark(#1f5fbf, #7fb0ff); }
  img { max-width: 100%; }
`;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
}

/**
 * Turns a generated TechDocs page into a self-contained document for a sandboxed iframe: the
 * page's main content only, with no scripts, stylesheets or frames, and a small stylesheet.
 */
export function toSandboxedDocument(html: string, title: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  doc
    .querySelectorAll('script, link, style, iframe, frame, object, embed, base, meta[http-equiv], form')
    .forEach(node => node.remove());
  const main = doc.querySelector('[role="main"], .md-content, main, article') ?? doc.body;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(
    title,
  )}</title><style>${DOCUMENT_CSS}</style></head><body>${main.innerHTML}</body></html>`;
}
