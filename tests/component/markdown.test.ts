// Card content is rendered from Markdown; hostile content must never reach
// the page as script, event handlers, javascript: URLs or remote images.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMarkdownParser, renderMarkdown as renderOrNull, withoutInlineStylesAndHandlers } from '../../src/ui/markdown';

beforeAll(async () => {
  await loadMarkdownParser();
});

function renderMarkdown(markdown: string): string {
  const html = renderOrNull(markdown);
  if (html === null) throw new Error('marked has loaded, yet the text was not rendered');
  return html;
}

function toDom(html: string): HTMLElement {
  const host = document.createElement('div');
  host.innerHTML = html;
  return host;
}

function expectNothingActive(html: string) {
  const dom = toDom(html);
  expect(dom.querySelector('script, iframe, object, embed, style')).toBeNull();
  for (const element of dom.querySelectorAll('*')) {
    for (const attribute of element.getAttributeNames()) expect(attribute.startsWith('on'), `${element.tagName} ${attribute}`).toBe(false);
    const url = element.getAttribute('href') ?? element.getAttribute('src') ?? '';
    expect(url.trim().toLowerCase().startsWith('javascript:'), url).toBe(false);
  }
  for (const image of dom.querySelectorAll('img[src]')) expect(image.getAttribute('src')).toMatch(/^data:image\//);
}

describe('plain Markdown (no HTML in the text)', () => {
  it('renders emphasis and lists', () => {
    const dom = toDom(renderMarkdown('**Situation:** context\n\n- one\n- two'));
    expect(dom.querySelector('strong')?.textContent).toBe('Situation:');
    expect(dom.querySelectorAll('li')).toHaveLength(2);
  });

  it('drops javascript: and other unsafe link targets but keeps the text', () => {
    for (const href of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'vbscript:x', 'data:text/html,hi']) {
      const html = renderMarkdown(`[click me](${href})`);
      expectNothingActive(html);
      expect(toDom(html).textContent).toContain('click me');
      expect(toDom(html).querySelector('a')).toBeNull();
    }
  });

  it('keeps https links, opening in a new tab without an opener', () => {
    const link = toDom(renderMarkdown('[docs](https://example.org/a)')).querySelector('a');
    expect(link?.getAttribute('href')).toBe('https://example.org/a');
    expect(link?.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('shows remote images as their alt text (no request to another origin)', () => {
    const html = renderMarkdown('![a chart](https://tracker.example/pixel.png)');
    expect(toDom(html).querySelector('img')).toBeNull();
    expect(toDom(html).textContent).toContain('a chart');
  });
});

describe('text with HTML before the sanitizer loads', () => {
  it('renders nothing yet (neither markup nor its tags as text), and asks for the sanitizer', () => {
    expect(renderOrNull('What is the purpose of <code>genpmk</code>? <b onmouseover="alert(1)">bold</b> <script>alert(1)</script>')).toBeNull();
  });
});

describe('withoutInlineStylesAndHandlers (before DOMPurify parses, so the Content-Security-Policy reports nothing)', () => {
  it('removes style attributes and <style> elements and keeps everything else', () => {
    expect(withoutInlineStylesAndHandlers('<b style="color: red" title=\'a style="x"\'>bold</b>')).toBe('<b  title=\'a style="x"\'>bold</b>');
    expect(withoutInlineStylesAndHandlers('<span STYLE=color:red>x</span><p\nstyle = \'a\'/>')).toBe('<span >x</span><p\n/>');
    expect(withoutInlineStylesAndHandlers('a<style>p { color: red }</style>b<STYLE media="x">q{}</style >c')).toBe('abc');
  });

  it('removes inline event handlers, whatever their case or quoting, and keeps other attributes', () => {
    expect(withoutInlineStylesAndHandlers('<img src="x" onerror="window.a = 1">')).toBe('<img src="x" >');
    expect(withoutInlineStylesAndHandlers('<div ONCLICK=go() title="on it">x</div>')).toBe('<div  title="on it">x</div>');
    expect(withoutInlineStylesAndHandlers('<svg/onload=alert(1)>')).toBe('<svg/>');
    expect(withoutInlineStylesAndHandlers('online <b data-on="1">on</b>')).toBe('online <b data-on="1">on</b>');
  });

  it('never changes text outside tags, and leaves an unfinished tag alone', () => {
    expect(withoutInlineStylesAndHandlers('style="x" and 1 < 2 style=y')).toBe('style="x" and 1 < 2 style=y');
    expect(withoutInlineStylesAndHandlers('<a href="x/style=y">z</a>')).toBe('<a href="x/style=y">z</a>');
    expect(withoutInlineStylesAndHandlers('ok <b style="unfinished')).toBe('ok <b style="unfinished');
  });

  it('takes linear time on tags made to backtrack', () => {
    const hostile = '<a' + ' x=/a/style'.repeat(20_000);
    const started = performance.now();
    expect(withoutInlineStylesAndHandlers(hostile)).toBe(hostile);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

// DOMPurify itself is exercised in a real Chromium (tests/e2e/hostile.spec.ts):
// happy-dom's DOM does not behave like a browser's under DOMPurify.
