/**
 * Card content is Markdown (marked). What reaches the page is safe: no
 * script, event handler, javascript: URL or remote image survives.
 *
 * - Text with no Markdown or HTML syntax at all (most questions) becomes
 *   paragraphs directly, exactly as marked would write them: the first card
 *   of a cold start needs no parser.
 * - marked is its own chunk, fetched as soon as the review code loads; until
 *   it is there, text that needs it renders as nothing (`null`) and the
 *   component re-renders when it arrives.
 * - Text without "<" cannot contain HTML, so marked's output is safe once its
 *   link and image renderers refuse unsafe URLs. Text with "<" (Anki's HTML,
 *   autolinks) goes through DOMPurify with a strict allow-list; DOMPurify is
 *   loaded only when such a card first appears (or is warmed up as an
 *   upcoming card), and until then the text renders as nothing (`null`), so
 *   its markup never flashes as text.
 * Rendered HTML is cached per text so the next card is ready before a tap.
 *
 * Media files (`storage/media.ts`) are referred to by plain file name: an
 * image whose source is one (`<img src="cat.png">`, `![](cat.png)`) keeps
 * it as `data-media="cat.png"` with no `src`, and Anki's `[sound:a.mp3]`
 * becomes `<span data-sound="a.mp3"></span>`; `ui/media.ts` turns them into
 * object URLs and play buttons at display time.
 */
import type { Tokens } from 'marked';
import { hasMediaRefs, warmMedia } from './media';
import { isMediaName } from '../domain/media';
import { whenIdle } from './whenIdle';

const SAFE_LINK = /^(?:https?:|mailto:|#|\/)/i;
const SAFE_IMAGE = /^data:image\/(?:png|jpeg|gif|webp);/i;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** What a media file's name may not hold: a path, a scheme, a query, quotes or angle brackets (control characters are checked apart). */
/** The media file an image source names (percent-escapes decoded, as Anki reads them), or null when it is not a plain file name. */
export function mediaNameOfSource(source: string): string | null {
  const trimmed = source.trim();
  let name = trimmed;
  if (trimmed.includes('%')) {
    try {
      name = decodeURIComponent(trimmed);
    } catch {
      name = trimmed;
    }
  }
  return isMediaName(name) ? name : null;
}

const SOUND_TAG = /\[sound:([^\]\n]*)\]/g;

/** Anki's `[sound:name]` as an element the sanitizer keeps (`ui/media.ts` makes it a play button); a tag whose name is not a plain file name is dropped. */
export function withSoundTags(markdown: string): string {
  if (!markdown.includes('[sound:')) return markdown;
  return markdown.replace(SOUND_TAG, (_tag, name: string) => (isMediaName(name.trim()) ? `<span data-sound="${escapeHtml(name.trim())}"></span>` : ''));
}

type Parse = (markdown: string) => string;
let parse: Parse | null = null;
let parserLoading: Promise<Parse> | null = null;
const listeners = new Set<() => void>();

/** Loads marked once (its own chunk); resolves with the configured parser. */
export function loadMarkdownParser(): Promise<Parse> {
  parserLoading ??= import('marked').then(({ Marked }) => {
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
          if (SAFE_IMAGE.test(token.href.trim())) return `<img src="${escapeHtml(token.href)}" alt="${escapeHtml(token.text)}">`;
          const name = mediaNameOfSource(token.href);
          if (name !== null) return `<img data-media="${escapeHtml(name)}" alt="${escapeHtml(token.text)}">`;
          return escapeHtml(token.text);
        },
      },
    });
    const configured: Parse = (markdown) => marked.parse(markdown) as string;
    parse = configured;
    listeners.forEach((listener) => listener());
    return configured;
  });
  return parserLoading;
}

/**
 * Text Markdown would turn into plain paragraphs: every line starts with a
 * letter (or an opening quote or bracket that is not Markdown), and nothing
 * in it is Markdown, HTML, an entity, an autolink or an escape.
 */
const PLAIN_LINE = /^[\p{L}"'(¿¡«„“‘][^*_`~[\]<>&\\|@\t\r]*$/u;
const AUTOLINK = /:\/\/|www\./i;

function isPlainText(markdown: string): boolean {
  if (AUTOLINK.test(markdown)) return false;
  return markdown
    .split('\n')
    .every((line) => line === '' || (PLAIN_LINE.test(line) && !line.endsWith(' ')));
}

/**
 * The HTML marked (gfm, breaks) writes for plain text: paragraphs, a <br> per
 * line break, quotes escaped. `null` when the text is not plain.
 */
export function plainTextHtml(markdown: string): string | null {
  if (!isPlainText(markdown)) return null;
  return markdown
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.replace(/^\n+|\n+$/g, ''))
    .filter((paragraph) => paragraph !== '')
    .map((paragraph) => `<p>${paragraph.replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/\n/g, '<br>')}</p>\n`)
    .join('');
}

const ALLOWED_TAGS = [
  'p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'del', 'code', 'pre', 'blockquote',
  'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'a', 'span', 'div',
  'table', 'thead', 'tbody', 'tr', 'th', 'td', 'sub', 'sup', 'mark', 'img',
];
/** `data-media` (an image's file name) and `data-sound` (a sound's) are the only data attributes kept, each checked by the hook. */
const MEDIA_ATTR = ['data-media', 'data-sound'];
const ALLOWED_ATTR = ['href', 'title', 'alt', 'src', 'colspan', 'rowspan', 'target', 'rel', ...MEDIA_ATTR];

const STYLE_ELEMENT = /<style(?=[\t\n\f\r />])[^>]*>[\s\S]*?<\/style(?=[\t\n\f\r />])[^>]*>/gi;
/** HTML's own whitespace (not JavaScript's \s): what its tokenizer splits a tag on. */
const isSpace = (char: string | undefined) => char === ' ' || char === '\t' || char === '\n' || char === '\f' || char === '\r';

/**
 * `html` without <style> elements, style attributes and inline event
 * handlers (`onerror=`, `onclick=`...). The sanitizer's allow-list drops them
 * anyway, but the browser checks the Content-Security-Policy (style-src and
 * script-src-attr) already while DOMPurify parses the text, in its inert
 * document too, and reports every one as a violation. Start tags are read the way HTML's tokenizer reads them, in one
 * pass (no regular expression that could backtrack); an unfinished tag is
 * left as it is. Whatever this misses, DOMPurify still removes.
 */
export function withoutInlineStylesAndHandlers(html: string): string {
  if (!/style|[\t\n\f\r /]on/i.test(html)) return html;
  const text = html.replace(STYLE_ELEMENT, '');
  let out = '';
  let copied = 0;
  let at = text.indexOf('<');
  while (at !== -1) {
    if (!/[a-z]/i.test(text[at + 1] ?? '')) {
      at = text.indexOf('<', at + 1);
      continue;
    }
    let j = at + 1;
    while (j < text.length && !isSpace(text[j]) && text[j] !== '/' && text[j] !== '>') j += 1;
    let tag = text.slice(at, j);
    let closed = false;
    while (j < text.length && !closed) {
      const char = text[j];
      if (isSpace(char) || char === '/' || char === '>') {
        tag += char;
        j += 1;
        closed = char === '>';
        continue;
      }
      const nameStart = j;
      j += 1; // a first "=" belongs to the name
      while (j < text.length && !isSpace(text[j]) && !['/', '>', '='].includes(text[j] ?? '')) j += 1;
      const name = text.slice(nameStart, j);
      let k = j;
      while (isSpace(text[k])) k += 1;
      if (text[k] === '=') {
        k += 1;
        while (isSpace(text[k])) k += 1;
        const quote = text[k];
        if (quote === '"' || quote === "'") {
          const end = text.indexOf(quote, k + 1);
          k = end === -1 ? text.length : end + 1;
        } else {
          while (k < text.length && !isSpace(text[k]) && text[k] !== '>') k += 1;
        }
        j = k;
      }
      if (!isInlineStyleOrHandler(name)) tag += text.slice(nameStart, j);
    }
    if (!closed) break;
    out += text.slice(copied, at) + tag;
    copied = j;
    at = text.indexOf('<', j);
  }
  return out + text.slice(copied);
}

/** An attribute that holds inline code: `style`, or an event handler (`on...`). */
function isInlineStyleOrHandler(name: string): boolean {
  const lower = name.toLowerCase();
  return lower === 'style' || lower.startsWith('on');
}

type Sanitize = (html: string) => string;
let sanitize: Sanitize | null = null;
let sanitizerLoading: Promise<Sanitize> | null = null;

/** Loads DOMPurify once; resolves with the configured sanitizer. */
export function loadSanitizer(): Promise<Sanitize> {
  sanitizerLoading ??= import('dompurify').then(({ default: DOMPurify }) => {
    // Where DOMPurify cannot run (no DOM: a worker, a torn-down test page) it has no hooks and hands back its input: escape instead.
    if (!DOMPurify.isSupported || typeof DOMPurify.addHook !== 'function') return settle(escapeHtml);
    DOMPurify.addHook('beforeSanitizeAttributes', (node) => {
      // An image from a stored media file keeps its file name, never as a URL the browser would fetch.
      const source = node.tagName === 'IMG' ? node.getAttribute('src') : null;
      if (source === null || SAFE_IMAGE.test(source)) return;
      const name = mediaNameOfSource(source);
      node.removeAttribute('src');
      if (name !== null) node.setAttribute('data-media', name);
    });
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      // Images only from data: URLs: a remote image would be a request to another origin.
      if (node.tagName === 'IMG' && !SAFE_IMAGE.test(node.getAttribute('src') ?? '')) node.removeAttribute('src');
      // A media file's name only where it is shown (an image, a sound's place), and only a plain file name.
      for (const [attribute, tag] of [['data-media', 'IMG'], ['data-sound', 'SPAN']] as const) {
        const value = node.getAttribute(attribute);
        if (value !== null && (node.tagName !== tag || !isMediaName(value))) node.removeAttribute(attribute);
      }
      if (node.tagName === 'A') {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      }
    });
    return settle((html) =>
      DOMPurify.sanitize(withoutInlineStylesAndHandlers(html), {
        ALLOWED_TAGS,
        ALLOWED_ATTR,
        ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|#|\/|data:image\/(?:png|jpeg|gif|webp);)/i,
        ALLOW_DATA_ATTR: false,
        // File names, not URLs: checked by the hook above instead.
        ADD_URI_SAFE_ATTR: MEDIA_ATTR,
      }),
    );
  });
  return sanitizerLoading;
}

/** Makes `configured` the sanitizer and re-renders what was rendered without it. */
function settle(configured: Sanitize): Sanitize {
  sanitize = configured;
  cache.clear();
  listeners.forEach((listener) => listener());
  return configured;
}

/** Calls `listener` whenever marked or the sanitizer has loaded (components re-render then). */
export function onRendererLoaded(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const cache = new Map<string, string>();
const CACHE_LIMIT = 200;

/**
 * Markdown (or the limited HTML Anki allows) to safe HTML; `null` while the
 * text needs marked or the sanitizer and it is still loading (see
 * `onRendererLoaded`).
 */
export function renderMarkdown(markdown: string): string | null {
  const cached = cache.get(markdown);
  if (cached !== undefined) return cached;
  let html = plainTextHtml(markdown);
  const text = html === null ? withSoundTags(markdown) : markdown;
  if (html !== null) {
    // plain text: no parser needed
  } else if (!parse) {
    void loadMarkdownParser();
    return null;
  } else if (!text.includes('<')) {
    html = parse(text);
  } else if (sanitize) {
    html = sanitize(parse(text));
  } else {
    void loadSanitizer();
    return null;
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
    if (!parse) {
      void loadMarkdownParser().then(() => warmMarkdown(texts));
      return;
    }
    let needsSanitizer = false;
    for (const text of texts) {
      const html = renderMarkdown(text);
      if (html === null) needsSanitizer = true;
      // The card's images and sounds too, so showing it waits for no read (a card without any costs nothing more).
      else if (hasMediaRefs(html)) warmMedia(html);
    }
    if (needsSanitizer) void loadSanitizer().then(() => warmMarkdown(texts));
  };
  whenIdle(work, 500);
}
