/**
 * "Check database": reads every record in one transaction, lets the domain
 * find what should not be there (`domain/collectionCheck.ts`, loaded only
 * when a check runs, as it brings the scheduler), and writes the repairs in
 * one read-write transaction, with new counts versions for the decks whose
 * cards changed: stories' links to notes that are gone dropped, recordings
 * whose story or note is gone deleted, media files no note refers to
 * deleted. A sound collection is read, never written.
 *
 * Between the read and the write another tab may answer or import: the
 * write first reads again every record it would replace or add, and if one
 * changed (or the owner of a recording to delete is back, or a note now
 * refers to a media file to delete), writes nothing and the whole check runs
 * again.
 */
import type { CheckFinding, CheckFindingCode, CollectionRecords, CollectionRepairs } from '../domain/collectionCheck';
import type { NoteContent } from '../domain/types';
import { BURIED_SINCE_KEY } from './answers';
import { mediaInfoOf, recordingInfoOf } from './backup';
import { versionRowsFor } from './countsCache';
import { getDatabase, type FlashcardsDatabase } from './db';
import { guarded } from './errors';
import { notesReady } from './upgrade';

/** What a check found and repaired: each kind of problem with how many records had it (none: all was well). */
export interface DatabaseCheckReport {
  problems: { code: CheckFindingCode; count: number }[];
  findings: CheckFinding[];
  /** The codes of `problems` that were found but not repaired (nothing in the collection can repair them). */
  unrepaired: CheckFindingCode[];
}

/** How often a check starts again when the collection changed under it before it gives up. */
const MAX_ATTEMPTS = 3;

async function readCollection(database: FlashcardsDatabase): Promise<CollectionRecords> {
  const tables = [database.decks, database.notes, database.cards, database.reviews, database.deckOptions, database.meta, database.stories, database.recordings, database.media];
  return database.transaction('r', tables, async () => {
    const [decks, notes, cards, reviews, deckOptions, marker, stories, recordings, media] = await Promise.all([
      database.decks.toArray(),
      database.notes.toArray(),
      database.cards.toArray(),
      database.reviews.toArray(),
      database.deckOptions.toArray(),
      database.meta.get(BURIED_SINCE_KEY),
      database.stories.toArray(),
      database.recordings.toArray(),
      database.media.toArray(),
    ]);
    return {
      decks,
      notes,
      cards,
      reviews,
      deckOptions,
      buriedSince: typeof marker?.value === 'number' ? marker.value : null,
      stories,
      recordings: recordings.map(recordingInfoOf),
      media: media.map(mediaInfoOf),
    };
  });
}

/** Whether each stored record is still the one read (or still absent). */
function isUnchanged<T extends { id: string }>(current: readonly (T | undefined)[], ids: readonly string[], read: ReadonlyMap<string, T>): boolean {
  return ids.every((id, index) => JSON.stringify(current[index]) === JSON.stringify(read.get(id)));
}

/** Whether no stored note (nor one the repairs add) refers to any of `names` (read inside the caller's transaction). */
async function isUnreferenced(
  database: FlashcardsDatabase,
  names: readonly string[],
  added: readonly NoteContent[],
  mediaNamesOfNote: (note: NoteContent) => string[],
): Promise<boolean> {
  if (names.length === 0) return true;
  const doomed = new Set(names);
  const refersToDoomed = (note: NoteContent) => mediaNamesOfNote(note).some((name) => doomed.has(name));
  if (added.some(refersToDoomed)) return false;
  let isReferenced = false;
  await database.notes.each((note) => {
    if (!isReferenced && refersToDoomed(note)) isReferenced = true;
  });
  return !isReferenced;
}

/** Writes the repairs in one transaction, unless a record they replace or add changed since `read`; false when it did. */
async function writeRepairs(
  database: FlashcardsDatabase,
  read: CollectionRecords,
  repairs: CollectionRepairs,
  mediaNamesOfNote: (note: NoteContent) => string[],
): Promise<boolean> {
  const tables = [database.decks, database.notes, database.cards, database.deckOptions, database.meta, database.stories, database.recordings, database.media];
  return database.transaction('rw', tables, async () => {
    const deckIds = repairs.decks.map((deck) => deck.id);
    const noteIds = repairs.notes.map((note) => note.id);
    const cardIds = repairs.cards.map((card) => card.id);
    const presetIds = repairs.deckOptions.map((options) => options.id);
    const storyIds = repairs.stories.map((story) => story.id);
    // The notes the repairs found gone (a story's links, a recording's owner) must still be gone.
    const readRecordings = new Map(read.recordings.map((recording) => [recording.id, recording]));
    const doomed = repairs.deletedRecordingIds.flatMap((recordingId) => readRecordings.get(recordingId) ?? []);
    const goneNoteIds = [
      ...repairs.stories.flatMap((repaired) => {
        const original = read.stories.find((story) => story.id === repaired.id);
        if (!original) return [];
        const dropped = original.noteIds.filter((noteId) => !repaired.noteIds.includes(noteId));
        return original.studyNoteId !== repaired.studyNoteId ? [...dropped, original.studyNoteId] : dropped;
      }),
      ...doomed.flatMap((recording) => (recording.ownerKind === 'note' ? [recording.ownerId] : [])),
    ];
    const goneStoryIds = doomed.flatMap((recording) => (recording.ownerKind === 'story' ? [recording.ownerId] : []));
    const [decks, notes, cards, presets, marker, stories, goneNotes, goneStories, media] = await Promise.all([
      database.decks.bulkGet(deckIds),
      database.notes.bulkGet(noteIds),
      database.cards.bulkGet(cardIds),
      database.deckOptions.bulkGet(presetIds),
      database.meta.get(BURIED_SINCE_KEY),
      database.stories.bulkGet(storyIds),
      database.notes.bulkGet(goneNoteIds),
      database.stories.bulkGet(goneStoryIds),
      database.media.bulkGet(repairs.deletedMediaNames),
    ]);
    const byId = <T extends { id: string }>(records: readonly T[]) => new Map(records.map((record) => [record.id, record]));
    const readMedia = new Map(read.media.map((file) => [file.name, file]));
    const isStill =
      isUnchanged(decks, deckIds, byId(read.decks)) &&
      isUnchanged(notes, noteIds, byId(read.notes)) &&
      isUnchanged(cards, cardIds, byId(read.cards)) &&
      isUnchanged(presets, presetIds, byId(read.deckOptions)) &&
      isUnchanged(stories, storyIds, byId(read.stories)) &&
      [...goneNotes, ...goneStories].every((record) => record === undefined) &&
      (typeof marker?.value === 'number' ? marker.value : null) === read.buriedSince &&
      // A media file to delete is still the file read (or gone), and no note refers to it now.
      media.every((file, index) => file === undefined || file.hash === readMedia.get(repairs.deletedMediaNames[index] ?? '')?.hash) &&
      (await isUnreferenced(database, repairs.deletedMediaNames, repairs.notes, mediaNamesOfNote));
    if (!isStill) return false;

    await database.decks.bulkAdd(repairs.decks);
    await database.deckOptions.bulkAdd(repairs.deckOptions);
    await database.notes.bulkAdd(repairs.notes);
    await database.cards.bulkPut(repairs.cards);
    await database.stories.bulkPut(repairs.stories);
    await database.recordings.bulkDelete(repairs.deletedRecordingIds);
    await database.media.bulkDelete(repairs.deletedMediaNames);
    if (repairs.buriedSince !== undefined) await database.meta.put({ key: BURIED_SINCE_KEY, value: repairs.buriedSince });
    // Every deck whose cards changed, those they left included (the counts cache stamps only where cards are put).
    const touched = new Set([...repairs.decksLeft, ...repairs.cards.map((card) => card.deckId)]);
    if (touched.size > 0) await database.meta.bulkPut(versionRowsFor(touched));
    return true;
  });
}

/**
 * Checks the whole collection at `nowMs` and repairs what should never be
 * there (see `domain/collectionCheck.ts`); a deck made again is named
 * `recoveredDeckName` (the UI's words). Resolves to the problems found,
 * counted by kind; nothing is written when there are none.
 *
 * @example
 * const report = await checkDatabase(Date.now(), t('recoveredDeckName'));
 * report.problems; // [{ code: 'card-without-note', count: 2 }]
 */
export function checkDatabase(nowMs: number, recoveredDeckName: string): Promise<DatabaseCheckReport> {
  return guarded(async () => {
    const { checkCollection, countFindings, hasRepairs, mediaNamesOfNote, INFORMATIONAL_FINDING_CODES } = await import('../domain/collectionCheck');
    const database = getDatabase();
    await notesReady(database);
    for (let attempt = 1; ; attempt += 1) {
      const read = await readCollection(database);
      const { findings, repairs } = checkCollection(read, { nowMs, recoveredDeckName });
      if (!hasRepairs(repairs) || (await writeRepairs(database, read, repairs, mediaNamesOfNote))) {
        const problems = countFindings(findings);
        return { problems, findings, unrepaired: problems.flatMap(({ code }) => (INFORMATIONAL_FINDING_CODES.includes(code) ? [code] : [])) };
      }
      if (attempt >= MAX_ATTEMPTS) throw new Error('The collection kept changing while it was checked.');
    }
  });
}
