/**
 * A note as the editor holds it while the user types (every field a
 * string, tags as typed), what is wrong with it (codes, worded by the UI),
 * and the note content it saves as. Pure.
 */
import { hasMalformedCloze, parseClozes } from './cloze';
import { hasUnclosedCloze } from './importers/text';
import { hasVisibleText } from './visibleText';
import type { NoteContent, NoteRecord, NoteType } from './types';

export interface NoteDraft {
  type: NoteType;
  front: string;
  back: string;
  /** Cloze notes: the text with `{{cN::...}}`. */
  text: string;
  extra: string;
  /** Tags as typed, separated by spaces or commas. */
  tags: string;
}

export type NoteDraftProblem = 'front-empty' | 'back-empty' | 'cloze-text-empty' | 'cloze-malformed' | 'cloze-missing';

export const EMPTY_DRAFT: NoteDraft = { type: 'basic', front: '', back: '', text: '', extra: '', tags: '' };

/**
 * The draft of a stored note.
 *
 * @example
 * draftOf({ type: 'cloze', text: '{{c1::Paris}}', tags: ['geo'], ... }); // { type: 'cloze', text: '{{c1::Paris}}', front: '', back: '', extra: '', tags: 'geo' }
 */
export function draftOf(note: NoteContent & Pick<NoteRecord, 'tags'>): NoteDraft {
  const tags = note.tags.join(' ');
  if (note.type === 'cloze') return { ...EMPTY_DRAFT, type: 'cloze', text: note.text, extra: note.extra ?? '', tags };
  return { ...EMPTY_DRAFT, type: note.type, front: note.front, back: note.back, tags };
}

/** Tags from what was typed: split on spaces and commas, blanks dropped, each once. */
export function tagsOfDraft(draft: Pick<NoteDraft, 'tags'>): string[] {
  return [...new Set(draft.tags.split(/[\s,]+/).filter(hasVisibleText))];
}

/**
 * What keeps a draft from being saved, first problem first (empty list: it can be saved).
 *
 * @example
 * draftProblems({ ...EMPTY_DRAFT, type: 'cloze', text: 'Paris is in France' }); // ['cloze-missing']
 */
export function draftProblems(draft: NoteDraft): NoteDraftProblem[] {
  if (draft.type === 'cloze') {
    if (!hasVisibleText(draft.text)) return ['cloze-text-empty'];
    if (hasUnclosedCloze(draft.text) || hasMalformedCloze(draft.text)) return ['cloze-malformed'];
    if (!parseClozes(draft.text).some((span) => hasVisibleText(span.answer))) return ['cloze-missing'];
    return [];
  }
  const problems: NoteDraftProblem[] = [];
  if (!hasVisibleText(draft.front)) problems.push('front-empty');
  if (!hasVisibleText(draft.back)) problems.push('back-empty');
  return problems;
}

/** The content a draft saves as (fields trimmed; a cloze's extra only when it shows something). */
export function contentOfDraft(draft: NoteDraft): NoteContent {
  if (draft.type === 'cloze') {
    const extra = draft.extra.trim();
    return hasVisibleText(extra) ? { type: 'cloze', text: draft.text.trim(), extra } : { type: 'cloze', text: draft.text.trim() };
  }
  return { type: draft.type, front: draft.front.trim(), back: draft.back.trim() };
}
