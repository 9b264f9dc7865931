// The story bank kept safe with the rest of the collection, against the real
// Dexie on fake IndexedDB: backup -> wipe -> restore gives back every story
// and recording (the audio's bytes and type), a backup may leave the
// recordings out, a merge adds what the other device has and a second merge
// changes nothing, Check database repairs links and recordings nothing owns,
// and deleting notes (Browse, a deck) frees their recordings and drops the
// stories' links to them.
//
// Recordings are stored as blobs. happy-dom's `Blob` keeps its bytes under a
// symbol, which the structured clone fake-indexeddb uses (Node's) does not
// copy: a happy-dom blob comes back as `{ type }` with no bytes. Node's own
// `Blob` clones, so these tests put it in place of the global while they run.
import { Blob as NodeBlob } from 'node:buffer';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { validateBackup, type BackupFileV4 } from '../../src/domain/backupFormat';
import { bytesToBase64 } from '../../src/domain/base64';
import { STORIES_DECK_ID, emptyStory, type StoryRecord } from '../../src/domain/stories';
import type { NoteRecord } from '../../src/domain/types';
import { mergeDeckFiles } from '../../src/storage';
import { createBackup, recordingsForBackup, restoreBackup, wipeAllData } from '../../src/storage/backup';
import { applyCardAction, undoCardAction } from '../../src/storage/cardActions';
import { checkDatabase } from '../../src/storage/check';
import { mergeBackup, previewMergeBackup } from '../../src/storage/collectionMerge';
import { deleteDeck } from '../../src/storage/deckAdmin';
import { addRecording, saveStory, type StoryWording } from '../../src/storage/stories';
import { freshAppForEachTest } from '../helpers/componentApp';
import { FIXED_NOW, MINUTE, appDatabase, smallDeckFile } from '../helpers/componentDb';
import { renderAppAt } from '../helpers/renderApp';

freshAppForEachTest();

beforeEach(() => {
  vi.stubGlobal('Blob', NodeBlob);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const WORDING: StoryWording = {
  labels: {
    tellFor: 'Tell this story for:',
    tellAlone: 'Tell this story in 60-90 seconds.',
    parts: { situation: 'Situation', task: 'Task', action: 'Action', result: 'Result' },
    resultNumbers: 'In numbers',
    learned: 'Learned',
  },
  deckName: 'My stories',
};

const STORY_AUDIO = new Uint8Array([26, 69, 223, 163, 66, 134, 129, 1, 0, 255]);
const NOTE_AUDIO = new Uint8Array([79, 103, 103, 83, 0, 2, 7, 7, 7]);

async function firstNotes(count: number): Promise<NoteRecord[]> {
  return (await appDatabase().notes.orderBy('id').toArray()).slice(0, count);
}

async function record(kind: 'story' | 'note', id: string, bytes: Uint8Array<ArrayBuffer>, type: string, nowMs: number): Promise<string> {
  const result = await addRecording({ kind, id }, new Blob([bytes], { type }), 2000, nowMs);
  if (!result.ok) throw new Error(result.problem);
  return result.recording.id;
}

/** A story linking two notes, a recording of it and one of its first question. */
async function storyWithRecordings(): Promise<{ story: StoryRecord; questions: NoteRecord[]; storyRecording: string; noteRecording: string }> {
  const questions = await firstNotes(2);
  const story = await saveStory(null, { ...emptyStory(), title: 'The outage', situation: 'Checkout was down.', noteIds: questions.map((n) => n.id) }, WORDING, FIXED_NOW);
  const storyRecording = await record('story', story.id, STORY_AUDIO, 'audio/webm;codecs=opus', FIXED_NOW + MINUTE);
  const noteRecording = await record('note', questions[0]?.id ?? '', NOTE_AUDIO, 'audio/ogg', FIXED_NOW + 2 * MINUTE);
  return { story, questions, storyRecording, noteRecording };
}

/** Every recording with its audio read back: fields, bytes and the blob's type. */
async function recordingsWithAudio() {
  const recordings = await appDatabase().recordings.orderBy('id').toArray();
  return Promise.all(
    recordings.map(async ({ blob, ...info }) => ({ ...info, type: blob.type, bytes: [...new Uint8Array(await blob.arrayBuffer())] })),
  );
}

const asFile = async (backup: Promise<BackupFileV4>): Promise<unknown> => JSON.parse(JSON.stringify(await backup)) as unknown;

function checked(file: unknown): BackupFileV4 {
  const result = validateBackup(file);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.backup;
}

describe('backup and restore', () => {
  it('gives back every story and recording, the audio’s bytes and type included', async () => {
    await storyWithRecordings();
    const stories = await appDatabase().stories.toArray();
    const recordings = await recordingsWithAudio();
    expect(recordings.map((r) => r.bytes)).toEqual([[...STORY_AUDIO], [...NOTE_AUDIO]]);

    const file = await asFile(createBackup(FIXED_NOW + 3 * MINUTE, '0.2.0'));
    expect(file).toMatchObject({ version: 4, recordings: [{ audio: bytesToBase64(STORY_AUDIO), size: STORY_AUDIO.length }, { audio: bytesToBase64(NOTE_AUDIO) }] });
    await wipeAllData();
    expect(await appDatabase().stories.count()).toBe(0);
    expect(await appDatabase().recordings.count()).toBe(0);

    await restoreBackup(checked(file));
    expect(await appDatabase().stories.toArray()).toEqual(stories);
    expect(await recordingsWithAudio()).toEqual(recordings);
    expect((await recordingsWithAudio()).map((r) => r.type)).toEqual(['audio/webm;codecs=opus', 'audio/ogg']);
  });

  it('leaves the recordings out when asked, and keeps the stories', async () => {
    const { story } = await storyWithRecordings();
    expect(await recordingsForBackup()).toEqual({ count: 2, bytes: STORY_AUDIO.length + NOTE_AUDIO.length });
    const file = await asFile(createBackup(FIXED_NOW + 3 * MINUTE, '0.2.0', { withRecordings: false }));
    expect(file).toMatchObject({ recordings: [], stories: [{ id: story.id }] });
    await restoreBackup(checked(file));
    expect(await appDatabase().recordings.count()).toBe(0);
    expect(await appDatabase().stories.get(story.id)).toEqual(story);
  });
});

describe('merge from another device', () => {
  it('adds the other device’s story and recording, with its audio, and a second merge changes nothing', async () => {
    await storyWithRecordings();
    const other = checked(await asFile(createBackup(FIXED_NOW + 3 * MINUTE, '0.2.0')));
    const [question] = await firstNotes(1);
    const theirs: StoryRecord = { ...emptyStory(), title: 'The hire', noteIds: [question?.id ?? ''], id: 'story-from-b', studyNoteId: '', createdAt: FIXED_NOW, modifiedAt: FIXED_NOW };
    const theirAudio = new Uint8Array([1, 2, 3, 4, 5]);
    other.stories.push(theirs);
    other.recordings.push({ id: 'rec-from-b', ownerKind: 'story', ownerId: theirs.id, createdAt: FIXED_NOW, durationMs: 900, mimeType: 'audio/mp4', size: 5, audio: bytesToBase64(theirAudio) });
    const file = checked(JSON.parse(JSON.stringify(other)));

    const preview = await previewMergeBackup(file, FIXED_NOW + 4 * MINUTE);
    expect(preview.summary).toMatchObject({ storiesAdded: 1, storiesUpdated: 0, recordingsAdded: 1 });
    const merged = await mergeBackup(file, FIXED_NOW + 4 * MINUTE);
    expect(merged).toEqual(preview);
    expect(await appDatabase().stories.get(theirs.id)).toEqual(theirs);
    const added = (await recordingsWithAudio()).find((r) => r.id === 'rec-from-b');
    expect(added).toMatchObject({ size: 5, type: 'audio/mp4', bytes: [1, 2, 3, 4, 5] });

    const before = { stories: await appDatabase().stories.toArray(), recordings: await recordingsWithAudio() };
    expect((await mergeBackup(file, FIXED_NOW + 5 * MINUTE)).hasChanges).toBe(false);
    expect({ stories: await appDatabase().stories.toArray(), recordings: await recordingsWithAudio() }).toEqual(before);
  });

  it('takes the other device’s newer edit of a story this device has', async () => {
    const { story } = await storyWithRecordings();
    const other = checked(await asFile(createBackup(FIXED_NOW + 3 * MINUTE, '0.2.0')));
    other.stories = other.stories.map((s) => ({ ...s, title: 'The big outage', modifiedAt: FIXED_NOW + 3 * MINUTE }));
    const result = await mergeBackup(other, FIXED_NOW + 4 * MINUTE);
    expect(result.summary).toMatchObject({ storiesAdded: 0, storiesUpdated: 1, recordingsAdded: 0 });
    expect((await appDatabase().stories.get(story.id))?.title).toBe('The big outage');
  });
});

describe('Check database', () => {
  it('drops a story’s link to a note that is gone and deletes recordings nothing owns, then finds nothing', async () => {
    const { story, questions, storyRecording, noteRecording } = await storyWithRecordings();
    const database = appDatabase();
    const gone = questions[1]?.id ?? '';
    // A note removed behind the app's back (an older version, a failed write), with its cards.
    await database.transaction('rw', [database.notes, database.cards], async () => {
      await database.notes.delete(gone);
      await database.cards.filter((card) => card.noteId === gone).delete();
    });
    const orphan = await record('note', 'no-such-note', NOTE_AUDIO, 'audio/ogg', FIXED_NOW + 3 * MINUTE);

    const report = await checkDatabase(FIXED_NOW + 4 * MINUTE, 'Recovered cards');
    expect(report.problems).toEqual([
      { code: 'story-link-without-note', count: 1 },
      { code: 'recording-without-owner', count: 1 },
    ]);
    expect((await database.stories.get(story.id))?.noteIds).toEqual([questions[0]?.id]);
    expect((await database.recordings.toCollection().primaryKeys()).sort()).toEqual([storyRecording, noteRecording].sort());
    expect(await database.recordings.get(orphan)).toBeUndefined();
    expect((await checkDatabase(FIXED_NOW + 5 * MINUTE, 'Recovered cards')).problems).toEqual([]);
  });

  it('clears the link to a study note that is gone; saving the story makes a new one', async () => {
    const { story } = await storyWithRecordings();
    const database = appDatabase();
    await database.notes.delete(story.studyNoteId);
    await database.cards.filter((card) => card.noteId === story.studyNoteId).delete();
    expect((await checkDatabase(FIXED_NOW + MINUTE, 'Recovered cards')).problems).toEqual([{ code: 'story-study-note-missing', count: 1 }]);
    expect((await database.stories.get(story.id))?.studyNoteId).toBe('');
    const saved = await saveStory(story.id, story, WORDING, FIXED_NOW + 2 * MINUTE);
    expect(await database.notes.get(saved.studyNoteId)).toMatchObject({ deckId: STORIES_DECK_ID, origin: { kind: 'story', storyId: story.id } });
  });
});

describe('deleting notes elsewhere', () => {
  it('Browse’s delete frees the notes’ recordings and drops the stories’ links; undo brings both back', async () => {
    const { story, questions, storyRecording, noteRecording } = await storyWithRecordings();
    const database = appDatabase();
    const [first] = questions;
    const cardIds = await database.cards.filter((card) => card.noteId === first?.id).primaryKeys();
    const result = await applyCardAction(cardIds, { kind: 'delete' }, FIXED_NOW + 3 * MINUTE);
    expect(result.notes).toBe(1);
    expect((await database.stories.get(story.id))?.noteIds).toEqual([questions[1]?.id]);
    expect(await database.recordings.get(noteRecording)).toBeUndefined();
    expect(await database.recordings.get(storyRecording)).toBeDefined();

    expect(await undoCardAction(result.undo)).toMatchObject({ kind: 'undone' });
    expect(await database.stories.get(story.id)).toEqual(story);
    expect((await recordingsWithAudio()).find((r) => r.id === noteRecording)).toMatchObject({ type: 'audio/ogg', bytes: [...NOTE_AUDIO] });
  });

  it('deleting a deck frees its notes’ recordings and drops the links, and the stories deck is refused', async () => {
    await mergeDeckFiles([smallDeckFile('own', 2, 'Own deck')], { isBuiltIn: false, retireMissing: false, nowMs: FIXED_NOW });
    const database = appDatabase();
    const ownNotes = await database.notes.filter((note) => note.deckId === 'own').toArray();
    const [kept] = await firstNotes(1);
    const story = await saveStory(null, { ...emptyStory(), title: 'Mixed', noteIds: [...ownNotes.map((n) => n.id), kept?.id ?? ''] }, WORDING, FIXED_NOW);
    const own = await record('note', ownNotes[0]?.id ?? '', NOTE_AUDIO, 'audio/ogg', FIXED_NOW + MINUTE);
    const keptRecording = await record('note', kept?.id ?? '', NOTE_AUDIO, 'audio/ogg', FIXED_NOW + 2 * MINUTE);

    const result = await deleteDeck('own');
    expect(result).toMatchObject({ ok: true, deleted: { notes: 2, recordings: 1 } });
    expect((await database.stories.get(story.id))?.noteIds).toEqual([kept?.id]);
    expect(await database.recordings.get(own)).toBeUndefined();
    expect(await database.recordings.get(keptRecording)).toBeDefined();

    expect(await deleteDeck(STORIES_DECK_ID)).toEqual({ ok: false, problem: 'holds-stories' });
    expect(await database.decks.get(STORIES_DECK_ID)).toBeDefined();
  });
});

describe('the settings screen', () => {
  it('offers to leave the recordings out, shows their size and deletes them all after asking', async () => {
    await storyWithRecordings();
    const user = renderAppAt('/settings');
    const include = await screen.findByRole('checkbox', { name: /^Include recordings \(2, 19 B\)$/ });
    expect(include).toBeChecked();
    expect(screen.getByText('Recordings: 2, 19 B')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Delete all recordings' }));
    const confirm = await screen.findByRole('alertdialog');
    expect(confirm).toHaveTextContent('Delete all 2 recordings (19 B)? Stories and cards stay. This cannot be undone.');
    await user.click(within(confirm).getByRole('button', { name: 'Delete recordings' }));
    expect(await screen.findByText('Recordings deleted: 19 B freed.')).toBeInTheDocument();
    expect(await appDatabase().recordings.count()).toBe(0);
    await waitFor(() => expect(screen.queryByRole('checkbox', { name: /Include recordings/ })).not.toBeInTheDocument());
    expect(await appDatabase().stories.count()).toBe(1);
  });

  it('does not offer to delete the stories deck', async () => {
    await storyWithRecordings();
    renderAppAt(`/deck/${STORIES_DECK_ID}/options`);
    expect(await screen.findByText(/holds your stories’ study cards/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Delete deck…' })).not.toBeInTheDocument();
  });
});

describe('the words for the story bank', () => {
  it('says what a merge adds and what Check database repaired, in English and Russian', async () => {
    const { mergeSummaryLines } = await import('../../src/features/settings/mergeMessages');
    const { createScreenTranslator } = await import('../../src/ui/i18n');
    const { SETTINGS_MESSAGES } = await import('../../src/ui/i18n/screens/settings');
    const summary = {
      decksAdded: 0,
      decksUpdated: 0,
      notesAdded: 0,
      notesUpdated: 0,
      cardsAdded: 0,
      cardsUpdated: 0,
      cardsRescheduled: 0,
      logsAdded: 0,
      presetsChanged: 0,
      storiesAdded: 2,
      storiesUpdated: 1,
      recordingsAdded: 5,
      mediaAdded: 0,
      mediaConflicts: 0,
      settingsTaken: false,
    };
    expect(mergeSummaryLines(summary, createScreenTranslator(SETTINGS_MESSAGES, 'en'))).toEqual(['2 new stories.', '1 story replaced by its newer version.', '5 new recordings.']);
    expect(mergeSummaryLines(summary, createScreenTranslator(SETTINGS_MESSAGES, 'ru'))).toEqual(['2 новые истории.', '1 история заменена более новой версией.', '5 новых аудиозаписей.']);
  });

  it('shows the bytes Check database freed', async () => {
    await record('note', 'no-such-note', NOTE_AUDIO, 'audio/ogg', FIXED_NOW);
    const user = renderAppAt('/settings');
    await user.click(await screen.findByRole('button', { name: 'Check database' }));
    expect(await screen.findByText('1 recording belonged to a story or question that no longer exists: it was deleted, freeing 9 B.')).toBeInTheDocument();
  });
});
