/**
 * Media files on cards at display time. The sanitized card HTML
 * (`markdown.ts`) names files: `<img data-media="cat.png">` and
 * `<span data-sound="a.mp3"></span>`. `withMedia` rewrites that string
 * before React gets it: an image takes the object URL of its stored blob as
 * `src` (or becomes its alt text, or its name, when the file is missing), and
 * a sound's place holds a play button (disabled, saying so, when the file is
 * missing). A file not yet read is asked for, and the card is rendered again
 * when it arrives (`onMediaLoaded`), so the HTML React holds only changes
 * when something is known. Object URLs are kept per name, the most recently
 * used `URL_LIMIT`, and revoked when dropped. Text without media never gets
 * here (`hasMediaRefs`).
 */
import { onTablesChanged, STORE } from '../storage';
import { getMediaBlob } from '../storage/media';

/** How many files' object URLs are kept. */
export const URL_LIMIT = 300;

/** A file's object URL, or `missing` when no file has that name. */
type Entry = { url: string; isImage: boolean } | 'missing';

const entries = new Map<string, Entry>();
const loading = new Map<string, Promise<void>>();
const listeners = new Set<() => void>();
let version = 0;
let isWatchingStore = false;

/** Whether rendered card HTML refers to a media file (a quick test: most cards have none). */
export function hasMediaRefs(html: string): boolean {
  return html.includes('data-media="') || html.includes('data-sound="');
}

/** Calls `listener` when a file asked for has been read (a card showing it renders again). */
export function onMediaLoaded(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Goes up by one whenever a file's state changes: a render that saw an older number missed a change. */
export function mediaVersion(): number {
  return version;
}

function changed(): void {
  version += 1;
  listeners.forEach((listener) => listener());
}

function entryOf(name: string): Entry | undefined {
  const entry = entries.get(name);
  if (entry !== undefined) {
    // Most recently used last: the first entry is the next one dropped.
    entries.delete(name);
    entries.set(name, entry);
  }
  return entry;
}

function remember(name: string, entry: Entry): void {
  entries.set(name, entry);
  for (const [oldest, dropped] of entries) {
    if (entries.size <= URL_LIMIT) break;
    entries.delete(oldest);
    if (dropped !== 'missing') URL.revokeObjectURL(dropped.url);
  }
}

/** A file that arrives later (an import) is shown: forget which names were missing. */
function watchStore(): void {
  if (isWatchingStore) return;
  isWatchingStore = true;
  onTablesChanged([STORE.media], () => {
    let hadMissing = false;
    for (const [name, entry] of entries) {
      if (entry === 'missing') {
        entries.delete(name);
        hadMissing = true;
      }
    }
    if (hadMissing) changed();
  });
}

/** Reads `name` once (at a time) and keeps its object URL; resolves when it is known. */
function load(name: string, decodeImage = false): Promise<void> {
  const known = entries.get(name);
  if (known !== undefined) return Promise.resolve();
  let pending = loading.get(name);
  if (!pending) {
    watchStore();
    pending = getMediaBlob(name)
      .then(
        (blob) => {
          if (!blob) return remember(name, 'missing');
          const isImage = blob.type.startsWith('image/');
          const url = URL.createObjectURL(blob);
          remember(name, { url, isImage });
          if (decodeImage && isImage) predecode(url);
        },
        // A failed read shows the file as missing rather than waiting forever.
        () => remember(name, 'missing'),
      )
      .finally(() => {
        loading.delete(name);
        changed();
      });
    loading.set(name, pending);
  }
  return pending;
}

/** Has the browser decode an image ahead of its card, so showing it costs no decoding. */
function predecode(url: string): void {
  if (typeof Image !== 'function') return;
  const image = new Image();
  image.src = url;
  if (typeof image.decode === 'function') image.decode().catch(() => undefined);
}

/** Reads the files `html` names (upcoming cards), and decodes its images. */
export function warmMedia(html: string): void {
  for (const { name } of mediaRefsIn(html)) void load(name, true);
}

// ---------------------------------------------------------------------------
// The HTML

/**
 * A start tag of serialized HTML: attribute values are always quoted with
 * `"` and never hold one, and text never holds a raw `<`, so matching every
 * tag from the left never starts inside a value.
 */
const START_TAG = /<([a-zA-Z][^\s/>]*)([^>"]*(?:"[^"]*"[^>"]*)*)>/g;
const ATTRIBUTE = /([^\s"'>/=]+)(?:="([^"]*)")?/g;

function attributesOf(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of text.matchAll(ATTRIBUTE)) attributes.set((match[1] ?? '').toLowerCase(), decodeEntities(match[2] ?? ''));
  return attributes;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', quot: '"', lt: '<', gt: '>', apos: "'", nbsp: '\u00a0' };

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(?:#(\d+)|#x([0-9a-f]+)|(amp|quot|lt|gt|apos|nbsp));/gi, (whole, decimal?: string, hex?: string, named?: string) => {
    if (named !== undefined) return NAMED_ENTITIES[named.toLowerCase()] ?? whole;
    const code = decimal !== undefined ? Number(decimal) : parseInt(hex ?? '', 16);
    return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** The media files `html` names, each where it is named. */
function mediaRefsIn(html: string): { name: string; kind: 'image' | 'sound' }[] {
  const refs: { name: string; kind: 'image' | 'sound' }[] = [];
  for (const match of html.matchAll(START_TAG)) {
    const tag = (match[1] ?? '').toLowerCase();
    if (tag !== 'img' && tag !== 'span') continue;
    const attributes = attributesOf(match[2] ?? '');
    const name = attributes.get(tag === 'img' ? 'data-media' : 'data-sound');
    if (name) refs.push({ name, kind: tag === 'img' ? 'image' : 'sound' });
  }
  return refs;
}

/** The words the media markup carries, in the user's language. */
export interface MediaLabels {
  playSound: (name: string) => string;
  soundMissing: (name: string) => string;
  imageMissing: (name: string) => string;
}

export interface HtmlWithMedia {
  html: string;
  /** Some file is still being read: render again on `onMediaLoaded`. */
  isPending: boolean;
  /** The HTML holds play buttons: clicks are handled by `playSoundFromClick`. */
  hasSound: boolean;
}

/**
 * `html` with its media resolved as far as they are known (see the module's
 * header); asks for the files that are not.
 */
export function withMedia(html: string, labels: MediaLabels): HtmlWithMedia {
  let isPending = false;
  let hasSound = false;
  const out = html.replace(START_TAG, (whole, tagName: string, attributeText: string) => {
    const tag = tagName.toLowerCase();
    if (tag !== 'img' && tag !== 'span') return whole;
    const attributes = attributesOf(attributeText);
    if (tag === 'img') {
      const name = attributes.get('data-media');
      if (!name) return whole;
      const entry = entryOf(name);
      if (entry === undefined) {
        isPending = true;
        void load(name);
        return whole;
      }
      if (entry === 'missing') {
        const alt = attributes.get('alt')?.trim();
        return `<span class="media-missing" title="${escapeHtml(labels.imageMissing(name))}">${escapeHtml(alt || name)}</span>`;
      }
      return `<img src="${escapeHtml(entry.url)}"${attributeText}>`;
    }
    const name = attributes.get('data-sound');
    if (!name) return whole;
    hasSound = true;
    const entry = entryOf(name);
    if (entry === undefined) {
      isPending = true;
      void load(name);
    }
    const missing = entry === 'missing' ? ` disabled title="${escapeHtml(labels.soundMissing(name))}"` : '';
    return `${whole}<button type="button" class="sound-play" aria-label="${escapeHtml(labels.playSound(name))}"${missing}><span aria-hidden="true">▶</span></button>`;
  });
  return { html: out, isPending, hasSound };
}

// ---------------------------------------------------------------------------
// Sound

let playing: HTMLAudioElement | null = null;

/** Plays a stored sound (stopping the one playing); nothing when the file is missing. */
export async function playSound(name: string): Promise<void> {
  let entry = entryOf(name);
  if (entry === undefined) {
    await load(name);
    entry = entryOf(name);
  }
  if (entry === undefined || entry === 'missing') return;
  playing?.pause();
  const audio = new Audio(entry.url);
  playing = audio;
  // A refused or unplayable sound stays silent: the button is still there to try again.
  await audio.play().catch(() => undefined);
}

/** The click handler of a card's container: a click on a sound's play button plays it. */
export function playSoundFromClick(event: Event): void {
  const target = event.target instanceof Element ? event.target : null;
  const button = target?.closest('button.sound-play');
  const name = button?.parentElement?.getAttribute('data-sound');
  if (!button || (button as HTMLButtonElement).disabled || !name) return;
  void playSound(name);
}
