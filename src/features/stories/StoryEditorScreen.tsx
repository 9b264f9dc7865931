/**
 * The story editor: a story's title, its STAR parts, the result in numbers,
 * the lesson and the short version (Markdown, previewed as on cards), the
 * signals it shows (the decks' lists and the user's own), tags, and the
 * questions it answers (a searchable picker over the decks' questions).
 * Saving writes the story and its study note together (`saveStory`); a
 * failed save says why and keeps every field as typed.
 */
import './stories.css';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { emptyStory, STAR_PARTS, storyProblems, type StoryContent, type StoryRecord } from '../../domain/stories';
import { STORE } from '../../storage';
import { getStory, linkedQuestions, loadQuestions, saveStory, type QuestionInfo } from '../../storage/stories';
import { useScreenT, useT } from '../../ui/i18n';
import { STORIES_MESSAGES, type StoriesMessageKey } from '../../ui/i18n/screens/stories';
import { Link } from '../../ui/Link';
import { navigate } from '../../ui/navigation';
import { storyPath, STORIES_PATH } from '../../ui/paths';
import { SaveFailure } from '../../ui/SaveFailure';
import { ScreenHeader } from '../../ui/ScreenHeader';
import { storageErrorMessage } from '../../ui/storageErrorMessage';
import { useSave } from '../../ui/useSave';
import { StoryBody } from './StoryBody';
import { PART_HELP_KEYS, PART_KEYS, PROBLEM_KEYS, storyWording } from './storyWording';
import { useStoryRead } from './useStoryRead';

/** How many questions the picker lists at once (the search narrows the rest). */
const MAX_LISTED = 40;
const QUESTION_TABLES = [STORE.notes, STORE.decks] as const;

/** The editable part of a stored story. */
function contentOf(story: StoryRecord): StoryContent {
  const { title, situation, task, action, result, resultNumbers, learned, short, signals, tags, noteIds } = story;
  return { title, situation, task, action, result, resultNumbers, learned, short, signals: [...signals], tags: [...tags], noteIds: [...noteIds] };
}

function tagsOfText(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter((tag) => tag !== ''))];
}

/** Whether every word of `query` is in the question's line or its deck's name (case-insensitive). */
function matchesQuery(question: QuestionInfo, words: readonly string[]): boolean {
  const haystack = `${question.line} ${question.deckName}`.toLocaleLowerCase();
  return words.every((word) => haystack.includes(word));
}

interface Loaded {
  draft: StoryContent;
  /** The questions the story links when it was opened (names for links outside the picker's list). */
  linked: QuestionInfo[];
}

export default function StoryEditorScreen({ storyId, forNoteId }: { storyId: string | null; forNoteId: string | null }) {
  const { t } = useT();
  const ts = useScreenT(STORIES_MESSAGES);
  // undefined while loading, null when the story does not exist.
  const [loaded, setLoaded] = useState<Loaded | null | undefined>(undefined);
  const [loadError, setLoadError] = useState<unknown>(null);

  useEffect(() => {
    let isCurrent = true;
    (async () => {
      const story = storyId === null ? null : await getStory(storyId);
      if (storyId !== null && story === null) return null;
      const draft = story ? contentOf(story) : { ...emptyStory(), noteIds: forNoteId === null ? [] : [forNoteId] };
      return { draft, linked: await linkedQuestions(draft) };
    })().then(
      (result) => isCurrent && setLoaded(result),
      (error: unknown) => isCurrent && setLoadError(error),
    );
    return () => {
      isCurrent = false;
    };
  }, [storyId, forNoteId]);

  const title = ts(storyId === null ? 'storyNewTitle' : 'storyEditTitle');
  return (
    <div className="story-editor-screen">
      <ScreenHeader title={title} />
      {loadError !== null && (
        <p role="alert" className="banner error">
          {ts('storiesReadFailed', { reason: storageErrorMessage(loadError, t) })}
        </p>
      )}
      {loaded === undefined && loadError === null && <p className="muted">{t('loadingScreen')}</p>}
      {loaded === null && (
        <div className="empty-state">
          <p>{ts('storyNotFound')}</p>
          <Link href={STORIES_PATH} className="button primary">
            {ts('storyBackToList')}
          </Link>
        </div>
      )}
      {loaded && <StoryForm storyId={storyId} initial={loaded} />}
    </div>
  );
}

function StoryForm({ storyId, initial }: { storyId: string | null; initial: Loaded }) {
  const ts = useScreenT(STORIES_MESSAGES);
  const baseId = useId();
  const saver = useSave();
  const [draft, setDraft] = useState<StoryContent>(initial.draft);
  const [tagsText, setTagsText] = useState(initial.draft.tags.join(' '));
  const [ownSignal, setOwnSignal] = useState('');
  const [hasTried, setHasTried] = useState(false);
  const [isSaving, setIsSaving] = useState(false);
  const [isPreviewOpen, setIsPreviewOpen] = useState(false);
  const problemsRef = useRef<HTMLDivElement>(null);
  const questions = useStoryRead(loadQuestions, 'questions', QUESTION_TABLES);

  const candidate: StoryContent = { ...draft, tags: tagsOfText(tagsText) };
  const problems = storyProblems(candidate);
  const set = (patch: Partial<StoryContent>) => setDraft((current) => ({ ...current, ...patch }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setHasTried(true);
    if (problems.length > 0) {
      requestAnimationFrame(() => problemsRef.current?.focus());
      return;
    }
    setIsSaving(true);
    const result: { story?: StoryRecord } = {};
    const isSaved = await saver.save(async () => {
      result.story = await saveStory(storyId, candidate, storyWording(ts), Date.now());
    });
    setIsSaving(false);
    if (isSaved && result.story) navigate(storyPath(result.story.id), { replace: true });
  }

  const textField = (name: Exclude<keyof StoryContent, 'signals' | 'tags' | 'noteIds' | 'title'>, label: StoriesMessageKey, help: StoriesMessageKey | null, rows: number) => (
    <div className="field">
      <label htmlFor={`${baseId}-${name}`}>{ts(label)}</label>
      {help && (
        <p className="help" id={`${baseId}-${name}-help`}>
          {ts(help)}
        </p>
      )}
      <textarea
        id={`${baseId}-${name}`}
        rows={rows}
        value={draft[name]}
        onChange={(event) => set({ [name]: event.target.value })}
        {...(help ? { 'aria-describedby': `${baseId}-${name}-help` } : {})}
      />
    </div>
  );

  return (
    <form className="story-editor" onSubmit={(event) => void submit(event)} noValidate>
      {hasTried && problems.length > 0 && (
        <div className="banner error story-problems" role="alert" tabIndex={-1} ref={problemsRef}>
          <p>{ts('storyProblemsTitle')}</p>
          <ul>
            {problems.map((problem) => (
              <li key={problem}>{ts(PROBLEM_KEYS[problem])}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${baseId}-title`}>{ts('storyTitleLabel')}</label>
        <p className="help" id={`${baseId}-title-help`}>
          {ts('storyTitleHelp')}
        </p>
        <input
          id={`${baseId}-title`}
          type="text"
          value={draft.title}
          onChange={(event) => set({ title: event.target.value })}
          aria-describedby={`${baseId}-title-help`}
          aria-invalid={hasTried && (problems.includes('no-title') || problems.includes('title-too-long'))}
          autoComplete="off"
        />
      </div>
      <p className="help">{ts('storyMarkdownHelp')}</p>
      {STAR_PARTS.map((part) => (
        <div key={part}>{textField(part, PART_KEYS[part], PART_HELP_KEYS[part], part === 'action' ? 6 : 4)}</div>
      ))}
      {textField('resultNumbers', 'storyNumbers', 'storyNumbersHelp', 2)}
      {textField('learned', 'storyLearned', null, 3)}
      {textField('short', 'storyShort', 'storyShortHelp', 4)}

      <SignalsField
        signals={draft.signals}
        listed={questions.value?.signals ?? []}
        onChange={(signals) => set({ signals })}
        ownSignal={ownSignal}
        onOwnSignalChange={setOwnSignal}
      />

      <div className="field">
        <label htmlFor={`${baseId}-tags`}>{ts('storyTagsLabel')}</label>
        <input id={`${baseId}-tags`} type="text" value={tagsText} onChange={(event) => setTagsText(event.target.value)} autoComplete="off" />
      </div>

      <QuestionPicker noteIds={draft.noteIds} initiallyLinked={initial.linked} questions={questions} onChange={(noteIds) => set({ noteIds })} />

      <details className="story-preview" onToggle={(event) => setIsPreviewOpen(event.currentTarget.open)}>
        <summary>{ts('storyPreview')}</summary>
        {isPreviewOpen && (
          <div className="card">
            {draft.title.trim() !== '' && <p className="story-preview-title">{draft.title}</p>}
            <StoryBody story={draft} />
          </div>
        )}
      </details>

      <SaveFailure saver={saver} />
      <div className="button-row">
        <Link href={storyId === null ? STORIES_PATH : storyPath(storyId)} className="button">
          {ts('storyCancel')}
        </Link>
        <button type="submit" className="button primary" disabled={isSaving}>
          {ts(isSaving ? 'storySaving' : 'storySave')}
        </button>
      </div>
    </form>
  );
}

/** The signals: the decks' list and the story's own ones as checkboxes, and a field to add one. */
function SignalsField({
  signals,
  listed,
  onChange,
  ownSignal,
  onOwnSignalChange,
}: {
  signals: string[];
  listed: readonly string[];
  onChange: (signals: string[]) => void;
  ownSignal: string;
  onOwnSignalChange: (text: string) => void;
}) {
  const ts = useScreenT(STORIES_MESSAGES);
  const baseId = useId();
  const keyOf = (signal: string) => signal.trim().toLocaleLowerCase();
  const chosen = new Set(signals.map(keyOf));
  const listedKeys = new Set(listed.map(keyOf));
  const all = [...listed, ...signals.filter((signal) => !listedKeys.has(keyOf(signal)))];

  function toggle(signal: string, isOn: boolean) {
    onChange(isOn ? [...signals, signal] : signals.filter((named) => keyOf(named) !== keyOf(signal)));
  }
  function addOwn() {
    const signal = ownSignal.trim();
    if (signal === '') return;
    if (!chosen.has(keyOf(signal))) onChange([...signals, signal]);
    onOwnSignalChange('');
  }
  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    addOwn();
  }

  return (
    <fieldset className="story-fieldset">
      <legend>{ts('storySignalsLegend')}</legend>
      <p className="help">{ts('storySignalsHelp')}</p>
      {all.length > 0 && (
        <ul className="story-checks">
          {all.map((signal, index) => (
            <li key={keyOf(signal)} className="field checkbox-field compact">
              <label htmlFor={`${baseId}-signal-${index}`}>
                <input id={`${baseId}-signal-${index}`} type="checkbox" checked={chosen.has(keyOf(signal))} onChange={(event) => toggle(signal, event.target.checked)} />
                {signal}
              </label>
            </li>
          ))}
        </ul>
      )}
      <div className="story-add-row">
        <div className="field compact">
          <label htmlFor={`${baseId}-own`}>{ts('storyOwnSignal')}</label>
          <input id={`${baseId}-own`} type="text" value={ownSignal} onChange={(event) => onOwnSignalChange(event.target.value)} onKeyDown={onKeyDown} autoComplete="off" />
        </div>
        <button type="button" className="button" onClick={addOwn}>
          {ts('storyAddSignal')}
        </button>
      </div>
    </fieldset>
  );
}

/** The questions the story answers: the linked ones (removable), and a search over the decks' questions grouped by deck. */
function QuestionPicker({
  noteIds,
  initiallyLinked,
  questions,
  onChange,
}: {
  noteIds: string[];
  initiallyLinked: readonly QuestionInfo[];
  questions: { value: { questions: QuestionInfo[] } | undefined; error: unknown };
  onChange: (noteIds: string[]) => void;
}) {
  const { t } = useT();
  const ts = useScreenT(STORIES_MESSAGES);
  const baseId = useId();
  const [query, setQuery] = useState('');
  const all = questions.value?.questions;
  const known = useMemo(() => new Map([...initiallyLinked, ...(all ?? [])].map((question) => [question.noteId, question])), [initiallyLinked, all]);
  const linked = noteIds.flatMap((noteId) => {
    const question = known.get(noteId);
    return question ? [question] : [];
  });
  const words = query.trim().toLocaleLowerCase().split(/\s+/).filter((word) => word !== '');
  const matching = (all ?? []).filter((question) => matchesQuery(question, words));
  const listed = matching.slice(0, MAX_LISTED);
  const groups: { deckId: string; deckName: string; questions: QuestionInfo[] }[] = [];
  for (const question of listed) {
    const group = groups.at(-1);
    if (group?.deckId === question.deckId) group.questions.push(question);
    else groups.push({ deckId: question.deckId, deckName: question.deckName, questions: [question] });
  }

  const toggle = (noteId: string, isOn: boolean) => onChange(isOn ? [...noteIds, noteId] : noteIds.filter((id) => id !== noteId));

  return (
    <fieldset className="story-fieldset">
      <legend>{ts('storyQuestionsLegend')}</legend>
      {linked.length === 0 ? (
        <p className="muted">{ts('storyLinkedNone')}</p>
      ) : (
        <ul className="story-linked">
          {linked.map((question) => (
            <li key={question.noteId}>
              <span className="story-linked-text">
                {question.line}
                <span className="story-deck-name">{question.deckName}</span>
              </span>
              <button type="button" className="button" aria-label={ts('storyUnlinkLabel', { question: question.line })} onClick={() => toggle(question.noteId, false)}>
                {ts('storyUnlink')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {questions.error !== null && (
        <p role="alert" className="banner error">
          {ts('storiesReadFailed', { reason: storageErrorMessage(questions.error, t) })}
        </p>
      )}
      {all && all.length === 0 && <p className="muted">{ts('storyQuestionsNone')}</p>}
      {all && all.length > 0 && (
        <>
          <div className="field">
            <label htmlFor={`${baseId}-search`}>{ts('storyQuestionSearch')}</label>
            <input id={`${baseId}-search`} type="search" value={query} placeholder={ts('storyQuestionSearchHint')} onChange={(event) => setQuery(event.target.value)} />
          </div>
          {matching.length === 0 && <p className="muted">{ts('storyQuestionsNoMatch')}</p>}
          {groups.map((group, groupIndex) => (
            <fieldset key={`${group.deckId}-${groupIndex}`} className="story-deck-group">
              <legend>{group.deckName}</legend>
              <ul className="story-checks">
                {group.questions.map((question) => (
                  <li key={question.noteId} className="field checkbox-field compact">
                    <label htmlFor={`${baseId}-q-${question.noteId}`}>
                      <input
                        id={`${baseId}-q-${question.noteId}`}
                        type="checkbox"
                        checked={noteIds.includes(question.noteId)}
                        onChange={(event) => toggle(question.noteId, event.target.checked)}
                      />
                      {question.line}
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
          ))}
          {matching.length > listed.length && <p className="muted">{ts('storyQuestionsMore', { count: matching.length - listed.length })}</p>}
        </>
      )}
    </fieldset>
  );
}
