// Images and sounds on cards, from the media store on fake IndexedDB: an
// image named by a plain file name shows its stored blob (an object URL), a
// `[sound:…]` tag is a play button in the user's language that plays the
// stored file, and a missing file says so instead of breaking.
//
// DOMPurify does not behave under happy-dom as in a browser (it is exercised
// in a real Chromium: tests/e2e/media.spec.ts, hostile.spec.ts), so here a
// stand-in runs the app's own hooks over each element and keeps the
// allow-listed attributes: what this file checks is the app's part.
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImportMedia } from '../../src/domain/importers/types';
import { addMedia } from '../../src/storage/media';
import { CardView } from '../../src/ui/CardView';
import { createTranslator, TranslatorContext, type Language } from '../../src/ui/i18n';
import { isMediaName } from '../../src/domain/media';
import { loadMarkdownParser, loadSanitizer, mediaNameOfSource, renderMarkdown, warmMarkdown, withSoundTags } from '../../src/ui/markdown';
import { hasMediaRefs, URL_LIMIT, withMedia, type MediaLabels } from '../../src/ui/media';
import { FIXED_NOW, deleteAppDatabase } from '../helpers/componentDb';

vi.mock('dompurify', () => {
  type Hook = (node: Element) => void;
  const hooks = new Map<string, Hook[]>();
  return {
    default: {
      isSupported: true,
      addHook: (name: string, hook: Hook) => hooks.set(name, [...(hooks.get(name) ?? []), hook]),
      sanitize: (html: string, config: { ALLOWED_TAGS: string[]; ALLOWED_ATTR: string[] }) => {
        const template = document.createElement('template');
        template.innerHTML = html;
        for (const element of [...template.content.querySelectorAll('*')]) {
          if (!config.ALLOWED_TAGS.includes(element.tagName.toLowerCase())) {
            element.remove();
            continue;
          }
          hooks.get('beforeSanitizeAttributes')?.forEach((hook) => hook(element));
          for (const name of element.getAttributeNames()) if (!config.ALLOWED_ATTR.includes(name)) element.removeAttribute(name);
          hooks.get('afterSanitizeAttributes')?.forEach((hook) => hook(element));
        }
        return template.innerHTML;
      },
    },
  };
});

const PNG = [137, 80, 78, 71, 13, 10, 26, 10];

function media(name: string, mime: string, hash: string, bytes: number[] = PNG): ImportMedia {
  return { name, bytes: new Uint8Array(bytes), mime, kind: mime.startsWith('image/') ? 'image' : 'audio', hash: hash.repeat(64).slice(0, 64) };
}

function showCard(front: string, language: Language = 'en') {
  return render(
    <TranslatorContext.Provider value={createTranslator(language)}>
      <CardView card={{ template: 'basic', front, back: 'Back', source: undefined }} isRevealed={false} />
    </TranslatorContext.Provider>,
  );
}

const LABELS: MediaLabels = { playSound: (name) => `Play ${name}`, soundMissing: (name) => `No sound ${name}`, imageMissing: (name) => `No image ${name}` };

beforeAll(async () => {
  await loadMarkdownParser();
  await loadSanitizer();
});

beforeEach(deleteAppDatabase);

afterEach(async () => {
  vi.restoreAllMocks();
  await deleteAppDatabase();
});

describe('media file names in card text', () => {
  it('accepts a plain file name and refuses a URL, a path, a scheme or a parent folder', () => {
    expect(isMediaName('cat.png')).toBe(true);
    expect(isMediaName('my cat #2.png')).toBe(true);
    expect(mediaNameOfSource('my%20cat.png')).toBe('my cat.png');
    for (const source of ['https://x/y.png', 'javascript:alert(1)', '//host/a.png', '/a.png', '../a.png', '..', 'a\\b.png', 'img/a.png', 'a.png?x=1', '', ' ', 'data:text/html,x', 'a%2Fb.png']) {
      expect(mediaNameOfSource(source), source).toBeNull();
    }
  });

  it('keeps a plain image name as data-media (no src) and drops other sources, keeping the alt text', () => {
    const dom = document.createElement('div');
    dom.innerHTML = renderMarkdown('<img src="cat.png" alt="A cat"><img src="https://x/y.png"><img src="javascript:alert(1)"><img src="//host/a.png"><img src="../a.png">') ?? '';
    const images = [...dom.querySelectorAll('img')];
    expect(images.map((image) => [image.getAttribute('data-media'), image.getAttribute('src')])).toEqual([['cat.png', null], [null, null], [null, null], [null, null], [null, null]]);
    expect(images[0]?.getAttribute('alt')).toBe('A cat');
  });

  it('keeps data-media and data-sound only where they belong, with plain names, and no other data attribute', () => {
    const dom = document.createElement('div');
    dom.innerHTML = renderMarkdown('<a href="#x" data-media="a.png" data-x="1">a</a><span data-sound="../b.mp3">b</span><span data-sound="c.mp3" data-y="2">c</span>') ?? '';
    expect(dom.querySelector('a')?.getAttributeNames().sort()).toEqual(['href', 'rel', 'target']);
    expect(dom.querySelectorAll('span')[0]?.getAttributeNames()).toEqual([]);
    expect(dom.querySelectorAll('span')[1]?.getAttributeNames()).toEqual(['data-sound']);
  });

  it('turns Markdown images with a plain name into data-media too', () => {
    expect(renderMarkdown('![A cat](cat.png)')).toBe('<p><img data-media="cat.png" alt="A cat"></p>\n');
    expect(renderMarkdown('![A cat](https://x/cat.png)')).toBe('<p>A cat</p>\n');
  });

  it('turns [sound:…] into a sound’s place, and drops a tag that names no plain file', () => {
    expect(withSoundTags('Say [sound:hello.mp3] and [sound:https://x/a.mp3].')).toBe('Say <span data-sound="hello.mp3"></span> and .');
    expect(renderMarkdown('No media here.')).not.toContain('data-');
    expect(hasMediaRefs(renderMarkdown('No media here.') ?? '')).toBe(false);
  });
});

describe('a card with media', () => {
  it('shows a stored image from an object URL', async () => {
    await addMedia([media('cat.png', 'image/png', 'a')], FIXED_NOW);
    const createObjectURL = vi.spyOn(URL, 'createObjectURL');
    showCard('Look: <img src="cat.png" alt="A cat">');
    // The block renders again once the file has been read: the image is then a new element.
    await waitFor(() => expect(screen.getByRole('img', { name: 'A cat' }).getAttribute('src')).toMatch(/^blob:/));
    const blob = createObjectURL.mock.calls[0]?.[0] as Blob;
    expect(blob.type).toBe('image/png');
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual(PNG);
  });

  it('shows a missing image’s alt text (or its name), saying the file is missing', async () => {
    showCard('<img src="gone.png" alt="A dog"> <img src="nameless.png">');
    const alt = await screen.findByText('A dog');
    expect(alt).toHaveAttribute('title', 'Image file missing: gone.png');
    expect(await screen.findByText('nameless.png')).toHaveAttribute('title', 'Image file missing: nameless.png');
    expect(screen.queryByRole('img')).toBeNull();
  });

  it('shows an image imported after the card was shown', async () => {
    showCard('![Late](late.png)');
    await screen.findByText('Late');
    await addMedia([media('late.png', 'image/png', 'b')], FIXED_NOW);
    await waitFor(() => expect(screen.getByRole('img', { name: 'Late' }).getAttribute('src')).toMatch(/^blob:/));
  });

  it('plays a stored sound from a button named in the user’s language, never showing the tag as text', async () => {
    await addMedia([media('hello.mp3', 'audio/mpeg', 'c', [1, 2, 3])], FIXED_NOW);
    const play = vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
    showCard('Say it [sound:hello.mp3]');
    const button = await screen.findByRole('button', { name: 'Play sound hello.mp3' });
    expect(button).toHaveAttribute('type', 'button');
    expect(screen.getByRole('region', { name: 'Question' })).not.toHaveTextContent('[sound:');
    await waitFor(() => expect(button).toBeEnabled());

    await userEvent.click(button);
    await waitFor(() => expect(play).toHaveBeenCalledTimes(1));
    const audio = play.mock.contexts[0] as HTMLAudioElement;
    expect(audio.src).toMatch(/^blob:/);

    button.focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(play).toHaveBeenCalledTimes(2));
  });

  it('disables a missing sound’s button, saying it is missing', async () => {
    showCard('[sound:nothing.mp3]');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Play sound nothing.mp3' })).toBeDisabled());
    expect(screen.getByRole('button', { name: 'Play sound nothing.mp3' })).toHaveAttribute('title', 'Sound file missing: nothing.mp3');
  });

  it('speaks Russian in a Russian app', async () => {
    await addMedia([media('privet.mp3', 'audio/mpeg', 'd', [1])], FIXED_NOW);
    showCard('[sound:privet.mp3] [sound:net.mp3] <img src="net.png" alt="Кот">', 'ru');
    // The block is drawn again once the files are looked up: wait for the stored sound's button as it ends up.
    await waitFor(() => expect(screen.getByRole('button', { name: 'Воспроизвести звук privet.mp3' })).toBeEnabled());
    await waitFor(() => expect(screen.getByRole('button', { name: 'Воспроизвести звук net.mp3' })).toHaveAttribute('title', 'Нет звукового файла: net.mp3'));
    expect(await screen.findByText('Кот')).toHaveAttribute('title', 'Нет файла изображения: net.png');
  });
});

describe('upcoming cards and the cache', () => {
  it('reads an upcoming card’s media while idle, so showing it needs no read', async () => {
    await addMedia([media('next.png', 'image/png', 'e')], FIXED_NOW);
    const text = '<img src="next.png" alt="Next">';
    warmMarkdown([text]);
    await waitFor(() => expect(withMedia(renderMarkdown(text) ?? '', LABELS).isPending).toBe(false));
    expect(withMedia(renderMarkdown(text) ?? '', LABELS).html).toMatch(/^<img src="blob:[^"]+" [^>]*>$/);
  });

  it(`keeps the object URLs of the last ${URL_LIMIT} files and revokes older ones`, async () => {
    const names = Array.from({ length: URL_LIMIT + 1 }, (_, index) => `many-${index}.png`);
    await addMedia(names.map((name, index) => media(name, 'image/png', index.toString(16).padStart(4, '0'))), FIXED_NOW);
    const created = vi.spyOn(URL, 'createObjectURL');
    const revoked = vi.spyOn(URL, 'revokeObjectURL');
    const html = names.map((name) => `<img data-media="${name}" alt="">`).join('');
    withMedia(html, LABELS);
    await waitFor(() => expect(created).toHaveBeenCalledTimes(names.length));
    const shown = withMedia(html, LABELS).html;
    expect(shown.match(/src="blob:/g)).toHaveLength(URL_LIMIT);
    expect(revoked).toHaveBeenCalled();
    const urls = new Set(created.mock.results.map((result) => result.value as string));
    for (const [url] of revoked.mock.calls) expect(shown).not.toContain(`src="${url}"`);
    expect(revoked.mock.calls.some(([url]) => urls.has(url))).toBe(true);
  });
});
