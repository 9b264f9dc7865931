// Plain text skips marked (the first card of a cold start needs no parser):
// its HTML must be exactly what marked writes, and text that needs marked
// renders as nothing until marked has loaded, never as raw syntax.
import { seededRandom as rng } from '../../src/domain/ids';
import { Marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { loadBuiltInDecks } from '../../src/domain/builtInDecks';
import { expandDeckFile } from '../../src/domain/deckFormat';
import { loadMarkdownParser, onRendererLoaded, plainTextHtml, renderMarkdown } from '../../src/ui/markdown';

const reference = new Marked({ gfm: true, breaks: true, async: false });
const markedHtml = (markdown: string) => reference.parse(markdown) as string;


describe('text that needs marked', () => {
  // First in this file: marked has not been loaded yet.
  it('renders as nothing until marked has loaded, then as Markdown', async () => {
    let notified = 0;
    const stop = onRendererLoaded(() => (notified += 1));
    expect(renderMarkdown('**Situation:** context')).toBeNull();
    await loadMarkdownParser();
    stop();
    expect(notified).toBe(1);
    expect(renderMarkdown('**Situation:** context')).toBe('<p><strong>Situation:</strong> context</p>\n');
  });
});

describe('plain text', () => {
  it('is rendered without marked, exactly as marked writes it', () => {
    const samples = [
      'Tell me about a time you failed.',
      'What did you learn (and what would you do differently)?',
      'Line one\nline two',
      'Para one\n\nPara two\n\n\nPara three',
      '\nLeading and trailing blank lines\n\n',
      'He said "own it" and it\'s done #12',
      'Расскажите о своей неудаче. Что вы поняли?',
      '«Ошибка» — это опыт',
      'Ratio 3/4 costs $5 at 100%; done: yes!',
    ];
    for (const text of samples) {
      expect(plainTextHtml(text), text).not.toBeNull();
      expect(plainTextHtml(text), text).toBe(markedHtml(text));
    }
  });

  it('leaves every text with Markdown, HTML, entities or autolinks to marked', () => {
    const notPlain = [
      '**bold**', '_em_', '`code`', '- item', '* item', '+ item', '1. first', '2) second', '# Heading', '> quote',
      'Title\n===', 'Title\n---', '    indented code', 'a | b', '[link](x)', '![img](x)', '<b>x</b>', 'AT&T',
      'see https://example.org', 'www.example.org', 'mail me@example.org', 'escaped \\*', '~~gone~~', 'trailing  \nbreak',
      'tab\there', '---', '',
    ];
    for (const text of notPlain) if (text !== '') expect(plainTextHtml(text), text).toBeNull();
  });

  it('matches marked on 5,000 random texts wherever it takes the fast path', () => {
    const random = rng(20261128);
    const letters = [...'abcdefghxyzABCЖжé'];
    const alphabet = [...letters, ...letters, ...'      ', '\n', '\n', ...'.,;:?!()"\'#-+*_=`~[]<>&|\\@/%$019'];
    let fast = 0;
    for (let i = 0; i < 5000; i += 1) {
      const length = 1 + Math.floor(random() * 40);
      let text = '';
      for (let j = 0; j < length; j += 1) text += alphabet[Math.floor(random() * alphabet.length)];
      const html = plainTextHtml(text);
      if (html === null) continue;
      fast += 1;
      expect(html, JSON.stringify(text)).toBe(markedHtml(text));
    }
    expect(fast).toBeGreaterThan(200); // the check is not vacuous
  });

  it('matches marked on every built-in text it takes', async () => {
    const cards = (await loadBuiltInDecks()).flatMap(expandDeckFile);
    let plainFronts = 0;
    for (const card of cards) {
      for (const text of [card.front, card.back]) {
        const html = plainTextHtml(text);
        if (html !== null) expect(html, text).toBe(markedHtml(text));
      }
      if (plainTextHtml(card.front) !== null) plainFronts += 1;
    }
    expect(plainFronts).toBeGreaterThan(0); // the check is not vacuous
  });
});
