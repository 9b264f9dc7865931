/**
 * Card content is Markdown (marked), sanitised with DOMPurify before it
 * reaches the page: no script, event handler or javascript: URL survives.
 * Rendered HTML is cached per text so the next card is ready before a tap.
 */
import DOMPurify from 'dompurify';
import { Marked } from 'marked';

const marked = new Marked({ gfm: true, breaks: true, async: false });

const ALLOWED_TAGS = [
  'p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'del', 'code', 'pre', 'blockquote',
  'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'a', 'span', 'div',
  'table', 'thead', 'tbody', 'tr', 'th', 'td', 'sub', 'sup', 'mark', 'img',
];
const ALLOWED_ATTR = ['href', 'title', 'alt', 'src', 'colspan', 'rowspan'];

const cache = new Map<string, string>();
const CACHE_LIMIT = 200;

/** Markdown (or the limited HTML Anki allows) to sanitised HTML. */
export function renderMarkdown(markdown: string): string {
  const cached = cache.get(markdown);
  if (cached !== undefined) return cached;
  const raw = marked.parse(markdown) as string;
  const html = DOMPurify.sanitize(raw, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|data:image\/(?:png|jpeg|gif|webp);)/i,
  });
  if (cache.size >= CACHE_LIMIT) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(markdown, html);
  return html;
}

/** Renders cards likely to come next while the browser is idle, so showing them costs no parsing. */
export function warmMarkdown(texts: readonly string[]): void {
  const work = () => {
    for (const text of texts) renderMarkdown(text);
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(work, { timeout: 500 });
  else setTimeout(work, 0);
}

DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  // Images only from data: URLs: a remote image would be a request to another origin.
  if (node.tagName === 'IMG' && !/^data:image\//i.test(node.getAttribute('src') ?? '')) {
    node.removeAttribute('src');
  }
  if (node.tagName === 'A') {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});
