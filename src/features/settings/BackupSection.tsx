import { useEffect, useId, useState } from 'react';
import { FileButton } from '../../ui/FileButton';
import { useScreenT, useT } from '../../ui/i18n';
import { SETTINGS_MESSAGES } from '../../ui/i18n/screens/settings';
import type { BackupFileV4 } from '../../domain/backupFormat';
import type { AppSettings } from '../../domain/types';
import { useDecks } from '../../ui/data';
import { ConfirmPanel } from './ConfirmPanel';
import { backupProblemMessage } from './backupMessages';
import { mergeSummaryLines } from './mergeMessages';
import { deleteAllRecordings, recordingsForBackup, restoreBackup, type RecordingsTotal } from '../../storage/backup';
import { mergeBackup, type CollectionMergeSummary } from '../../storage/collectionMerge';
import { storageErrorMessage } from '../../ui/storageErrorMessage';
import { deleteAllData, downloadBackup, downloadDeck, downloadReviewLog, readBackupFile, readMergePreview } from './backupFlow';
import { bytesFormatter } from '../../ui/sizes';
import type { MediaTotal } from './useMediaUsage';

type Pending =
  | { kind: 'restore'; backup: BackupFileV4 }
  | { kind: 'merge'; backup: BackupFileV4; summary: CollectionMergeSummary }
  | { kind: 'delete' }
  | { kind: 'delete-recordings'; total: RecordingsTotal }
  | null;

/** How many recordings this device holds and their bytes, read again whenever `version` changes. */
function useRecordingsTotal(version: number): RecordingsTotal | null {
  const [total, setTotal] = useState<RecordingsTotal | null>(null);
  useEffect(() => {
    let isCurrent = true;
    recordingsForBackup().then(
      (read) => {
        if (isCurrent) setTotal(read);
      },
      () => {
        if (isCurrent) setTotal(null); // the backup itself still works; only the size is not shown
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [version]);
  return total;
}

/**
 * Backup, restore, merging another device's backup, exports and "delete all
 * data", each step that changes data behind a confirmation. `media` is the
 * device's media files (read by the page, which shows them in the storage
 * section too); `onDataChanged` is called after each step that may change them.
 */
export function BackupSection({ settings, media, onDataChanged }: { settings: AppSettings; media: MediaTotal | null; onDataChanged: () => void }) {
  const translator = useT();
  const { t, language } = translator;
  const ts = useScreenT(SETTINGS_MESSAGES);
  const id = useId();
  const decks = useDecks();
  const [selectedDeck, setSelectedDeck] = useState('');
  const [pending, setPending] = useState<Pending>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [recordingsVersion, setRecordingsVersion] = useState(0);
  const recordings = useRecordingsTotal(recordingsVersion);
  const [withRecordings, setWithRecordings] = useState(true);
  const hasRecordings = recordings !== null && recordings.count > 0;
  // On by default: the cards that show them need them. Only a box the user unticked leaves anything out (a total still being read does not).
  const [withMedia, setWithMedia] = useState(true);
  const hasMedia = media !== null && media.count > 0;
  const formatDate = (ms: number) => new Date(ms).toLocaleString(language);
  const formatBytes = bytesFormatter(translator);
  const deck = decks?.find((candidate) => candidate.id === selectedDeck) ?? decks?.[0];

  async function run(action: () => Promise<void>, doneText?: string) {
    setErrors([]);
    setStatus(null);
    try {
      await action();
      if (doneText) setStatus(doneText);
    } catch (error) {
      setErrors([storageErrorMessage(error, t)]);
    } finally {
      // A restore, a merge or a delete may change them.
      setRecordingsVersion((version) => version + 1);
      onDataChanged();
    }
  }

  /** What a restore brings besides decks and cards, and the recordings and media files it would take away. */
  function restoreDetails(backup: BackupFileV4): string[] {
    const details: string[] = [];
    if (backup.stories.length + backup.recordings.length > 0) {
      details.push(ts('restoreHoldsStoryBank', { stories: backup.stories.length, recordings: backup.recordings.length }));
    }
    if (backup.recordings.length === 0 && hasRecordings) details.push(ts('restoreDropsRecordings', { count: recordings.count }));
    if (backup.media.length > 0) {
      details.push(ts('restoreHoldsMedia', { count: backup.media.length, size: formatBytes(backup.media.reduce((sum, file) => sum + file.size, 0)) }));
    } else if (hasMedia) details.push(ts('restoreDropsMedia', { count: media.count }));
    return details;
  }

  async function chooseBackup(file: File) {
    setStatus(null);
    const result = await readBackupFile(file);
    if (result.ok) {
      setErrors([]);
      setPending({ kind: 'restore', backup: result.backup });
    } else {
      setPending(null);
      setErrors([ts('restoreFailed'), ...result.problems.map((problem) => backupProblemMessage(problem, ts))]);
    }
  }

  async function chooseMergeBackup(file: File) {
    setStatus(null);
    setPending(null);
    try {
      const result = await readMergePreview(file, Date.now());
      if (!result.ok) {
        setErrors([ts('mergeFailed'), ...result.problems.map((problem) => backupProblemMessage(problem, ts))]);
        return;
      }
      setErrors([]);
      if (result.preview.hasChanges) setPending({ kind: 'merge', backup: result.backup, summary: result.preview.summary });
      else setStatus(nothingToMerge(result.preview.summary));
    } catch (error) {
      setErrors([storageErrorMessage(error, t)]);
    }
  }

  /** "Nothing to merge", and the media files kept here over the other device's, if any (a merge writes nothing for them). */
  function nothingToMerge(summary: CollectionMergeSummary): string {
    const conflicts = summary.mediaConflicts > 0 ? [ts('mergeMediaConflicts', { count: summary.mediaConflicts })] : [];
    return [ts('mergeNothing'), ...conflicts].join(' ');
  }

  async function merge(backup: BackupFileV4) {
    const result = await mergeBackup(backup, Date.now());
    setStatus(result.hasChanges ? [ts('mergeDone'), ...mergeSummaryLines(result.summary, ts)].join(' ') : nothingToMerge(result.summary));
  }

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('backupSection')}</h2>
      <p className="help">{ts('backupIntro')}</p>
      <p>{settings.lastBackupAt ? ts('lastBackup', { date: formatDate(settings.lastBackupAt) }) : ts('neverBackedUp')}</p>
      {hasRecordings && (
        <div className="field checkbox-field">
          <label htmlFor={`${id}-recordings`}>
            <input id={`${id}-recordings`} type="checkbox" checked={withRecordings} onChange={(event) => setWithRecordings(event.target.checked)} />
            {ts('backupIncludeRecordings', { count: recordings.count, size: formatBytes(recordings.bytes) })}
          </label>
        </div>
      )}
      {hasMedia && (
        <div className="field checkbox-field">
          <label htmlFor={`${id}-media`}>
            <input id={`${id}-media`} type="checkbox" checked={withMedia} onChange={(event) => setWithMedia(event.target.checked)} />
            {ts('backupIncludeMedia', { count: media.count, size: formatBytes(media.bytes) })}
          </label>
        </div>
      )}
      <div className="button-row start">
        <button type="button" className="button primary" onClick={() => void run(() => downloadBackup(Date.now(), { withRecordings: !hasRecordings || withRecordings, withMedia: !hasMedia || withMedia }))}>
          {ts('downloadBackup')}
        </button>
        <FileButton label={ts('restoreBackup')} accept=".json,application/json" onFile={(file) => void chooseBackup(file)} />
        <FileButton label={ts('mergeBackup')} accept=".json,application/json" onFile={(file) => void chooseMergeBackup(file)} />
      </div>
      {hasRecordings && (
        <>
          <p>{ts('recordingsTotalLine', { count: recordings.count, size: formatBytes(recordings.bytes) })}</p>
          <div className="button-row start">
            <button type="button" className="button danger-outline" onClick={() => setPending({ kind: 'delete-recordings', total: recordings })}>
              {ts('deleteAllRecordings')}
            </button>
          </div>
        </>
      )}
      {pending?.kind === 'delete-recordings' && (
        <ConfirmPanel
          question={ts('deleteAllRecordingsConfirm', { count: pending.total.count, size: formatBytes(pending.total.bytes) })}
          confirmLabel={ts('deleteAllRecordingsButton')}
          onCancel={() => setPending(null)}
          onConfirm={() => {
            setPending(null);
            void run(async () => {
              const freed = await deleteAllRecordings();
              setStatus(ts('recordingsDeleted', { size: formatBytes(freed.bytes) }));
            });
          }}
        />
      )}
      {pending?.kind === 'restore' && (
        <ConfirmPanel
          question={ts('restoreConfirm', {
            date: formatDate(pending.backup.exportedAt),
            decks: pending.backup.decks.length,
            cards: pending.backup.cards.length,
            reviews: pending.backup.reviewLogs.length,
          })}
          details={restoreDetails(pending.backup)}
          confirmLabel={ts('restoreReplace')}
          onCancel={() => setPending(null)}
          onConfirm={() => {
            const { backup } = pending;
            setPending(null);
            void run(() => restoreBackup(backup), ts('restoreDone'));
          }}
        />
      )}
      {pending?.kind === 'merge' && (
        <ConfirmPanel
          question={ts('mergeConfirm', { date: formatDate(pending.backup.exportedAt) })}
          details={mergeSummaryLines(pending.summary, ts)}
          confirmLabel={ts('mergeConfirmButton')}
          isDestructive={false}
          onCancel={() => setPending(null)}
          onConfirm={() => {
            const { backup } = pending;
            setPending(null);
            void run(() => merge(backup));
          }}
        />
      )}

      <h3 className="subheading">{ts('exportSection')}</h3>
      {decks && decks.length > 0 && (
        <div className="field">
          <label htmlFor={`${id}-deck`}>{ts('exportDeckLabel')}</label>
          <select id={`${id}-deck`} value={deck?.id ?? ''} onChange={(event) => setSelectedDeck(event.target.value)}>
            {decks.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="button-row start">
        <button type="button" className="button" disabled={!deck} onClick={() => deck && void run(() => downloadDeck(deck, 'json'))}>
          {ts('exportJson')}
        </button>
        <button type="button" className="button" disabled={!deck} onClick={() => deck && void run(() => downloadDeck(deck, 'tsv'))}>
          {ts('exportTsv')}
        </button>
        <button type="button" className="button" onClick={() => void run(() => downloadReviewLog(Date.now()))}>
          {ts('exportLog')}
        </button>
      </div>

      <div className="button-row start">
        <button type="button" className="button danger-outline" onClick={() => setPending({ kind: 'delete' })}>
          {ts('deleteAll')}
        </button>
      </div>
      {pending?.kind === 'delete' && (
        <ConfirmPanel
          question={ts('deleteConfirm')}
          confirmLabel={ts('deleteConfirmButton')}
          onCancel={() => setPending(null)}
          onConfirm={() => {
            setPending(null);
            void run(() => deleteAllData(Date.now()), ts('deleteDone'));
          }}
        />
      )}
      {status && (
        <p role="status" className="banner">
          {status}
        </p>
      )}
      {errors.length > 0 && (
        <div role="alert" className="banner error">
          <ul>
            {errors.map((error, index) => (
              <li key={index}>{error}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
