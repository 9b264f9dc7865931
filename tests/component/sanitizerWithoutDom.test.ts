// Where DOMPurify cannot run (no DOM: it comes without `addHook` and says it
// is not supported), loading the sanitizer must not fail: card HTML is
// escaped instead. A CI run once ended on "DOMPurify.addHook is not a
// function" when the sanitizer finished loading after a test page was torn down.
import { expect, it, vi } from 'vitest';

it('escapes instead of failing when DOMPurify has no DOM to work with', async () => {
  vi.resetModules();
  vi.doMock('dompurify', () => ({ default: { isSupported: false, sanitize: (html: string) => html } }));
  const { loadSanitizer } = await import('../../src/ui/markdown');
  const sanitize = await loadSanitizer();
  expect(sanitize('<img src=x onerror=alert(1)>')).toBe('&#60;img src=x onerror=alert(1)&#62;');
  vi.doUnmock('dompurify');
});
