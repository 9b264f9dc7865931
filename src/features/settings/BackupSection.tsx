import { useEffect, useId, useState } from 'react';
import { FileButton } from '../../ui/FileButton';
import { useT } from '../../ui/i18n';
import type { BackupFileV3 } from '../../domain/backupFormat';
import type { AppSettings } from '../../domain/types';
import { useDecks } from '../../ui/data';
import { ConfirmPanel } from './ConfirmPanel';
import { backupProblemMessage } from './backupMessages';
import { mergeSummaryLines } from './mergeMessages';
import { deleteAllRecordings, recordingsForBackup, restoreBackup, type RecordingsTotal } from '../../storage/backup';
import { mergeBackup, type CollectionMergeSummary } from '../../storage/collectionMerge';
import { storageErrorMessage } from '../../ui/storageErrorMessage';
import { deleteAllData, downloadBackup, downloadDeck, downloadReviewLog, readBackupFile, readMergePreview } from './backupFlow';
import { storageStatusLabels } from './storageStatusLabels';

type Pending =
  | { kind: 'restore'; backup: BackupFileV3 }
  | { kind: 'merge'; backup: BackupFileV3; summary: CollectionMergeSummary }
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

/** Backup, restore, merging another device's backup, exports and "delete all data", each step that changes data behind a confirmation. */
export function BackupSection({ settings }: { settings: AppSettings }) {
  const translator = useT();
  const { t, language } = translator;
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
  const formatDate = (ms: number) => new Date(ms).toLocaleString(language);
  const formatBytes = storageStatusLabels(translator).formatBytes;
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
    }
  }

  /** What a restore brings besides decks and cards, and the recordings it would take away. */
  function restoreDetails(backup: BackupFileV3): string[] {
    const details: string[] = [];
    if (backup.stories.length + backup.recordings.length > 0) {
      details.push(t('restoreHoldsStoryBank', { stories: backup.stories.length, recordings: backup.recordings.length }));
    }
    if (backup.recordings.length === 0 && hasRecordings) details.push(t('restoreDropsRecordings', { count: recordings.count }));
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
      setErrors([t('restoreFailed'), ...result.problems.map((problem) => backupProblemMessage(problem, t))]);
    }
  }

  async function chooseMergeBackup(file: File) {
    setStatus(null);
    setPending(null);
    try {
      const result = await readMergePreview(file, Date.now());
      if (!result.ok) {
        setErrors([t('mergeFailed'), ...result.problems.map((problem) => backupProblemMessage(problem, t))]);
        return;
      }
      setErrors([]);
      if (result.preview.hasChanges) setPending({ kind: 'merge', backup: result.backup, summary: result.preview.summary });
      else setStatus(t('mergeNothing'));
    } catch (error) {
      setErrors([storageErrorMessage(error, t)]);
    }
  }

  async function merge(backup: BackupFileV3) {
    const result = await mergeBackup(backup, Date.now());
    setStatus(result.hasChanges ? [t('mergeDone'), ...mergeSummaryLines(result.summary, t)].join(' ') : t('mergeNothing'));
  }

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('backupSection')}</h2>
      <p className="help">{t('backupIntro')}</p>
      <p>{settings.lastBackupAt ? t('lastBackup', { date: formatDate(settings.lastBackupAt) }) : t('neverBackedUp')}</p>
      {hasRecordings && (
        <div className="field checkbox-field">
          <label htmlFor={`${id}-recordings`}>
            <input id={`${id}-recordings`} type="checkbox" checked={withRecordings} onChange={(event) => setWithRecordings(event.target.checked)} />
            {t('backupIncludeRecordings', { count: recordings.count, size: formatBytes(recordings.bytes) })}
          </label>
        </div>
      )}
      <div className="button-row start">
        <button type="button" className="button primary" onClick={() => void run(() => downloadBackup(Date.now(), { withRecordings: hasRecordings && withRecordings }))}>
          {t('downloadBackup')}
        </button>
        <FileButton label={t('restoreBackup')} accept=".json,application/json" onFile={(file) => void chooseBackup(file)} />
        <FileButton label={t('mergeBackup')} accept=".json,application/json" onFile={(file) => void chooseMergeBackup(file)} />
      </div>
      {hasRecordings && (
        <>
          <p>{t('recordingsTotalLine', { count: recordings.count, size: formatBytes(recordings.bytes) })}</p>
          <div className="button-row start">
            <button type="button" className="button danger-outline" onClick={() => setPending({ kind: 'delete-recordings', total: recordings })}>
              {t('deleteAllRecordings')}
            </button>
          </div>
        </>
      )}
      {pending?.kind === 'delete-recordings' && (
        <ConfirmPanel
          question={t('deleteAllRecordingsConfirm', { count: pending.total.count, size: formatBytes(pending.total.bytes) })}
          confirmLabel={t('deleteAllRecordingsButton')}
          onCancel={() => setPending(null)}
          onConfirm={() => {
            setPending(null);
            void run(async () => {
              const freed = await deleteAllRecordings();
              setStatus(t('recordingsDeleted', { size: formatBytes(freed.bytes) }));
            });
          }}
        />
      )}
      {pending?.kind === 'restore' && (
        <ConfirmPanel
          question={t('restoreConfirm', {
            date: formatDate(pending.backup.exportedAt),
            decks: pending.backup.decks.length,
            cards: pending.backup.cards.length,
            reviews: pending.backup.reviewLogs.length,
          })}
          details={restoreDetails(pending.backup)}
          confirmLabel={t('restoreReplace')}
          onCancel={() => setPending(null)}
          onConfirm={() => {
            const { backup } = pending;
            setPending(null);
            void run(() => restoreBackup(backup), t('restoreDone'));
          }}
        />
      )}
      {pending?.kind === 'merge' && (
        <ConfirmPanel
          question={t('mergeConfirm', { date: formatDate(pending.backup.exportedAt) })}
          details={mergeSummaryLines(pending.summary, t)}
          confirmLabel={t('mergeConfirmButton')}
          isDestructive={false}
          onCancel={() => setPending(null)}
          onConfirm={() => {
            const { backup } = pending;
            setPending(null);
            void run(() => merge(backup));
          }}
        />
      )}

      <h3 className="subheading">{t('exportSection')}</h3>
      {decks && decks.length > 0 && (
        <div className="field">
          <label htmlFor={`${id}-deck`}>{t('exportDeckLabel')}</label>
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
          {t('exportJson')}
        </button>
        <button type="button" className="button" disabled={!deck} onClick={() => deck && void run(() => downloadDeck(deck, 'tsv'))}>
          {t('exportTsv')}
        </button>
        <button type="button" className="button" onClick={() => void run(() => downloadReviewLog(Date.now()))}>
          {t('exportLog')}
        </button>
      </div>

      <div className="button-row start">
        <button type="button" className="button danger-outline" onClick={() => setPending({ kind: 'delete' })}>
          {t('deleteAll')}
        </button>
      </div>
      {pending?.kind === 'delete' && (
        <ConfirmPanel
          question={t('deleteConfirm')}
          confirmLabel={t('deleteConfirmButton')}
          onCancel={() => setPending(null)}
          onConfirm={() => {
            setPending(null);
            void run(() => deleteAllData(Date.now()), t('deleteDone'));
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
