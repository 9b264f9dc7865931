/**
 * Media references in note text: which names a note refers to (images in
 * any quote style, entities decoded, sounds), which strings are plain file
 * names, and renaming references without touching anything else.
 */
import { describe, expect, it } from 'vitest';
import { isMediaName, mediaReferencesOf, renameMediaReferences, soundReferencesOf } from '../../src/domain/media';

describe('isMediaName', () => {
  it('accepts plain file names, with spaces, dots and any script', () => {
    for (const name of ['cat.png', 'my cat.jpeg', 'a.b.c.mp3', 'кот.ogg', '猫.webp', '_addon.css', 'no-extension']) expect(isMediaName(name)).toBe(true);
  });

  it('refuses URLs, paths, parent folders and empty names', () => {
    for (const name of ['https://example.com/a.png', 'data:image/png;base64,AAAA', 'javascript:alert(1)', '/etc/passwd', 'media/a.png', '..\\a.png', '../a.png', '..', '.', '', '   ']) {
      expect(isMediaName(name)).toBe(false);
    }
  });
});

describe('mediaReferencesOf', () => {
  it('finds image sources in double, single and no quotes, and sounds', () => {
    const text = '<img src="a.png"> <IMG class=x SRC=\'b.jpg\'> <img alt="c" src=c.gif> [sound:d.mp3] <img src="a.png">';
    expect(mediaReferencesOf(text)).toEqual(['a.png', 'b.jpg', 'c.gif', 'd.mp3']);
  });

  it('decodes HTML entities in names', () => {
    expect(mediaReferencesOf('<img src="Tom &amp; Jerry&#39;s &#x41;.png"> [sound:a&amp;b.mp3]')).toEqual(["Tom & Jerry's A.png", 'a&b.mp3']);
  });

  it('also reads audio, video and source tags, and object data', () => {
    expect(mediaReferencesOf('<audio src="x.ogg"></audio><video><source src="y.mp4"></video><object data="z.svg"></object>')).toEqual(['x.ogg', 'y.mp4', 'z.svg']);
  });

  it('leaves out URLs, data images, other attributes and tags that only look alike', () => {
    const text = '<img src="https://x.org/a.png"><img src="data:image/png;base64,AA"><img data-src="lazy.png"><a href="b.png">b</a><imgx src="c.png"> [sound:]';
    expect(mediaReferencesOf(text)).toEqual([]);
  });

  it('ignores an unfinished tag and an unclosed sound', () => {
    expect(mediaReferencesOf('<img src="a.png" [sound:b.mp3')).toEqual([]);
  });

  it('tells sounds apart', () => {
    expect(soundReferencesOf('<img src="a.png"> [sound:b.mp3] [sound:b.mp3] [sound:c.mp4]')).toEqual(['b.mp3', 'c.mp4']);
  });

  it('reads a long hostile text in linear time', () => {
    const hostile = '<img src="'.repeat(20_000) + '[sound:'.repeat(20_000) + '<img '.repeat(20_000);
    const started = performance.now();
    expect(mediaReferencesOf(hostile)).toEqual([]);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('renameMediaReferences', () => {
  const renames = new Map([
    ['cat.png', 'cat-2.png'],
    ['a:b.png', 'ab.png'],
    ['dog.mp3', 'dog & bone.mp3'],
    ['x.png', 'new name.png'],
  ]);

  it('renames images in every quote style and sounds, keeping the rest of the text', () => {
    const text = '<p>A <img class="c" src="cat.png" alt="cat"> B <img src=\'a:b.png\'> [sound:dog.mp3] <img src=x.png> <img src="other.png"></p>';
    expect(renameMediaReferences(text, renames)).toBe(
      '<p>A <img class="c" src="cat-2.png" alt="cat"> B <img src=\'ab.png\'> [sound:dog & bone.mp3] <img src="new name.png"> <img src="other.png"></p>',
    );
  });

  it('escapes a new name that needs it inside an attribute', () => {
    expect(renameMediaReferences('<img src="dog.mp3">', renames)).toBe('<img src="dog &amp; bone.mp3">');
  });

  it('finds a reference written with entities by its decoded name', () => {
    expect(renameMediaReferences('<img src="a&#58;b.png">', renames)).toBe('<img src="ab.png">');
  });

  it('returns the same text when nothing is renamed', () => {
    const text = 'no media <b>here</b> [sound:keep.mp3]';
    expect(renameMediaReferences(text, renames)).toBe(text);
    expect(renameMediaReferences(text, new Map())).toBe(text);
  });
});
