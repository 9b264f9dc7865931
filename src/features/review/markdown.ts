/**
 * Card content is Markdown (marked). What reaches the page is safe: no
 * script, event handler, javascript: URL or remote image survives.
 *
 * Text without "<" cannot contain HTML, so marked's output is safe once its
 * link and image renderers refuse unsafe URLs: that is the fast path every
 * built-in card takes. Text with "<" (Anki's HTML, autolinks) goes through
 * DOMPurify with a strict allow-list; DOMPurify is loaded only when such a
 * card first appears, and until then the text shows with its HTML escaped.
 * Rendered HTML is cached per text so the next card is ready before a tap.
 */
import { Marked, type Tokens } from 'marked';

const SAFE_LINK = /^(?:https?:|mailto:|#|\/)/i;
const SAFE_IMAGE = /^data:image\/(?:png|jpeg|gif|webp);/i;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const marked = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    link(this: { parser: { parseInline: (tokens: Tokens.Generic[]) => string } }, token: Tokens.Link) {
      const text = this.parser.parseInline(token.tokens);
      if (!SAFE_LINK.test(token.href.trim())) return text;
      const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
      return `<a href="${escapeHtml(token.href)}"${title} target="_blank" rel="noopener noreferrer">${text}</a>`;
    },
    image(token: Tokens.Image) {
      if (!SAFE_IMAGE.test(token.href.trim())) return escapeHtml(token.text);
      return `<img src="${escapeHtml(token.href)}" alt="${escapeHtml(token.text)}">`;
    },
  },
});

const ALLOWED_TAGS = [
  'p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'del', 'code', 'pre', 'blockquote',
  'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'a', 'span', 'div',
  'table', 'thead', 'tbody', 'tr', 'th', 'td', 'sub', 'sup', 'mark', 'img',
];
const ALLOWED_ATTR = ['href', 'title', 'alt', 'src', 'colspan', 'rowspan', 'target', 'rel'];

type Sanitize = (html: string) => string;
let sanitize: Sanitize | null = null;
let sanitizerLoading: Promise<Sanitize> | null = null;
const sanitizerListeners = new Set<() => void>();

/** Loads DOMPurify once; resolves with the configured sanitizer. */
export function loadSanitizer(): Promise<Sanitize> {
  sanitizerLoading ??= import('dompurify').then(({ default: DOMPurify }) => {
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      // Images only from data: URLs: a remote image would be a request to another origin.
      if (node.tagName === 'IMG' && !SAFE_IMAGE.test(node.getAttribute('src') ?? '')) node.removeAttribute('src');
      if (node.tagName === 'A') {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      }
    });
    // DOMPurify hands back its input untouched where it cannot run: escape instead.
    const configured: Sanitize = DOMPurify.isSupported
      ? (html) =>
          DOMPurify.sanitize(html, {
            ALLOWED_TAGS,
            ALLOWED_ATTR,
            ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|#|\/|data:image\/(?:png|jpeg|gif|webp);)/i,
          })
      : escapeHtml;
    sanitize = configured;
    cache.clear();
    sanitizerListeners.forEach((listener) => listener());
    return configured;
  });
  return sanitizerLoading;
}

/** Calls `listener` once the sanitizer has loaded (components re-render then). */
export function onSanitizerLoaded(listener: () => void): () => void {
  sanitizerListeners.add(listener);
  return () => sanitizerListeners.delete(listener);
}

const cache = new Map<string, string>();
const CACHE_LIMIT = 200;

/** Markdown (or the limited HTML Anki allows) to safe HTML. */
export function renderMarkdown(markdown: string): string {
  const cached = cache.get(markdown);
  if (cached !== undefined) return cached;
  let html: string;
  if (!markdown.includes('<')) {
    html = marked.parse(markdown) as string;
  } else if (sanitize) {
    html = sanitize(marked.parse(markdown) as string);
  } else {
    void loadSanitizer();
    return marked.parse(escapeHtml(markdown)) as string;
  }
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
