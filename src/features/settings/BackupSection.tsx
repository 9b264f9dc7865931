import { useId, useState } from 'react';
import { FileButton } from '../../ui/FileButton';
import { useT } from '../../ui/i18n';
import type { BackupFileV2 } from '../../domain/backupFormat';
import type { AppSettings } from '../../domain/types';
import { useDecks } from '../../ui/data';
import { ConfirmPanel } from './ConfirmPanel';
import { backupProblemMessage } from './backupMessages';
import { mergeSummaryLines } from './mergeMessages';
import { restoreBackup } from '../../storage/backup';
import { mergeBackup, type CollectionMergeSummary } from '../../storage/collectionMerge';
import { storageErrorMessage } from '../../ui/storageErrorMessage';
import { deleteAllData, downloadBackup, downloadDeck, downloadReviewLog, readBackupFile, readMergePreview } from './backupFlow';

type Pending =
  | { kind: 'restore'; backup: BackupFileV2 }
  | { kind: 'merge'; backup: BackupFileV2; summary: CollectionMergeSummary }
  | { kind: 'delete' }
  | null;

/** Backup, restore, merging another device's backup, exports and "delete all data", each step that changes data behind a confirmation. */
export function BackupSection({ settings }: { settings: AppSettings }) {
  const { t, language } = useT();
  const id = useId();
  const decks = useDecks();
  const [selectedDeck, setSelectedDeck] = useState('');
  const [pending, setPending] = useState<Pending>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const formatDate = (ms: number) => new Date(ms).toLocaleString(language);
  const deck = decks?.find((candidate) => candidate.id === selectedDeck) ?? decks?.[0];

  async function run(action: () => Promise<void>, doneText?: string) {
    setErrors([]);
    setStatus(null);
    try {
      await action();
      if (doneText) setStatus(doneText);
    } catch (error) {
      setErrors([storageErrorMessage(error, t)]);
    }
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

  async function merge(backup: BackupFileV2) {
    const result = await mergeBackup(backup, Date.now());
    setStatus(result.hasChanges ? [t('mergeDone'), ...mergeSummaryLines(result.summary, t)].join(' ') : t('mergeNothing'));
  }

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('backupSection')}</h2>
      <p className="help">{t('backupIntro')}</p>
      <p>{settings.lastBackupAt ? t('lastBackup', { date: formatDate(settings.lastBackupAt) }) : t('neverBackedUp')}</p>
      <div className="button-row start">
        <button type="button" className="button primary" onClick={() => void run(() => downloadBackup(Date.now()))}>
          {t('downloadBackup')}
        </button>
        <FileButton label={t('restoreBackup')} accept=".json,application/json" onFile={(file) => void chooseBackup(file)} />
        <FileButton label={t('mergeBackup')} accept=".json,application/json" onFile={(file) => void chooseMergeBackup(file)} />
      </div>
      {pending?.kind === 'restore' && (
        <ConfirmPanel
          question={t('restoreConfirm', {
            date: formatDate(pending.backup.exportedAt),
            decks: pending.backup.decks.length,
            cards: pending.backup.cards.length,
            reviews: pending.backup.reviewLogs.length,
          })}
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
