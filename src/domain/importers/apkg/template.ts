/**
 * Anki's card templates, read and rendered as Anki does (rslib
 * `template.rs`), for note types this app has no note kind for: `{{Field}}`,
 * `{{filter:Field}}` (filters nearest the field first), `{{#Field}}…{{/Field}}`
 * (shown when the field is not empty), `{{^Field}}…{{/Field}}` (when it is),
 * `{{FrontSide}}`, the special fields `{{Tags}}`, `{{Type}}`, `{{Deck}}`,
 * `{{Subdeck}}`, `{{Card}}`, `{{CardFlag}}`, and the legacy `{{=<% %>=}}`
 * delimiters. Filters: `cloze` (this card's cloze number), `type` (nothing
 * on the question, the field on the answer), `text` (HTML removed), `hint`
 * and any other (the field's text as it is). Linear in the template.
 */
import { renderCloze } from '../../cloze';
import { stripTags } from '../text';

export type TemplateNode =
  | { type: 'text'; text: string }
  | { type: 'field'; key: string; filters: string[] }
  | { type: 'section'; key: string; negated: boolean; children: TemplateNode[] };

const ALT_SYNTAX = '{{=<% %>=}}';

type Token = { type: 'text'; text: string } | { type: 'handle'; body: string };

/** Splits a template into text and `{{…}}` handles; comments (`<!-- … -->`) are text, handles inside them too. */
function tokenize(template: string): Token[] {
  let source = template;
  let open = '{{';
  let close = '}}';
  if (source.trimStart().startsWith(ALT_SYNTAX)) {
    source = source.trimStart().slice(ALT_SYNTAX.length);
    open = '<%';
    close = '%>';
  }
  const tokens: Token[] = [];
  let at = 0;
  let comment = source.indexOf('<!--');
  while (at < source.length) {
    const handle = source.indexOf(open, at);
    if (comment !== -1 && comment < at) comment = source.indexOf('<!--', at);
    if (comment !== -1 && (handle === -1 || comment < handle)) {
      const commentEnd = source.indexOf('-->', comment + 4);
      if (commentEnd !== -1) {
        tokens.push({ type: 'text', text: source.slice(at, commentEnd + 3) });
        at = commentEnd + 3;
        continue;
      }
      // Never closed: no later comment is closed either.
      comment = -1;
    }
    if (handle === -1) break;
    const end = source.indexOf(close, handle + open.length);
    if (end === -1) break;
    if (handle > at) tokens.push({ type: 'text', text: source.slice(at, handle) });
    tokens.push({ type: 'handle', body: source.slice(handle + open.length, end) });
    at = end + close.length;
  }
  if (at < source.length) tokens.push({ type: 'text', text: source.slice(at) });
  return tokens;
}

/**
 * A template as nodes, or null when its sections do not nest (a `{{/X}}`
 * that closes nothing or the wrong section, a section never closed): Anki
 * refuses such a template too.
 *
 * @example
 * parseTemplate('{{#Extra}}<i>{{Extra}}</i>{{/Extra}}');
 * // [{ type: 'section', key: 'Extra', negated: false, children: [{ type: 'text', text: '<i>' }, …] }]
 */
export function parseTemplate(template: string): TemplateNode[] | null {
  const root: TemplateNode[] = [];
  const stack: { key: string; children: TemplateNode[] }[] = [{ key: '', children: root }];
  for (const token of tokenize(template)) {
    const top = stack[stack.length - 1];
    if (!top) return null;
    if (token.type === 'text') {
      top.children.push({ type: 'text', text: token.text });
      continue;
    }
    const body = token.body.replace(/^\{+/, '').trim();
    const marker = body.length >= 2 ? body[0] : '';
    if (marker === '#' || marker === '^') {
      const section: TemplateNode = { type: 'section', key: body.slice(1).trim(), negated: marker === '^', children: [] };
      top.children.push(section);
      stack.push({ key: section.key, children: section.children });
    } else if (marker === '/') {
      if (stack.length < 2 || top.key !== body.slice(1).trim()) return null;
      stack.pop();
    } else {
      const parts = body.split(':');
      const key = parts.pop() ?? '';
      top.children.push({ type: 'field', key: key.trim(), filters: parts.reverse().map((filter) => filter.trim()) });
    }
  }
  return stack.length === 1 ? root : null;
}

/** Anki's empty field: only blanks and empty `<br>` / `<div>` tags. */
export function isFieldEmpty(text: string): boolean {
  return /^(?:\s|<\/?(?:br|div) ?\/?>)*$/i.test(text);
}

/** Text without HTML tags, common entities decoded (the `text` filter). */
export function stripHtml(html: string): string {
  return stripTags(html)
    .replace(/&nbsp;/gi, ' ')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&quot;/gi, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/gi, '&');
}

/** What a template is rendered with. */
export interface RenderContext {
  /** The note's fields by name. */
  fields: ReadonlyMap<string, string>;
  side: 'question' | 'answer';
  /** The card's ordinal in Anki (0-based): cloze number `cardOrd + 1`. */
  cardOrd: number;
  /** The rendered question, for `{{FrontSide}}` on the answer side. */
  frontSide: string;
  /** Values of Tags, Type, Deck, Subdeck, Card, CardFlag. */
  special: Readonly<Record<string, string>>;
}

function fieldValue(key: string, context: RenderContext): string | undefined {
  return context.fields.get(key) ?? context.special[key];
}

function applyFilters(value: string, filters: readonly string[], context: RenderContext): string {
  let text = value;
  for (const filter of filters) {
    if (filter === 'type') {
      if (context.side === 'question') return '';
    } else if (filter === 'cloze' || filter === 'cloze-only') {
      const rendered = renderCloze(text, context.cardOrd + 1);
      text = context.side === 'question' ? rendered.front : rendered.back;
    } else if (filter === 'text') {
      text = stripHtml(text);
    }
    // 'hint' and any filter this app does not know show the field as it is.
  }
  return text;
}

/**
 * Renders parsed template nodes for one card. Unknown fields render as
 * nothing (Anki shows an error there instead).
 *
 * @example
 * renderTemplate(parseTemplate('{{Front}}{{#Note}} ({{Note}}){{/Note}}') ?? [], { fields: new Map([['Front', 'Q'], ['Note', '']]), side: 'question', cardOrd: 0, frontSide: '', special: {} });
 * // 'Q'
 */
export function renderTemplate(nodes: readonly TemplateNode[], context: RenderContext): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text') out += node.text;
    else if (node.type === 'section') {
      const value = fieldValue(node.key, context) ?? '';
      if (isFieldEmpty(value) === node.negated) out += renderTemplate(node.children, context);
    } else if (node.key === 'FrontSide') {
      out += context.side === 'answer' ? context.frontSide : '';
    } else {
      const value = fieldValue(node.key, context);
      if (value !== undefined) out += applyFilters(value, node.filters, context);
    }
  }
  return out;
}

/**
 * True when a question template shows some field on a note with these
 * non-empty fields (Anki's `renders_with_fields`): text alone does not
 * make a card.
 */
export function templateRendersWith(nodes: readonly TemplateNode[], nonEmpty: ReadonlySet<string>): boolean {
  for (const node of nodes) {
    if (node.type === 'field') {
      if (nonEmpty.has(node.key)) return true;
    } else if (node.type === 'section') {
      if (node.negated ? nonEmpty.has(node.key) : !nonEmpty.has(node.key)) continue;
      if (templateRendersWith(node.children, nonEmpty)) return true;
    }
  }
  return false;
}
