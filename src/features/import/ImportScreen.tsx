import { useEffect, useId, useState, type DragEvent } from 'react';
import { FileButton } from '../../ui/FileButton';
import { ScreenHeader } from '../../ui/ScreenHeader';
import { CardView } from '../../ui/CardView';
import { useScreenT, useT, type ScreenTranslate, type Translator } from '../../ui/i18n';
import { IMPORT_MESSAGES, type ImportMessageKey } from '../../ui/i18n/screens/import';
import type { CardContent } from '../../domain/types';
import { storageErrorMessage } from '../../ui/storageErrorMessage';
import { bytesFormatter } from '../../ui/sizes';
import { listDecks, StorageError } from '../../storage';
import { navigate, studyPath } from '../../ui/router';
import { importAccept, type ImportMessage, type PackageSummary } from '../../domain/importers';
import {
  buildPreview,
  confirmImport,
  FileTooLargeError,
  parseFileBytes,
  proposedDeckNames,
  readFileBytes,
  type ConflictChoice,
  type DeckPreview,
  type ImportPreview,
} from './importFlow';
import { importMessageText, unknownSectionText } from './importMessages';
import { ParseTimeoutError } from './parseInWorker';

type Stage =
  | { name: 'idle' }
  | { name: 'working'; step: 'reading' | 'parsing' | 'writing'; progress: number }
  | { name: 'mapping'; file: File; columnCount: number; sampleRows: string[][] }
  | { name: 'preview'; preview: ImportPreview; names: string[] }
  | { name: 'done'; count: number; deckName: string; deckIds: string[]; media: number; answers: number };

interface LaunchParams {
  files: readonly { getFile: () => Promise<File> }[];
}
declare global {
  interface Window {
    launchQueue?: { setConsumer: (consumer: (params: LaunchParams) => void) => void };
  }
}

/** Import: pick or drop a file, see a preview with every problem, then confirm with "Import". */
export default function ImportScreen() {
  const { t, language } = useT();
  const ti = useScreenT(IMPORT_MESSAGES);
  const [stage, setStage] = useState<Stage>({ name: 'idle' });
  const [failure, setFailure] = useState<string | null>(null);
  const [isDragging, setIsDragging] = useState(false);
  const inputId = useId();

  async function handleFile(file: File, columnMapping?: { front: number; back: number; tags?: number }) {
    setFailure(null);
    try {
      setStage({ name: 'working', step: 'reading', progress: 10 });
      const bytes = await readFileBytes(file);
      setStage({ name: 'working', step: 'parsing', progress: 40 });
      const parse = await parseFileBytes(bytes, file.name, columnMapping ? { columnMapping, language } : { language });
      if (parse.needsColumnMapping && !columnMapping) {
        setStage({ name: 'mapping', file, ...parse.needsColumnMapping });
        return;
      }
      setStage({ name: 'working', step: 'parsing', progress: 70 });
      const preview = await buildPreview(parse, file.name);
      setStage({ name: 'preview', preview, names: await proposedDeckNames(preview) });
    } catch (error) {
      setStage({ name: 'idle' });
      setFailure(
        error instanceof FileTooLargeError
          ? importMessageText(error.problem, ti)
          : error instanceof ParseTimeoutError
            ? ti('importTooSlow', { seconds: Math.round(error.limitMs / 1000) })
            : ti('importFailed', { reason: readFailureText(error, t, ti) }),
      );
    }
  }

  async function handleChoice(preview: ImportPreview, names: string[], choice: ConflictChoice) {
    setFailure(null);
    // The choice shows at once; the counts follow when the new preview is ready.
    setStage({ name: 'preview', preview: { ...preview, onConflict: choice }, names });
    try {
      const next = await buildPreview(preview.parse, preview.fileName, choice, names);
      // Names the user left as proposed follow the choice (an update keeps the deck's name, a separate deck gets its own).
      const storedNames = (await listDecks()).map((deck) => deck.name);
      const [before, after] = await Promise.all([proposedDeckNames(preview, storedNames), proposedDeckNames(next, storedNames)]);
      setStage({ name: 'preview', preview: next, names: names.map((name, index) => (name === before[index] ? (after[index] ?? name) : name)) });
    } catch (error) {
      setFailure(ti('importFailed', { reason: storageErrorMessage(error, t) }));
    }
  }

  async function handleConfirm(preview: ImportPreview, names: string[], withHistory: boolean) {
    setFailure(null);
    setStage({ name: 'working', step: 'writing', progress: 85 });
    try {
      const outcome = await confirmImport(preview, names, Date.now(), withHistory);
      const count = preview.decks.reduce((sum, deck) => sum + deck.merge.added + deck.merge.updated + deck.merge.unchanged, 0);
      setStage({
        name: 'done',
        count,
        deckName: names.join(', '),
        deckIds: outcome.decks.map((summary) => summary.deckId),
        media: outcome.media.added,
        answers: outcome.history.answers,
      });
    } catch (error) {
      setStage({ name: 'preview', preview, names });
      setFailure(ti('importFailed', { reason: storageErrorMessage(error, t) }));
    }
  }

  // Files opened with the installed app (manifest file_handlers) arrive here.
  useEffect(() => {
    window.launchQueue?.setConsumer((params) => {
      const handle = params.files[0];
      if (!handle) return;
      handle.getFile().then(
        (file) => handleFile(file),
        (error: unknown) => setFailure(ti('importFailed', { reason: readFailureText(error, t, ti) })),
      );
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  function onDrop(event: DragEvent<HTMLElement>) {
    event.preventDefault();
    setIsDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void handleFile(file);
  }

  return (
    <>
      <ScreenHeader title={ti('importTitle')} />
      <div className="import">
        {failure && (
          <p role="alert" className="banner error">
            {failure}
          </p>
        )}
        {(stage.name === 'idle' || stage.name === 'done') && (
          <section
            className={`drop-zone${isDragging ? ' dragging' : ''}`}
            onDragOver={(event) => {
              event.preventDefault();
              setIsDragging(true);
            }}
            onDragLeave={() => setIsDragging(false)}
            onDrop={onDrop}
            aria-labelledby={`${inputId}-label`}
          >
            <p className="muted">{ti('importIntro')}</p>
            <FileButton
              labelId={`${inputId}-label`}
              className="button primary wide"
              label={stage.name === 'done' ? ti('importAnother') : ti('chooseFile')}
              accept={importAccept}
              onFile={(file) => void handleFile(file)}
            />
            <p className="muted drop-hint">{ti('dropHere')}</p>
          </section>
        )}
        {stage.name === 'working' && (
          <div className="import-progress">
            <label htmlFor={`${inputId}-progress`}>
              {stage.step === 'reading' ? ti('readingFile') : stage.step === 'parsing' ? ti('parsingFile') : ti('writingCards')}
            </label>
            <progress id={`${inputId}-progress`} max={100} value={stage.progress} aria-label={ti('importProgress')} />
          </div>
        )}
        {stage.name === 'mapping' && (
          <ColumnMapping
            columnCount={stage.columnCount}
            sampleRows={stage.sampleRows}
            onCancel={() => setStage({ name: 'idle' })}
            onConfirm={(mapping) => void handleFile(stage.file, mapping)}
          />
        )}
        {stage.name === 'preview' && (
          <PreviewPanel
            preview={stage.preview}
            names={stage.names}
            onRename={(names) => setStage({ ...stage, names })}
            onChoice={(choice) => void handleChoice(stage.preview, stage.names, choice)}
            onCancel={() => setStage({ name: 'idle' })}
            onConfirm={(withHistory) => void handleConfirm(stage.preview, stage.names, withHistory)}
          />
        )}
        {stage.name === 'done' && (
          <div role="status" className="banner">
            <p>{ti('importDone', { count: stage.count, name: stage.deckName })}</p>
            {stage.media > 0 && <p>{ti('importDoneMedia', { count: stage.media })}</p>}
            {stage.answers > 0 && <p>{ti('importDoneHistory', { count: stage.answers })}</p>}
            <button type="button" className="button primary" onClick={() => navigate(studyPath(stage.deckIds))}>
              {ti('studyNow')}
            </button>
          </div>
        )}
      </div>
    </>
  );
}

function MessageList({ title, messages, isError }: { title: string; messages: ImportMessage[]; isError: boolean }) {
  const ti = useScreenT(IMPORT_MESSAGES);
  const titleId = useId();
  if (messages.length === 0) return null;
  return (
    <section className={isError ? 'messages errors' : 'messages'} role={isError ? 'alert' : undefined} aria-labelledby={titleId}>
      <h3 id={titleId}>{title}</h3>
      <ul>
        {messages.map((message, index) => (
          <li key={index}>{importMessageText(message, ti)}</li>
        ))}
      </ul>
    </section>
  );
}

function PreviewPanel({
  preview,
  names,
  onRename,
  onChoice,
  onCancel,
  onConfirm,
}: {
  preview: ImportPreview;
  names: string[];
  onRename: (names: string[]) => void;
  onChoice: (choice: ConflictChoice) => void;
  onCancel: () => void;
  /** `withHistory`: the user asked for a package's review history. */
  onConfirm: (withHistory: boolean) => void;
}) {
  const { t } = useT();
  const ti = useScreenT(IMPORT_MESSAGES);
  const baseId = useId();
  // Off by default: shared decks rarely carry history, and a stranger's would schedule your cards.
  const [withHistory, setWithHistory] = useState(false);
  const hasErrors = preview.errors.length > 0 || preview.decks.length === 0;
  const cardCount = preview.decks.reduce((sum, deck) => sum + deck.cardsByType.basic + deck.cardsByType.reversible + deck.cardsByType.cloze, 0);
  // Some rows left out: the button says how many cards go in and how many rows stay out.
  const importLabel =
    !hasErrors && preview.skippedCount > 0
      ? ti('importSkipButton', { cards: ti('importCardsCount', { count: cardCount }), skipped: preview.skippedCount })
      : ti('importButton');
  return (
    <section aria-labelledby={`${baseId}-title`} className="preview">
      <h2 id={`${baseId}-title`}>{ti('previewTitle')}</h2>
      {hasErrors && (
        <p role="alert" className="banner error">
          {ti('importBlockedByErrors')}
        </p>
      )}
      {preview.decks.map((deck, index) => (
        <div key={deck.file.deck.id} className="preview-deck">
          <div className="field">
            <label htmlFor={`${baseId}-name-${index}`}>{t('deckNameLabel')}</label>
            <input
              id={`${baseId}-name-${index}`}
              value={names[index] ?? ''}
              onChange={(event) => onRename(names.map((name, at) => (at === index ? event.target.value : name)))}
            />
          </div>
          <p>{ti('cardsByType', deck.cardsByType)}</p>
          <p>{ti('mergeCounts', { added: deck.merge.added, updated: deck.merge.updated, unchanged: deck.merge.unchanged })}</p>
          <SampleCards cards={deck.samples} />
          <DeckIdentity deck={deck} choice={preview.onConflict} onChoice={onChoice} />
        </div>
      ))}
      {preview.parse.package && !hasErrors && <PackageSummaryPanel summary={preview.parse.package} withHistory={withHistory} onHistory={setWithHistory} />}
      <MessageList title={ti('problemsTitle')} messages={preview.errors} isError />
      <MessageList title={ti('skippedTitle')} messages={preview.skipped} isError={false} />
      <MessageList title={ti('warningsTitle')} messages={preview.warnings} isError={false} />
      {preview.parse.unknownSections.length > 0 && (
        <section className="messages" aria-labelledby={`${baseId}-unknown`}>
          <h3 id={`${baseId}-unknown`}>{ti('unknownSectionsTitle')}</h3>
          <ul>
            {preview.parse.unknownSections.map((section, index) => (
              <li key={index}>{unknownSectionText(section, ti)}</li>
            ))}
          </ul>
        </section>
      )}
      <div className="button-row">
        <button type="button" className="button" onClick={onCancel}>
          {t('cancel')}
        </button>
        <button type="button" className="button primary" onClick={() => onConfirm(withHistory)} disabled={hasErrors}>
          {importLabel}
        </button>
      </div>
    </section>
  );
}

const NOTE_TYPE_KIND_KEYS = {
  basic: 'packageKindBasic',
  reversed: 'packageKindReversed',
  optionalReversed: 'packageKindOptionalReversed',
  cloze: 'packageKindCloze',
  custom: 'packageKindCustom',
} as const satisfies Record<PackageSummary['noteTypes'][number]['kind'], ImportMessageKey>;

/** What an Anki package holds: its note types and how they are read, its media, and the choice to bring its review history in. */
function PackageSummaryPanel({ summary, withHistory, onHistory }: { summary: PackageSummary; withHistory: boolean; onHistory: (withHistory: boolean) => void }) {
  const translator = useT();
  const ti = useScreenT(IMPORT_MESSAGES);
  const baseId = useId();
  const formatBytes = bytesFormatter(translator);
  return (
    <section className="package-summary" aria-labelledby={`${baseId}-title`}>
      <h3 id={`${baseId}-title`}>{ti('packageTitle')}</h3>
      <p className="muted">{ti('packageCollection', { file: summary.collection, version: summary.schemaVersion })}</p>
      <ul>
        {summary.noteTypes.map((noteType) => (
          <li key={noteType.name}>{ti('packageNoteType', { name: noteType.name, count: noteType.notes, kind: ti(NOTE_TYPE_KIND_KEYS[noteType.kind]) })}</li>
        ))}
      </ul>
      <p>{summary.mediaCount > 0 ? ti('packageMedia', { count: summary.mediaCount, size: formatBytes(summary.mediaBytes) }) : ti('packageMediaNone')}</p>
      {summary.audioCount > 0 && <p>{ti('packageAudio', { count: summary.audioCount })}</p>}
      {summary.reviewCount > 0 ? (
        <div className="field checkbox-field">
          <label htmlFor={`${baseId}-history`}>
            <input id={`${baseId}-history`} type="checkbox" checked={withHistory} onChange={(event) => onHistory(event.target.checked)} aria-describedby={`${baseId}-history-help`} />
            {ti('importHistoryLabel', { count: summary.reviewCount })}
          </label>
          <p id={`${baseId}-history-help`} className="muted">
            {ti('importHistoryHelp')}
          </p>
        </div>
      ) : (
        <p className="muted">{ti('packageNoHistory')}</p>
      )}
    </section>
  );
}

/** The first cards of each kind, question and answer as the review screen shows them. */
function SampleCards({ cards }: { cards: readonly CardContent[] }) {
  const ti = useScreenT(IMPORT_MESSAGES);
  const titleId = useId();
  if (cards.length === 0) return null;
  return (
    <section className="sample-cards" aria-labelledby={titleId}>
      <h3 id={titleId}>{ti('previewSamplesTitle')}</h3>
      <ol>
        {cards.map((card) => (
          <li key={card.id} aria-label={ti(SAMPLE_KIND_KEYS[card.template])}>
            <p className="sample-kind muted">{ti(SAMPLE_KIND_KEYS[card.template])}</p>
            <CardView card={card} isRevealed={card.template !== 'cloze'} isPreview />
            {card.template === 'cloze' && <CardView card={card} isRevealed isPreview />}
          </li>
        ))}
      </ol>
    </section>
  );
}

const SAMPLE_KIND_KEYS = {
  basic: 'sampleKindBasic',
  forward: 'sampleKindForward',
  reverse: 'sampleKindReverse',
  cloze: 'sampleKindCloze',
} as const satisfies Record<CardContent['template'], ImportMessageKey>;

/**
 * What the import would do to decks other than this one, in words: notes it
 * would move, a built-in deck it would change (with the choice: a separate
 * deck, the default, or update them), and ids or a name shared with other
 * decks, which stay apart.
 */
function DeckIdentity({ deck, choice, onChoice }: { deck: DeckPreview; choice: ConflictChoice; onChoice: (choice: ConflictChoice) => void }) {
  const ti = useScreenT(IMPORT_MESSAGES);
  const baseId = useId();
  const { conflicts } = deck.merge;
  const hasChoice = conflicts.movedNotes > 0 || conflicts.builtInChanges > 0;
  const notes: string[] = [];
  if (conflicts.sameIdsElsewhere > 0) notes.push(ti('importSameIdsElsewhere', { count: conflicts.sameIdsElsewhere, decks: quotedList(conflicts.sameIdsDecks) }));
  if (conflicts.builtInNameClash !== null) notes.push(ti('importBuiltInNameClash', { deck: conflicts.builtInNameClash }));
  if (!hasChoice && notes.length === 0) return null;
  return (
    <div className="deck-identity">
      {notes.map((note) => (
        <p key={note} className="muted">
          {note}
        </p>
      ))}
      {hasChoice && (
        <fieldset className="choice">
          <legend>
            {conflicts.movedNotes > 0 && ti('importWouldMove', { count: conflicts.movedNotes, decks: quotedList(conflicts.movedFrom) })}
            {conflicts.movedNotes > 0 && conflicts.builtInChanges > 0 && ' '}
            {conflicts.builtInChanges > 0 && ti('importWouldChangeBuiltIn', { count: conflicts.builtInChanges, deck: conflicts.builtInDeck ?? '' })}
          </legend>
          <label htmlFor={`${baseId}-separate`}>
            <input type="radio" id={`${baseId}-separate`} name={`${baseId}-choice`} checked={choice === 'separate'} onChange={() => onChoice('separate')} />
            {ti('importAsSeparateDeck')}
          </label>
          <label htmlFor={`${baseId}-update`}>
            <input type="radio" id={`${baseId}-update`} name={`${baseId}-choice`} checked={choice === 'update'} onChange={() => onChoice('update')} />
            {conflicts.movedNotes > 0 ? ti('importMoveThem') : ti('importUpdateBuiltIn')}
          </label>
        </fieldset>
      )}
    </div>
  );
}

/** “A”, “B” */
function quotedList(names: readonly string[]): string {
  return names.map((name) => `“${name}”`).join(', ');
}

function ColumnMapping({
  columnCount,
  sampleRows,
  onCancel,
  onConfirm,
}: {
  columnCount: number;
  sampleRows: string[][];
  onCancel: () => void;
  onConfirm: (mapping: { front: number; back: number; tags?: number }) => void;
}) {
  const { t } = useT();
  const ti = useScreenT(IMPORT_MESSAGES);
  const baseId = useId();
  const [front, setFront] = useState(0);
  const [back, setBack] = useState(1);
  const [tags, setTags] = useState(-1);
  const columns = Array.from({ length: columnCount }, (_, index) => index);
  const select = (label: string, value: number, onChange: (value: number) => void, allowNone: boolean) => (
    <div className="field">
      <label htmlFor={`${baseId}-${label}`}>{label}</label>
      <select id={`${baseId}-${label}`} value={value} onChange={(event) => onChange(Number(event.target.value))}>
        {allowNone && <option value={-1}>{ti('noColumn')}</option>}
        {columns.map((column) => (
          <option key={column} value={column}>
            {ti('columnN', { n: column + 1 })}
            {sampleRows[0]?.[column] ? ` — ${sampleRows[0][column].slice(0, 30)}` : ''}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <section aria-labelledby={`${baseId}-title`}>
      <h2 id={`${baseId}-title`}>{ti('columnMappingTitle')}</h2>
      <p>{ti('columnMappingHelp', { count: columnCount })}</p>
      {select(ti('frontColumn'), front, setFront, false)}
      {select(ti('backColumn'), back, setBack, false)}
      {select(ti('tagsColumn'), tags, setTags, true)}
      <div className="button-row">
        <button type="button" className="button" onClick={onCancel}>
          {t('cancel')}
        </button>
        <button
          type="button"
          className="button primary"
          disabled={front === back}
          onClick={() => onConfirm(tags >= 0 ? { front, back, tags } : { front, back })}
        >
          {ti('continue')}
        </button>
      </div>
    </section>
  );
}

/** Why a file could not be read or parsed, in words (never the browser's English message). */
function readFailureText(error: unknown, t: Translator['t'], ti: ScreenTranslate<typeof IMPORT_MESSAGES.en>): string {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'NotReadableError' || name === 'NotFoundError' || name === 'NotAllowedError') return ti('importFileUnreadable');
  if (error instanceof StorageError) return storageErrorMessage(error, t);
  return ti('importWorkerFailed');
}
