/**
 * "Check database": reads every record in one transaction, lets the domain
 * find what should not be there (`domain/collectionCheck.ts`, loaded only
 * when a check runs, as it brings the scheduler), and writes the repairs in
 * one read-write transaction, with new counts versions for the decks whose
 * cards changed: stories' links to notes that are gone dropped, recordings
 * whose story or note is gone deleted. A sound collection is read, never
 * written.
 *
 * Between the read and the write another tab may answer or import: the
 * write first reads again every record it would replace or add, and if one
 * changed (or the owner of a recording to delete is back), writes nothing
 * and the whole check runs again.
 */
import type { CheckFinding, CheckFindingCode, CollectionRecords, CollectionRepairs } from '../domain/collectionCheck';
import { BURIED_SINCE_KEY } from './answers';
import { recordingInfoOf } from './backup';
import { versionRowsFor } from './countsCache';
import { getDatabase, type FlashcardsDatabase } from './db';
import { guarded } from './errors';
import { notesReady } from './upgrade';

/** What a check found and repaired: each kind of problem with how many records had it (none: all was well). */
export interface DatabaseCheckReport {
  problems: { code: CheckFindingCode; count: number }[];
  findings: CheckFinding[];
}

/** How often a check starts again when the collection changed under it before it gives up. */
const MAX_ATTEMPTS = 3;

async function readCollection(database: FlashcardsDatabase): Promise<CollectionRecords> {
  const tables = [database.decks, database.notes, database.cards, database.reviews, database.deckOptions, database.meta, database.stories, database.recordings];
  return database.transaction('r', tables, async () => {
    const [decks, notes, cards, reviews, deckOptions, marker, stories, recordings] = await Promise.all([
      database.decks.toArray(),
      database.notes.toArray(),
      database.cards.toArray(),
      database.reviews.toArray(),
      database.deckOptions.toArray(),
      database.meta.get(BURIED_SINCE_KEY),
      database.stories.toArray(),
      database.recordings.toArray(),
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
    };
  });
}

/** Whether each stored record is still the one read (or still absent). */
function isUnchanged<T extends { id: string }>(current: readonly (T | undefined)[], ids: readonly string[], read: ReadonlyMap<string, T>): boolean {
  return ids.every((id, index) => JSON.stringify(current[index]) === JSON.stringify(read.get(id)));
}

/** Writes the repairs in one transaction, unless a record they replace or add changed since `read`; false when it did. */
async function writeRepairs(database: FlashcardsDatabase, read: CollectionRecords, repairs: CollectionRepairs): Promise<boolean> {
  const tables = [database.decks, database.notes, database.cards, database.deckOptions, database.meta, database.stories, database.recordings];
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
    const [decks, notes, cards, presets, marker, stories, goneNotes, goneStories] = await Promise.all([
      database.decks.bulkGet(deckIds),
      database.notes.bulkGet(noteIds),
      database.cards.bulkGet(cardIds),
      database.deckOptions.bulkGet(presetIds),
      database.meta.get(BURIED_SINCE_KEY),
      database.stories.bulkGet(storyIds),
      database.notes.bulkGet(goneNoteIds),
      database.stories.bulkGet(goneStoryIds),
    ]);
    const byId = <T extends { id: string }>(records: readonly T[]) => new Map(records.map((record) => [record.id, record]));
    const isStill =
      isUnchanged(decks, deckIds, byId(read.decks)) &&
      isUnchanged(notes, noteIds, byId(read.notes)) &&
      isUnchanged(cards, cardIds, byId(read.cards)) &&
      isUnchanged(presets, presetIds, byId(read.deckOptions)) &&
      isUnchanged(stories, storyIds, byId(read.stories)) &&
      [...goneNotes, ...goneStories].every((record) => record === undefined) &&
      (typeof marker?.value === 'number' ? marker.value : null) === read.buriedSince;
    if (!isStill) return false;

    await database.decks.bulkAdd(repairs.decks);
    await database.deckOptions.bulkAdd(repairs.deckOptions);
    await database.notes.bulkAdd(repairs.notes);
    await database.cards.bulkPut(repairs.cards);
    await database.stories.bulkPut(repairs.stories);
    await database.recordings.bulkDelete(repairs.deletedRecordingIds);
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
    const { checkCollection, countFindings, hasRepairs } = await import('../domain/collectionCheck');
    const database = getDatabase();
    await notesReady(database);
    for (let attempt = 1; ; attempt += 1) {
      const read = await readCollection(database);
      const { findings, repairs } = checkCollection(read, { nowMs, recoveredDeckName });
      if (!hasRepairs(repairs) || (await writeRepairs(database, read, repairs))) return { problems: countFindings(findings), findings };
      if (attempt >= MAX_ATTEMPTS) throw new Error('The collection kept changing while it was checked.');
    }
  });
}
