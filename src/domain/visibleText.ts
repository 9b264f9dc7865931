/**
 * What counts as text the user can see, for every layer that checks a
 * field or a name (importers, the note editor, deck names and groups), and
 * what counts as content in a card's HTML: text, an image or a sound.
 * Pure, and small enough for the first load.
 */

/** Any character that shows: not whitespace, not zero-width (U+200B-U+200D, U+2060-U+2064, U+FEFF), not a soft hyphen or the Mongolian vowel separator. */
const VISIBLE = /[^\s\u00AD\u180E\u200B-\u200D\u2060-\u2064\uFEFF]/;

/**
 * True when `text` has at least one character that shows. Blanks and
 * invisible characters (zero-width spaces and joiners, word joiner, BOM,
 * soft hyphen) do not count: a field of only those is empty. Markup is
 * text here: a field that is only `<img src="cat.png">` or `[sound:a.mp3]`
 * is not empty (`hasVisibleContent` reads a field as HTML).
 *
 * @example
 * hasVisibleText(' \u200B\u00AD '); // false
 * hasVisibleText('\u200BSTAR'); // true
 */
export function hasVisibleText(text: string): boolean {
  return VISIBLE.test(text);
}

/** Tags that show or play a file named by their `src` (`data` for `<object>`). */
const MEDIA_TAG = /^<(?:img|audio|video|source|object)[\s/>]/i;
/** A `src` or `data` attribute with a value that is not empty. */
const SOURCE_ATTRIBUTE = /\s(?:src|data)\s*=\s*(?:"[^"]*[^"\s]|'[^']*[^'\s]|[^\s"'>])/i;

/**
 * True when `html` shows something as a card: text that shows once tags are
 * removed (`&nbsp;` is a blank), an image or other media tag with a source
 * (`<img src="cat.png">`, `<audio src=…>`), or a sound (`[sound:name]`).
 * Linear in the text: each tag is found with `indexOf`.
 *
 * @example
 * hasVisibleContent('<div><br></div>&nbsp;'); // false
 * hasVisibleContent('<img src="cat.png">'); // true
 * hasVisibleContent('[sound:hello.mp3]'); // true
 */
export function hasVisibleContent(html: string): boolean {
  const sound = html.indexOf('[sound:');
  if (sound !== -1 && html.indexOf(']', sound + 7) > sound + 7) return true;
  let text = '';
  let at = 0;
  for (let open = html.indexOf('<'); open !== -1; open = html.indexOf('<', at)) {
    const close = html.indexOf('>', open);
    if (close === -1) break;
    const tag = html.slice(open, close + 1);
    if (MEDIA_TAG.test(tag) && SOURCE_ATTRIBUTE.test(tag)) return true;
    text += `${html.slice(at, open)} `;
    at = close + 1;
  }
  text += html.slice(at);
  return hasVisibleText(text.replace(/&nbsp;/gi, ' '));
}
