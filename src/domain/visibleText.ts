/**
 * What counts as text the user can see, for every layer that checks a
 * field or a name (importers, the note editor, deck names and groups).
 * Pure, and small enough for the first load.
 */

/** Any character that shows: not whitespace, not zero-width (U+200B-U+200D, U+2060-U+2064, U+FEFF), not a soft hyphen or the Mongolian vowel separator. */
const VISIBLE = /[^\s\u00AD\u180E\u200B-\u200D\u2060-\u2064\uFEFF]/;

/**
 * True when `text` has at least one character that shows. Blanks and
 * invisible characters (zero-width spaces and joiners, word joiner, BOM,
 * soft hyphen) do not count: a field of only those is empty.
 *
 * @example
 * hasVisibleText(' \u200B\u00AD '); // false
 * hasVisibleText('\u200BSTAR'); // true
 */
export function hasVisibleText(text: string): boolean {
  return VISIBLE.test(text);
}
