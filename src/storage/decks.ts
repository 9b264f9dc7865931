/**
 * Decks, their notes and cards: installing the built-in decks, merging a
 * deck file (an import or a built-in update), and listing decks.
 *
 * Identity: a deck file's note ids count only within the deck it is
 * imported into; a global id (a built-in note's id, a `guid` from an Anki
 * file or this app's export) finds its note wherever it is. A file's deck
 * finds the stored deck it updates by the file's deck id (deck JSON) or the
 * name it gave the deck (formats whose ids come from names), never a
 * built-in deck by name. When an import would move notes out of other
 * decks, or change a built-in deck, it becomes a separate deck unless the
 * user chose to update (`MergeOptions.onConflict`); the preview says which
 * (`MergeConflicts`).
 *
 * A merge never loses review history: changed text is updated in place, new
 * cards are added as new, and cards a note no longer yields (a removed cloze
 * number; a built-in note gone from the file) are retired (queue -1), not
 * deleted.
 */
import Dexie from 'dexie';
import type { DeckFileV1, NoteInput } from '../domain/deckFormat';
import { createNewCardState, inQueue, queueForState } from '../domain/cardState';
import { expandNote, sameCardText, sameNoteContent } from '../domain/notes';
import {
  CardQueue,
  DEFAULT_OPTIONS_ID,
  type CardContent,
  type CardRecord,
  type DeckRecord,
  type NoteContent,
  type NoteOrigin,
  type NoteRecord,
} from '../domain/types';
import { versionRowsFor } from './countsCache';
import { getDatabase, INDEX, type FlashcardsDatabase } from './db';
import { guarded } from './errors';
import { newId } from './ids';
import { cardsOfNotes } from './noteCards';
import { notesReady } from './upgrade';

export interface MergeOptions {
  isBuiltIn: boolean;
  /** Retire cards of the deck's built-in notes that the file no longer has (built-in updates). */
  retireMissing: boolean;
  nowMs: number;
  /** Overrides the deck name from the file (import preview lets the user edit it). */
  deckName?: string;
  /** How the file's deck finds the stored deck it updates (`Importer.decksBy`); built-in decks: by id. */
  decksBy?: 'id' | 'name';
  /** Where the notes come from (imports: the format and file name). */
  origin?: NoteOrigin;
  /**
   * When the file would move notes out of other decks or change a built-in
   * deck: import it as a separate deck ('separate', the default), or update
   * those notes where the file puts them ('update').
   */
  onConflict?: 'separate' | 'update';
}

export interface MergeSummary {
  deckId: string;
  /** Cards. */
  added: number;
  updated: number;
  unchanged: number;
  retired: number;
}

/** What an import would do that the user must hear of before it happens (the preview says it in words). */
export interface MergeConflicts {
  /** Notes of this file (by their global id) that live in other decks: importing with 'update' moves them here with their history. */
  movedNotes: number;
  /** Names of the decks those notes are in now. */
  movedFrom: string[];
  /** The built-in deck this file would change (its name), with how many of its cards would be added or changed. */
  builtInDeck: string | null;
  builtInChanges: number;
  /** Notes whose file id other decks also use: they stay there; this file's notes are new notes of this deck. */
  sameIdsElsewhere: number;
  sameIdsDecks: string[];
  /** A built-in deck with the same name as this file's deck (it stays separate). */
  builtInNameClash: string | null;
  /** Whether the merge as previewed imports the file as a separate deck (the conflicts above were avoided). */
  separate: boolean;
}

export type MergePreview = Omit<MergeSummary, 'retired'> & { deckExists: boolean; conflicts: MergeConflicts };

/** A merge would leave this stored card as it is: same text, place and deck, and not retired. */
function isUnchanged(stored: CardRecord, incoming: CardContent): boolean {
  return (
    stored.deckId === incoming.deckId &&
    stored.queue !== CardQueue.Retired &&
    stored.noteId === incoming.noteId &&
    stored.position === incoming.position &&
    sameCardText(stored, incoming)
  );
}

// Prefix bounds: a key may not hold the same array (Dexie.maxKey is `[[]]`) twice, or IndexedDB throws DataError.
function deckRange(deckId: string): [unknown[], unknown[]] {
  return [
    [deckId, Dexie.minKey],
    [deckId, Dexie.maxKey],
  ];
}

/** Every note of a deck. */
function notesOfDeck(database: FlashcardsDatabase, deckId: string): Promise<NoteRecord[]> {
  return database.notes.where(INDEX.notesBySource).between(...deckRange(deckId), true, true).toArray();
}

/** Whether the user renamed the deck in the app: its name is no longer the one its file gave it. */
function isRenamedInApp(deck: DeckRecord): boolean {
  return deck.sourceName !== undefined && deck.name !== deck.sourceName;
}

/** The stored deck a file's deck updates, if any. */
function findTargetDeck(decks: readonly DeckRecord[], file: DeckFileV1, options: MergeOptions): DeckRecord | undefined {
  const { id, name } = file.deck;
  if (options.isBuiltIn) return decks.find((deck) => deck.id === id);
  if ((options.decksBy ?? 'id') === 'name') {
    // Decks made from names are found by the name their file gave them (version-1 decks: by their name).
    return decks.find((deck) => !deck.isBuiltIn && (deck.sourceName ?? deck.name) === name);
  }
  return decks.find((deck) => !deck.isBuiltIn && deck.sourceId === id) ?? decks.find((deck) => deck.id === id);
}

/** A deck id no stored deck has: the file's, or the file's with a short unique ending. */
function freeDeckId(decks: readonly DeckRecord[], wanted: string, nowMs: number): string {
  if (!decks.some((deck) => deck.id === wanted)) return wanted;
  return `${wanted}-${newId(nowMs).slice(-8).toLowerCase()}`;
}

/** One note of the file, matched to what is stored. */
interface ResolvedNote {
  input: NoteInput;
  /** The stored note it updates, if any. */
  stored: NoteRecord | undefined;
  /** The id the note has (or gets). */
  noteId: string;
}

/** Everything a merge will write, worked out without writing (the preview shows it). */
interface MergePlan {
  deck: DeckRecord;
  /** Every stored deck, as read for the plan. */
  decks: DeckRecord[];
  deckExists: boolean;
  notes: ResolvedNote[];
  conflicts: MergeConflicts;
}

/** Must run inside a transaction over decks, notes and cards (read-only is enough). */
async function planMerge(database: FlashcardsDatabase, file: DeckFileV1, options: MergeOptions): Promise<MergePlan> {
  const decks = await database.decks.toArray();
  const deckName = (id: string) => decks.find((deck) => deck.id === id)?.name ?? id;
  const target = findTargetDeck(decks, file, options);
  const deckId = target?.id ?? freeDeckId(decks, file.deck.id, options.nowMs);
  // Built-in notes' ids are global; an imported note is global only with a guid.
  const globalIds = file.cards.flatMap((note) => {
    const id = options.isBuiltIn ? note.id : note.guid;
    return id === undefined ? [] : [id];
  });
  // A new note keeps its file id as its id when no note has that id yet (readable, and the same on two devices that import the same file).
  const fileIds = options.isBuiltIn ? [] : file.cards.map((note) => note.id);
  // Which of those ids are stored, by key alone; only those notes are read (a first import of 10k guids would be 10k reads otherwise).
  const lookedUp = [...new Set([...globalIds, ...fileIds])];
  const storedIds = new Set(lookedUp.length > 0 ? await database.notes.where(':id').anyOf(lookedUp).primaryKeys() : []);
  const byGlobalId = new Map<string, NoteRecord>();
  const storedGlobalIds = globalIds.filter((id) => storedIds.has(id));
  if (storedGlobalIds.length > 0) {
    for (const note of await database.notes.bulkGet(storedGlobalIds)) if (note) byGlobalId.set(note.id, note);
  }
  const bySourceId = new Map<string, NoteRecord>();
  if (target) for (const note of await notesOfDeck(database, target.id)) bySourceId.set(note.sourceId, note);

  const conflicts: MergeConflicts = {
    movedNotes: 0,
    movedFrom: [],
    builtInDeck: null,
    builtInChanges: 0,
    sameIdsElsewhere: 0,
    sameIdsDecks: [],
    builtInNameClash: null,
    separate: false,
  };
  const movedFrom = new Set<string>();
  const taken = new Set<string>(fileIds.filter((id) => storedIds.has(id)));
  const notes: ResolvedNote[] = file.cards.map((input) => {
    const globalId = options.isBuiltIn ? input.id : input.guid;
    const global = globalId === undefined ? undefined : byGlobalId.get(globalId);
    if (global && global.deckId !== deckId) {
      conflicts.movedNotes += 1;
      movedFrom.add(deckName(global.deckId));
    }
    const stored = global ?? bySourceId.get(input.id);
    let noteId = stored?.id;
    if (noteId === undefined) {
      const free = (id: string | undefined): id is string => id !== undefined && !byGlobalId.has(id) && !taken.has(id);
      noteId = free(globalId) ? globalId : free(input.id) ? input.id : newId(options.nowMs);
    }
    taken.add(noteId);
    return { input, stored, noteId };
  });
  conflicts.movedFrom = [...movedFrom];

  // File ids that other decks' notes also have (those notes stay where they are).
  const unmatched = notes.filter((note) => note.stored === undefined && note.input.guid === undefined).map((note) => note.input.id);
  if (!options.isBuiltIn && unmatched.length > 0) {
    const elsewhere = await database.notes.where(INDEX.notesBySourceId).anyOf(unmatched).toArray();
    const others = elsewhere.filter((note) => note.deckId !== deckId);
    conflicts.sameIdsElsewhere = new Set(others.map((note) => note.sourceId)).size;
    conflicts.sameIdsDecks = [...new Set(others.map((note) => deckName(note.deckId)))];
  }
  const clash = decks.find((deck) => deck.isBuiltIn && deck.id !== deckId && deck.name.toLowerCase() === (options.deckName?.trim() || file.deck.name).toLowerCase());
  if (!options.isBuiltIn && clash) conflicts.builtInNameClash = clash.name;

  const deck: DeckRecord = {
    id: deckId,
    // A deck renamed in the app (`deckAdmin.ts` keeps the file's name in `sourceName`) keeps the user's name.
    name: options.deckName?.trim() || (target && isRenamedInApp(target) ? target.name : file.deck.name),
    description: file.deck.description,
    isBuiltIn: options.isBuiltIn || (target?.isBuiltIn ?? false),
    optionsId: target?.optionsId ?? DEFAULT_OPTIONS_ID,
    createdAt: target?.createdAt ?? options.nowMs,
    updatedAt: options.nowMs,
    ...(file.deck.group !== undefined ? { group: file.deck.group } : {}),
    ...(file.deck.contentVersion !== undefined ? { contentVersion: file.deck.contentVersion } : {}),
  };
  if (!deck.isBuiltIn) {
    deck.sourceId = target?.sourceId ?? file.deck.id;
    deck.sourceName = target?.sourceName ?? file.deck.name;
  }
  if (deck.isBuiltIn && target && isRenamedInApp(target)) deck.sourceName = target.sourceName;
  // Hidden by the user: an update of its file (a built-in update, a re-import) leaves it hidden.
  if (target?.isHidden) deck.isHidden = true;
  if (!options.isBuiltIn && target?.isBuiltIn) conflicts.builtInDeck = target.name;
  return { deck, decks, deckExists: target !== undefined, notes, conflicts };
}

/** The cards a plan writes, and its counts. */
interface CardWrites {
  notes: NoteRecord[];
  toAdd: CardRecord[];
  toPut: CardRecord[];
  summary: MergeSummary;
  /** Decks other than the target that lose cards (their counts change too). */
  otherDecks: Set<string>;
}

/**
 * The note records and card writes for one note: its cards from
 * `expandNote`, matched by card id to the note's stored cards. A stored
 * card that stays keeps its state (text, place and deck updated); a new
 * card starts new; a stored card the note no longer yields is retired with
 * its history (queue -1), as a removed cloze number is.
 */
function writeNote(next: NoteRecord, storedCards: readonly CardRecord[], firstPosition: number, nowMs: number, into: CardWrites): number {
  const contents = expandNote(next, firstPosition);
  const storedById = new Map(storedCards.map((card) => [card.id, card]));
  for (const content of contents) {
    const previous = storedById.get(content.id);
    storedById.delete(content.id);
    if (!previous) {
      into.toAdd.push({ ...content, ...createNewCardState(nowMs) });
      into.summary.added += 1;
    } else if (isUnchanged(previous, content)) {
      into.summary.unchanged += 1;
    } else {
      if (previous.deckId !== content.deckId) into.otherDecks.add(previous.deckId);
      into.toPut.push({ ...previous, ...content, queue: previous.queue === CardQueue.Retired ? queueForState(previous.state) : previous.queue });
      into.summary.updated += 1;
    }
  }
  for (const left of storedById.values()) {
    if (left.queue === CardQueue.Retired) continue;
    into.toPut.push(inQueue(left, CardQueue.Retired));
    into.summary.retired += 1;
    if (left.deckId !== next.deckId) into.otherDecks.add(left.deckId);
  }
  return contents.length;
}

/** The note a file's note becomes: its content, the deck it now belongs to, and where it came from. */
function noteRecordOf(resolved: ResolvedNote, deckId: string, position: number, options: MergeOptions): NoteRecord {
  const { input, stored } = resolved;
  const content: NoteContent =
    input.type === 'cloze'
      ? { type: 'cloze', text: input.text, ...(input.extra !== undefined ? { extra: input.extra } : {}) }
      : { type: input.type, front: input.front, back: input.back };
  const note: NoteRecord = {
    ...content,
    id: resolved.noteId,
    deckId,
    sourceId: input.id,
    tags: [...(input.tags ?? [])],
    origin: options.isBuiltIn ? { kind: 'built-in' } : (stored?.origin ?? options.origin ?? { kind: 'import', format: '', fileName: '' }),
    position,
    createdAt: stored?.createdAt ?? options.nowMs,
    modifiedAt: options.nowMs,
  };
  if (input.source !== undefined) note.source = input.source;
  if (stored?.cardIdBase !== undefined && stored.id === note.id) note.cardIdBase = stored.cardIdBase;
  if (stored && stored.deckId === deckId && stored.position === position && sameNoteContent(stored, note)) note.modifiedAt = stored.modifiedAt;
  return note;
}

/** Works out every write of a plan (reads the stored cards of the notes it touches). */
async function writesOf(database: FlashcardsDatabase, plan: MergePlan, options: MergeOptions): Promise<CardWrites> {
  const writes: CardWrites = {
    notes: [],
    toAdd: [],
    toPut: [],
    summary: { deckId: plan.deck.id, added: 0, updated: 0, unchanged: 0, retired: 0 },
    otherDecks: new Set(),
  };
  const storedCards = await cardsOfNotes(database, plan.notes.flatMap((note) => (note.stored ? [note.stored] : [])));
  let position = 0;
  const incoming = new Set<string>();
  for (const resolved of plan.notes) {
    const next = noteRecordOf(resolved, plan.deck.id, position, options);
    incoming.add(next.id);
    const before = writes.summary.added + writes.summary.updated + writes.summary.retired;
    position += writeNote(next, storedCards.get(next.id) ?? [], position, options.nowMs, writes);
    const changed = writes.summary.added + writes.summary.updated + writes.summary.retired > before;
    if (changed || !resolved.stored || next.modifiedAt !== resolved.stored.modifiedAt) writes.notes.push(next);
    if (resolved.stored && resolved.stored.deckId !== plan.deck.id) writes.otherDecks.add(resolved.stored.deckId);
  }
  if (options.retireMissing && plan.deckExists) {
    // Built-in notes the file no longer has: their cards retire (history kept). Notes added to the deck from elsewhere stay.
    const gone = (await notesOfDeck(database, plan.deck.id)).filter((note) => !incoming.has(note.id) && note.origin.kind === 'built-in');
    const goneCards = await cardsOfNotes(database, gone);
    for (const card of [...goneCards.values()].flat()) {
      if (card.queue === CardQueue.Retired) continue;
      writes.toPut.push(inQueue(card, CardQueue.Retired));
      writes.summary.retired += 1;
    }
  }
  return writes;
}

/** The plan as the user chose: when it would move notes or change a built-in deck and they did not choose 'update', a separate deck. */
async function chosenPlan(database: FlashcardsDatabase, file: DeckFileV1, options: MergeOptions): Promise<{ plan: MergePlan; writes: CardWrites }> {
  const plan = await planMerge(database, file, options);
  const writes = await writesOf(database, plan, options);
  const changesBuiltIn = plan.conflicts.builtInDeck !== null && writes.summary.added + writes.summary.updated + writes.summary.retired > 0;
  plan.conflicts.builtInChanges = changesBuiltIn ? writes.summary.added + writes.summary.updated : 0;
  if (options.isBuiltIn || (plan.conflicts.movedNotes === 0 && !changesBuiltIn) || options.onConflict === 'update') return { plan, writes };
  // A separate deck: a new deck of new notes; what the user would have changed is still reported.
  const separateDeck: DeckRecord = {
    ...plan.deck,
    id: freeDeckId(plan.decks, file.deck.id, options.nowMs),
    isBuiltIn: false,
    optionsId: DEFAULT_OPTIONS_ID,
    createdAt: options.nowMs,
    sourceId: file.deck.id,
    sourceName: file.deck.name,
  };
  delete separateDeck.contentVersion;
  delete separateDeck.isHidden;
  const separate: MergePlan = {
    deck: separateDeck,
    decks: plan.decks,
    deckExists: false,
    notes: plan.notes.map((note) => ({ input: note.input, stored: undefined, noteId: newId(options.nowMs) })),
    conflicts: { ...plan.conflicts, separate: true },
  };
  return { plan: separate, writes: await writesOf(database, separate, { ...options, retireMissing: false }) };
}

/** What a file's notes became, by their id in the file: the stored note's id and, when it has one, the base of its cards' ids (`cardIdOf`). */
export type StoredNoteIds = Map<string, { id: string; cardIdBase?: string }>;

/** A plan with the writes that carry it out (`chosenPlan`). */
interface PlannedMerge {
  plan: MergePlan;
  writes: CardWrites;
}

/** Writes a planned merge; must run inside a rw transaction over `MERGE_TABLES`. */
async function writePlanned(database: FlashcardsDatabase, { plan, writes }: PlannedMerge): Promise<void> {
  await database.decks.put(plan.deck);
  // New records are added, changed ones put: Dexie's put reads each old record first (for live queries), which would double the cost of a large import.
  const storedIds = new Set(plan.notes.flatMap((resolved) => (resolved.stored ? [resolved.stored.id] : [])));
  const newNotes = writes.notes.filter((note) => !storedIds.has(note.id));
  const changedNotes = writes.notes.filter((note) => storedIds.has(note.id));
  await database.notes.bulkAdd(newNotes);
  await database.notes.bulkPut(changedNotes);
  await database.cards.bulkAdd(writes.toAdd);
  await database.cards.bulkPut(writes.toPut);
  const otherDecks = new Set(writes.otherDecks);
  otherDecks.delete(plan.deck.id);
  if (otherDecks.size > 0) await database.meta.bulkPut(versionRowsFor(otherDecks));
}

/**
 * Whether no two plans touch the same deck or note (as their target, a
 * note they write, or a note whose cards they write): then each is the same
 * whether the others were written before it or not.
 */
function plansAreIndependent(planned: readonly PlannedMerge[]): boolean {
  const decks = new Set<string>();
  const notes = new Set<string>();
  for (const { plan, writes } of planned) {
    if (decks.has(plan.deck.id)) return false;
    decks.add(plan.deck.id);
    const touched = new Set([...plan.notes.map((note) => note.noteId), ...writes.toAdd.map((card) => card.noteId), ...writes.toPut.map((card) => card.noteId)]);
    for (const id of touched) if (notes.has(id)) return false;
    for (const id of touched) notes.add(id);
  }
  return true;
}

/**
 * Merges deck files in order; must run inside a rw transaction over
 * `MERGE_TABLES`. Every file is planned before anything is written: in
 * Chromium a read inside a transaction that has already written thousands
 * of records is several times slower (a 2,000-note plan took 2.4 s instead
 * of 0.6 s at 4x CPU). Files that touch one another's decks or notes (the
 * same deck id twice, a note in two files) cannot be planned that way: each
 * of them is then planned after the one before it is written.
 */
async function mergeFilesInTransaction(database: FlashcardsDatabase, files: readonly DeckFileV1[], options: readonly MergeOptions[]): Promise<PlannedMerge[]> {
  const planned: PlannedMerge[] = [];
  for (const [index, file] of files.entries()) planned.push(await chosenPlan(database, file, options[index]!));
  if (plansAreIndependent(planned)) {
    for (const merge of planned) await writePlanned(database, merge);
    return planned;
  }
  const merged: PlannedMerge[] = [];
  for (const [index, file] of files.entries()) {
    // The first plan was made with nothing written yet: it stands.
    const merge = index === 0 ? planned[0]! : await chosenPlan(database, file, options[index]!);
    await writePlanned(database, merge);
    merged.push(merge);
  }
  return merged;
}

/** What each file's notes became (`StoredNoteIds`), by file. */
function storedNoteIdsOf({ plan }: PlannedMerge): StoredNoteIds {
  const notes: StoredNoteIds = new Map();
  for (const resolved of plan.notes) {
    const cardIdBase = resolved.stored?.id === resolved.noteId ? resolved.stored.cardIdBase : undefined;
    notes.set(resolved.input.id, cardIdBase === undefined ? { id: resolved.noteId } : { id: resolved.noteId, cardIdBase });
  }
  return notes;
}

/** Each file's options: the shared ones, with `perFile[i]` over them for `files[i]`. */
function optionsOfEachFile(files: readonly DeckFileV1[], options: MergeOptions, perFile: readonly Partial<MergeOptions>[]): MergeOptions[] {
  return files.map((_, index) => ({ ...options, ...perFile[index] }));
}

/**
 * `mergeDeckFiles` inside the caller's rw transaction over `MERGE_TABLES`
 * (a package import adds its media and history to the same transaction,
 * `storage/packageImport.ts`), with what each file's notes became.
 */
export async function mergeDeckFilesInTransaction(
  database: FlashcardsDatabase,
  files: readonly DeckFileV1[],
  options: MergeOptions,
  perFile: readonly Partial<MergeOptions>[] = [],
): Promise<{ summary: MergeSummary; notes: StoredNoteIds }[]> {
  const merged = await mergeFilesInTransaction(database, files, optionsOfEachFile(files, options, perFile));
  return merged.map((merge) => ({ summary: merge.writes.summary, notes: storedNoteIdsOf(merge) }));
}

/** The stores a merge writes (one transaction over them). */
export const MERGE_TABLES = (database: FlashcardsDatabase) => [database.decks, database.notes, database.cards, database.meta];

/**
 * Writes deck files in one transaction: all of them or none (`perFile`
 * adds options of each file, e.g. its deck name). Re-importing a deck keeps
 * every card's review history.
 */
export function mergeDeckFiles(files: readonly DeckFileV1[], options: MergeOptions, perFile: readonly Partial<MergeOptions>[] = []): Promise<MergeSummary[]> {
  return guarded(async () => {
    const database = getDatabase();
    await notesReady(database);
    return await database.transaction('rw', MERGE_TABLES(database), async () => {
      const merged = await mergeFilesInTransaction(database, files, optionsOfEachFile(files, options, perFile));
      return merged.map((merge) => merge.writes.summary);
    });
  });
}

/**
 * What merging each file with its options (`options[i]` for `files[i]`)
 * would do, without writing: counts of new, updated and unchanged cards,
 * and what the user must hear of first (`MergeConflicts`). Each file is
 * previewed against what is stored; all are read in one transaction.
 */
export function previewDeckMerges(files: readonly DeckFileV1[], options: readonly Omit<MergeOptions, 'isBuiltIn' | 'retireMissing'>[]): Promise<MergePreview[]> {
  return guarded(async () => {
    const database = getDatabase();
    await notesReady(database);
    return await database.transaction('r', [database.decks, database.notes, database.cards], async () => {
      const previews: MergePreview[] = [];
      for (const [index, file] of files.entries()) {
        const { plan, writes } = await chosenPlan(database, file, { ...options[index]!, isBuiltIn: false, retireMissing: false });
        const { added, updated, unchanged, deckId } = writes.summary;
        previews.push({ deckId, added, updated, unchanged, deckExists: plan.deckExists, conflicts: plan.conflicts });
      }
      return previews;
    });
  });
}

const BUILT_IN_VERSION_KEY = 'builtInDecksVersion';

let installing: { version: string; done: Promise<boolean> } | null = null;

/**
 * Installs the built-in decks on first launch and merges them again when the
 * app ships a different version of them. Returns true when it wrote anything.
 * Calls made while one is under way share it (the shell and a study link
 * opened on the very first visit both wait for the same install).
 */
export function ensureBuiltInDecks(version: string, loadDecks: () => Promise<DeckFileV1[]>, nowMs: number): Promise<boolean> {
  if (installing?.version === version) return installing.done;
  const done = installBuiltInDecks(version, loadDecks, nowMs).finally(() => {
    if (installing?.done === done) installing = null;
  });
  installing = { version, done };
  return done;
}

function installBuiltInDecks(version: string, loadDecks: () => Promise<DeckFileV1[]>, nowMs: number): Promise<boolean> {
  return guarded(async () => {
    const database = getDatabase();
    await notesReady(database);
    const installed = await database.meta.get(BUILT_IN_VERSION_KEY);
    if (installed?.value === version) return false;
    const files = await loadDecks();
    await database.transaction('rw', MERGE_TABLES(database), async () => {
      await mergeFilesInTransaction(database, files, optionsOfEachFile(files, { isBuiltIn: true, retireMissing: true, nowMs }, []));
      await database.meta.put({ key: BUILT_IN_VERSION_KEY, value: version });
    });
    return true;
  });
}

/**
 * Case-insensitive code-point order. Not `localeCompare`: its first call
 * builds an ICU collator, about 60 ms on a slow phone, on the cold start's
 * path; for a handful of deck names this order is as good.
 */
function compareNames(a: string, b: string): number {
  const left = a.toLowerCase();
  const right = b.toLowerCase();
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Home-screen order: built-in decks first, then by group, age and name. */
export function sortDecksForHome(decks: DeckRecord[]): DeckRecord[] {
  return [...decks].sort(
    (a, b) =>
      Number(b.isBuiltIn) - Number(a.isBuiltIn) ||
      compareNames(a.group ?? '', b.group ?? '') ||
      a.createdAt - b.createdAt ||
      compareNames(a.name, b.name),
  );
}

export function listDecks(): Promise<DeckRecord[]> {
  return guarded(async () => {
    return sortDecksForHome(await getDatabase().decks.toArray());
  });
}

/** Every card of a deck that is not retired, in deck order. */
export function cardsOfDeck(deckId: string): Promise<CardRecord[]> {
  return guarded(async () => {
    const database = getDatabase();
    const [lower, upper] = deckRange(deckId);
    const cards = await database.cards.where(INDEX.cardsByDue).between(lower, upper, true, true).toArray();
    return cards.filter((card) => card.queue !== CardQueue.Retired).sort((a, b) => a.position - b.position);
  });
}

/** The notes of a deck that still have a card (not every card retired), in deck order (exports). */
export function liveNotesOfDeck(deckId: string): Promise<NoteRecord[]> {
  return guarded(async () => {
    const database = getDatabase();
    await notesReady(database);
    return await database.transaction('r', [database.notes, database.cards], async () => {
      const live = new Set((await cardsOfDeck(deckId)).map((card) => card.noteId));
      return (await notesOfDeck(database, deckId)).filter((note) => live.has(note.id)).sort((a, b) => a.position - b.position);
    });
  });
}

/** Total number of stored cards (all decks, all queues). */
export function countAllCards(): Promise<number> {
  return guarded(() => getDatabase().cards.count());
}

export function getDeck(deckId: string): Promise<DeckRecord | undefined> {
  return guarded(() => getDatabase().decks.get(deckId));
}
