/**
 * How each Anki note type becomes this app's notes. Anki's stock types are
 * recognised by their templates (names are translated, templates are not):
 * Basic (`{{A}}` / `{{FrontSide}}<hr id=answer>{{B}}`) -> basic; Basic (and
 * reversed card) -> reversible; Basic (optional reversed card) -> reversible
 * when the note's third field is filled, else basic; the cloze kind ->
 * cloze. Anything else is 'custom': its templates are rendered per note
 * (`template.ts`). A type without templates, with templates that do not
 * nest, a cloze type without `{{cloze:…}}`, or an image occlusion type is
 * unreadable.
 */
import type { PackageSummary } from '../types';
import type { AnkiNoteType } from './collection';
import { parseTemplate, type TemplateNode } from './template';

export type NoteTypeKind = PackageSummary['noteTypes'][number]['kind'];

/** A readable note type and what its notes become; field numbers are indexes into the note's fields. */
export type NoteTypePlan =
  | { kind: 'basic' | 'reversed'; front: number; back: number }
  | { kind: 'optionalReversed'; front: number; back: number; addReverse: number }
  | { kind: 'cloze'; text: number }
  | { kind: 'custom'; templates: { ord: number; name: string; question: TemplateNode[]; answer: TemplateNode[] }[] };

/** Anki's `OriginalStockKind` for image occlusion: its cloze text is shapes, not words. */
const IMAGE_OCCLUSION = 6;

/** Nodes without the text between them that is only blank. */
function significant(nodes: readonly TemplateNode[]): TemplateNode[] {
  return nodes.filter((node) => node.type !== 'text' || node.text.trim() !== '');
}

/** The field a template consists of alone (`{{Front}}`), if that is all it is. */
function soleField(nodes: readonly TemplateNode[]): string | null {
  const [only, ...rest] = significant(nodes);
  return only?.type === 'field' && only.filters.length === 0 && rest.length === 0 && only.key !== 'FrontSide' ? only.key : null;
}

/** The field of an answer `{{FrontSide}} <hr id=answer> {{Back}}`, if the template is exactly that. */
function answerField(nodes: readonly TemplateNode[]): string | null {
  const [frontSide, rule, field, ...rest] = significant(nodes);
  if (frontSide?.type !== 'field' || frontSide.key !== 'FrontSide' || frontSide.filters.length > 0) return null;
  if (rule?.type !== 'text' || !/^\s*<hr id=(?:answer|"answer"|'answer')\s*\/?>\s*$/i.test(rule.text)) return null;
  if (field?.type !== 'field' || field.filters.length > 0 || rest.length > 0) return null;
  return field.key;
}

/** `{{#C}}{{B}}{{/C}}`: the condition field and the field shown, if the template is exactly that. */
function optionalField(nodes: readonly TemplateNode[]): { condition: string; field: string } | null {
  const [section, ...rest] = significant(nodes);
  if (section?.type !== 'section' || section.negated || rest.length > 0) return null;
  const field = soleField(section.children);
  return field === null ? null : { condition: section.key, field };
}

/** The field of the first `{{cloze:X}}` in the nodes, searching inside sections too. */
function clozeField(nodes: readonly TemplateNode[]): string | null {
  for (const node of nodes) {
    if (node.type === 'field' && node.filters.includes('cloze')) return node.key;
    if (node.type === 'section') {
      const inner = clozeField(node.children);
      if (inner !== null) return inner;
    }
  }
  return null;
}

/**
 * What a note type's notes become, or null when it is unreadable.
 *
 * @example
 * planNoteType({ fields: ['Front', 'Back'], templates: [{ qfmt: '{{Front}}', afmt: '{{FrontSide}}<hr id=answer>{{Back}}', … }], … });
 * // { kind: 'basic', front: 0, back: 1 }
 */
export function planNoteType(noteType: AnkiNoteType): NoteTypePlan | null {
  if (noteType.isUnreadable || noteType.templates.length === 0 || noteType.originalStockKind === IMAGE_OCCLUSION) return null;
  const parsed: { ord: number; name: string; question: TemplateNode[]; answer: TemplateNode[] }[] = [];
  for (const template of noteType.templates) {
    const question = parseTemplate(template.qfmt);
    const answer = parseTemplate(template.afmt);
    if (!question || !answer) return null;
    parsed.push({ ord: template.ord, name: template.name, question, answer });
  }
  const index = (name: string | null): number => (name === null ? -1 : noteType.fields.indexOf(name));
  if (noteType.isCloze) {
    const text = index(clozeField(parsed[0]?.question ?? []));
    return text === -1 ? null : { kind: 'cloze', text };
  }
  const [first, second] = parsed;
  if (first && parsed.length <= 2) {
    const front = index(soleField(first.question));
    const back = index(answerField(first.answer));
    if (front !== -1 && back !== -1 && front !== back) {
      if (!second) return { kind: 'basic', front, back };
      const reverseAnswer = index(answerField(second.answer));
      if (reverseAnswer === front && index(soleField(second.question)) === back) return { kind: 'reversed', front, back };
      const optional = optionalField(second.question);
      const addReverse = index(optional?.condition ?? null);
      if (reverseAnswer === front && optional && index(optional.field) === back && addReverse !== -1 && addReverse !== front && addReverse !== back) {
        return { kind: 'optionalReversed', front, back, addReverse };
      }
    }
  }
  return { kind: 'custom', templates: parsed };
}
