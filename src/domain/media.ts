/**
 * Media references in note text, as Anki writes them: the file named by an
 * `<img>` (or `<audio>`, `<video>`, `<source>`, `<object>`) tag's `src` /
 * `data` attribute, in any quote style, with HTML entities decoded, and by
 * `[sound:name]`. Only plain file names count (`isMediaName`): a URL, an
 * absolute path or a `data:` image is not a media file of the collection.
 * Pure and linear in the text: tags are found with `indexOf`, never with a
 * pattern that backtracks over the text.
 */

/** Tags whose `src` (or `data`) names a media file, lower case. */
const MEDIA_TAGS = new Set(['img', 'audio', 'video', 'source', 'object']);

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * Decodes the HTML entities an attribute value may hold (`&amp;`, `&#39;`,
 * `&#x41;`, `&nbsp;` as a space, as Anki reads media names); others stay.
 */
function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,6});/gi, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/** Escapes what may not stand in a double-quoted attribute value. */
function encodeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * True when `src` is a plain file name of the collection's media folder: not
 * empty, no scheme (`https:`, `data:`), no folder (`/`, `\`), not `.` or `..`.
 *
 * @example
 * isMediaName('cat.png'); // true
 * isMediaName('https://example.com/cat.png'); // false
 * isMediaName('../cat.png'); // false
 */
export function isMediaName(src: string): boolean {
  return src !== '' && src.length <= 255 && src !== '.' && src !== '..' && src.trim() === src && !UNSAFE_NAME_CHARACTER.test(src) && !hasControlCharacter(src);
}

/** Characters no media file name has (Anki replaces them when it normalizes a name): a path, a scheme, a wildcard, a quote. */
const UNSAFE_NAME_CHARACTER = /[\\/:?*"<>|]/;
const hasControlCharacter = (text: string) => [...text].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f);

/** One reference found in text: where its raw value sits and the name it decodes to. */
interface Reference {
  start: number;
  end: number;
  name: string;
  /** 'sound' for `[sound:]`; else the quote around the attribute value ('' unquoted). */
  quote: '"' | "'" | '' | 'sound';
}

/** The value of the `src`/`data` attribute inside one start tag `tag` (from `<` to `>`), with its offsets in the tag. */
function sourceAttribute(tag: string): Omit<Reference, 'name'> & { raw: string } | null {
  let at = 1;
  while (at < tag.length && !/[\s/>]/.test(tag[at] ?? '')) at++;
  while (at < tag.length) {
    while (at < tag.length && /[\s/]/.test(tag[at] ?? '')) at++;
    if (at >= tag.length || tag[at] === '>') return null;
    const nameStart = at;
    while (at < tag.length && !/[\s/>=]/.test(tag[at] ?? '')) at++;
    const name = tag.slice(nameStart, at).toLowerCase();
    while (at < tag.length && /\s/.test(tag[at] ?? '')) at++;
    if (tag[at] !== '=') continue;
    at++;
    while (at < tag.length && /\s/.test(tag[at] ?? '')) at++;
    const quote = tag[at];
    let start: number;
    let end: number;
    let next: number;
    if (quote === '"' || quote === "'") {
      start = at + 1;
      end = tag.indexOf(quote, start);
      if (end === -1) return null;
      next = end + 1;
    } else {
      start = at;
      end = at;
      while (end < tag.length && !/[\s>]/.test(tag[end] ?? '')) end++;
      next = end;
    }
    if (name === 'src' || name === 'data') {
      return { start, end, raw: tag.slice(start, end), quote: quote === '"' || quote === "'" ? quote : '' };
    }
    at = next;
  }
  return null;
}

/** Every media reference in `text`, in order, names decoded but not yet checked with `isMediaName`. */
function findReferences(text: string): Reference[] {
  const found: Reference[] = [];
  for (let at = text.indexOf('<'); at !== -1; at = text.indexOf('<', at + 1)) {
    let nameEnd = at + 1;
    while (nameEnd < text.length && /[a-z]/i.test(text[nameEnd] ?? '')) nameEnd++;
    if (!MEDIA_TAGS.has(text.slice(at + 1, nameEnd).toLowerCase())) continue;
    // The tag ends at the first '>': a media name cannot hold one (Anki removes it from names).
    const end = text.indexOf('>', nameEnd);
    if (end === -1) break;
    const attribute = sourceAttribute(text.slice(at, end + 1));
    if (attribute) found.push({ start: at + attribute.start, end: at + attribute.end, name: decodeEntities(attribute.raw).trim(), quote: attribute.quote });
    at = end;
  }
  for (let at = text.indexOf('[sound:'); at !== -1; at = text.indexOf('[sound:', at + 1)) {
    const close = text.indexOf(']', at + 7);
    if (close === -1) break;
    if (close > at + 7) found.push({ start: at + 7, end: close, name: decodeEntities(text.slice(at + 7, close)), quote: 'sound' });
    at = close;
  }
  return found;
}

/**
 * The media file names `text` refers to, each once, in order of first
 * appearance: `<img src="...">` (any quote style, entities decoded; also
 * `<audio>`, `<video>`, `<source>`, `<object data>`) and `[sound:...]`;
 * only plain file names (`isMediaName`).
 *
 * @example
 * mediaReferencesOf('<img src="a&amp;b.png"> [sound:hello.mp3] <img src=https://x.org/c.png>');
 * // ['a&b.png', 'hello.mp3']
 */
export function mediaReferencesOf(text: string): string[] {
  const names = new Set<string>();
  for (const reference of findReferences(text)) if (isMediaName(reference.name)) names.add(reference.name);
  return [...names];
}

/** The names `text` plays as sounds (`[sound:...]`), each once. */
export function soundReferencesOf(text: string): string[] {
  const names = new Set<string>();
  for (const reference of findReferences(text)) if (reference.quote === 'sound' && isMediaName(reference.name)) names.add(reference.name);
  return [...names];
}

/**
 * `text` with every media reference to a name in `renames` pointing at its
 * new name (attribute values escaped as HTML; an unquoted value is quoted if
 * the new name needs it); everything else unchanged.
 *
 * @example
 * renameMediaReferences('<img src="cat.png"> [sound:cat.png]', new Map([['cat.png', 'cat-2.png']]));
 * // '<img src="cat-2.png"> [sound:cat-2.png]'
 */
export function renameMediaReferences(text: string, renames: ReadonlyMap<string, string>): string {
  if (renames.size === 0) return text;
  const references = findReferences(text)
    .filter((reference) => renames.has(reference.name))
    .sort((a, b) => a.start - b.start);
  if (references.length === 0) return text;
  let out = '';
  let copied = 0;
  for (const reference of references) {
    const renamed = renames.get(reference.name) ?? reference.name;
    let value: string;
    if (reference.quote === 'sound') value = renamed;
    else if (reference.quote === '') value = /^[^\s"'=<>`&]+$/.test(renamed) ? renamed : `"${encodeAttribute(renamed)}"`;
    else value = reference.quote === '"' ? encodeAttribute(renamed) : encodeAttribute(renamed).replace(/'/g, '&#39;');
    out += text.slice(copied, reference.start) + value;
    copied = reference.end;
  }
  return out + text.slice(copied);
}
