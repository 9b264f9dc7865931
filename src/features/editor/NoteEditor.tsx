import { useId, useMemo, useState, type FormEvent } from 'react';
import { contentOfDraft, draftProblems, tagsOfDraft, type NoteDraft, type NoteDraftProblem } from '../../domain/noteDraft';
import { expandNote } from '../../domain/notes';
import type { NoteType } from '../../domain/types';
import { CardView } from '../../ui/CardView';
import { useScreenT } from '../../ui/i18n';
import { BROWSE_MESSAGES, type BrowseMessageKey } from '../../ui/i18n/screens/browse';

const TYPE_KEYS = { basic: 'noteTypeBasic', reversible: 'noteTypeReversible', cloze: 'noteTypeCloze' } as const satisfies Record<NoteType, BrowseMessageKey>;
const PROBLEM_KEYS = {
  'front-empty': 'draftFrontEmpty',
  'back-empty': 'draftBackEmpty',
  'cloze-text-empty': 'draftClozeTextEmpty',
  'cloze-malformed': 'draftClozeMalformed',
  'cloze-missing': 'draftClozeMissing',
} as const satisfies Record<NoteDraftProblem, BrowseMessageKey>;

/**
 * The note form: its type, fields and tags, with a live preview of the
 * cards it makes (rendered as review renders them). The draft is the
 * caller's (so "Add" can keep the type for the next note); problems show
 * once the user tries to save.
 */
export function NoteEditor({
  draft,
  onChange,
  onSubmit,
  submitLabel,
  isSaving,
  children,
}: {
  draft: NoteDraft;
  onChange: (draft: NoteDraft) => void;
  onSubmit: () => void;
  submitLabel: string;
  isSaving: boolean;
  /** Fields before the note's own (e.g. the deck to add to). */
  children?: React.ReactNode;
}) {
  const tb = useScreenT(BROWSE_MESSAGES);
  const baseId = useId();
  const [hasTried, setHasTried] = useState(false);
  const problems = draftProblems(draft);
  const set = (patch: Partial<NoteDraft>) => onChange({ ...draft, ...patch });

  function submit(event: FormEvent) {
    event.preventDefault();
    setHasTried(true);
    if (problems.length === 0) onSubmit();
  }

  const field = (name: 'front' | 'back' | 'text' | 'extra', label: BrowseMessageKey, rows: number) => (
    <div className="field">
      <label htmlFor={`${baseId}-${name}`}>{tb(label)}</label>
      <textarea
        id={`${baseId}-${name}`}
        rows={rows}
        value={draft[name]}
        onChange={(event) => set({ [name]: event.target.value })}
        aria-invalid={hasTried && problems.some((problem) => problemField(problem) === name)}
      />
    </div>
  );

  return (
    <form className="note-editor" onSubmit={submit} noValidate>
      {children}
      <div className="field">
        <label htmlFor={`${baseId}-type`}>{tb('noteTypeLabel')}</label>
        <select id={`${baseId}-type`} value={draft.type} onChange={(event) => set({ type: event.target.value as NoteType })}>
          {(Object.keys(TYPE_KEYS) as NoteType[]).map((type) => (
            <option key={type} value={type}>
              {tb(TYPE_KEYS[type])}
            </option>
          ))}
        </select>
      </div>
      {draft.type === 'cloze' ? (
        <>
          {field('text', 'noteTextLabel', 4)}
          {field('extra', 'noteExtraLabel', 2)}
        </>
      ) : (
        <>
          {field('front', 'noteFrontLabel', 3)}
          {field('back', 'noteBackLabel', 4)}
        </>
      )}
      <div className="field">
        <label htmlFor={`${baseId}-tags`}>{tb('noteTagsLabel')}</label>
        <input id={`${baseId}-tags`} value={draft.tags} onChange={(event) => set({ tags: event.target.value })} autoCapitalize="none" />
      </div>
      {hasTried && problems.length > 0 && (
        <ul role="alert" className="banner error">
          {problems.map((problem) => (
            <li key={problem}>{tb(PROBLEM_KEYS[problem])}</li>
          ))}
        </ul>
      )}
      <div className="button-row">
        <button type="submit" className="button primary" disabled={isSaving}>
          {submitLabel}
        </button>
      </div>
      <DraftPreview draft={draft} />
    </form>
  );
}

function problemField(problem: NoteDraftProblem): string {
  if (problem === 'front-empty') return 'front';
  if (problem === 'back-empty') return 'back';
  return 'text';
}

/** The cards the draft would make, as review shows their answers (a cloze: question, then answer). */
function DraftPreview({ draft }: { draft: NoteDraft }) {
  const tb = useScreenT(BROWSE_MESSAGES);
  const titleId = useId();
  const cards = useMemo(() => {
    if (draftProblems(draft).length > 0) return [];
    return expandNote({ id: 'draft', deckId: 'draft', ...contentOfDraft(draft), tags: tagsOfDraft(draft) }, 0);
  }, [draft]);
  if (cards.length === 0) return null;
  return (
    <section className="sample-cards" aria-labelledby={titleId}>
      <h2 id={titleId}>{tb('notePreviewTitle')}</h2>
      <ol>
        {cards.map((card, index) => (
          <li key={card.id}>
            <p className="sample-kind muted">{tb('notePreviewCard', { number: index + 1, count: cards.length })}</p>
            <CardView card={card} isRevealed={card.template !== 'cloze'} isPreview />
            {card.template === 'cloze' && <CardView card={card} isRevealed isPreview />}
          </li>
        ))}
      </ol>
    </section>
  );
}
