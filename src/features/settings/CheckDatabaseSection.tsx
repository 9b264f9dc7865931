import { useId, useState } from 'react';
import type { CheckFinding, CheckFindingCode } from '../../domain/collectionCheck';
import { checkDatabase, type DatabaseCheckReport } from '../../storage/check';
import { useScreenT, useT } from '../../ui/i18n';
import { SETTINGS_MESSAGES, type SettingsMessageKey } from '../../ui/i18n/screens/settings';
import { storageErrorMessage } from '../../ui/storageErrorMessage';
import { bytesFormatter } from '../../ui/sizes';

/** Each kind of problem in words: what was wrong and what the check did about it. */
const FINDING_MESSAGES = {
  'card-without-note': 'checkCardWithoutNote',
  'note-without-deck': 'checkNoteWithoutDeck',
  'card-without-deck': 'checkCardWithoutDeck',
  'card-outside-note-deck': 'checkCardOutsideNoteDeck',
  'review-without-card-rebuilt': 'checkReviewWithoutCardRebuilt',
  'review-without-card-kept': 'checkReviewWithoutCardKept',
  'schedule-disagrees-with-history': 'checkScheduleDisagrees',
  'schedule-impossible-rebuilt': 'checkScheduleImpossibleRebuilt',
  'schedule-impossible-fixed': 'checkScheduleImpossibleFixed',
  'schedule-impossible-reset': 'checkScheduleImpossibleReset',
  'queue-does-not-fit-state': 'checkQueueDoesNotFit',
  'buried-without-day': 'checkBuriedWithoutDay',
  'buried-day-not-buried': 'checkBuriedDayNotBuried',
  'buried-marker-missing': 'checkBuriedMarkerMissing',
  'deck-options-missing': 'checkDeckOptionsMissing',
  'story-link-without-note': 'checkStoryLinkWithoutNote',
  'story-study-note-missing': 'checkStoryStudyNoteMissing',
  'recording-without-owner': 'checkRecordingWithoutOwner',
  'media-unused': 'checkMediaUnused',
  'media-missing': 'checkMediaMissing',
} as const satisfies Record<CheckFindingCode, SettingsMessageKey>;

/** The bytes the findings of `code` freed (deleted recordings, deleted media files). */
function freedBytesOf(findings: readonly CheckFinding[], code: CheckFindingCode): number {
  return findings.reduce((sum, finding) => sum + (finding.code === code && 'bytes' in finding ? finding.bytes : 0), 0);
}

/** The first name a finding of `code` gives (a media file a note shows but the device lacks), or ''. */
function firstNameOf(findings: readonly CheckFinding[], code: CheckFindingCode): string {
  for (const finding of findings) if (finding.code === code && 'names' in finding) return finding.names[0] ?? '';
  return '';
}

type CheckRun = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; report: DatabaseCheckReport } | { kind: 'failed'; message: string };

/**
 * "Check database": finds and repairs what should never be in the collection, then says what it did,
 * and what it found but cannot repair. `onDataChanged` is called after a check (it may delete media files).
 */
export function CheckDatabaseSection({ onDataChanged }: { onDataChanged?: () => void }) {
  const translator = useT();
  const ts = useScreenT(SETTINGS_MESSAGES);
  const id = useId();
  const [run, setRun] = useState<CheckRun>({ kind: 'idle' });
  const isBusy = run.kind === 'busy';
  const formatBytes = bytesFormatter(translator);
  const line = (report: DatabaseCheckReport, { code, count }: DatabaseCheckReport['problems'][number]) =>
    ts(FINDING_MESSAGES[code], {
      count,
      deck: ts('recoveredDeckName'),
      size: formatBytes(freedBytesOf(report.findings, code)),
      name: firstNameOf(report.findings, code),
    });
  const repaired = run.kind === 'done' ? run.report.problems.filter(({ code }) => !run.report.unrepaired.includes(code)) : [];
  const notices = run.kind === 'done' ? run.report.problems.filter(({ code }) => run.report.unrepaired.includes(code)) : [];

  async function check() {
    if (isBusy) return;
    setRun({ kind: 'busy' });
    try {
      setRun({ kind: 'done', report: await checkDatabase(Date.now(), ts('recoveredDeckName')) });
    } catch (error) {
      setRun({ kind: 'failed', message: storageErrorMessage(error, translator.t) });
    } finally {
      onDataChanged?.();
    }
  }

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{ts('checkDatabaseSection')}</h2>
      <p className="help">{ts('checkDatabaseHelp')}</p>
      <div className="button-row start">
        {/* aria-disabled, not disabled: the button keeps focus while the check runs. */}
        <button type="button" className="button" aria-disabled={isBusy} onClick={() => void check()}>
          {ts('checkDatabaseButton')}
        </button>
      </div>
      <div role="status">
        {isBusy && <p>{ts('checkDatabaseBusy')}</p>}
        {run.kind === 'done' && run.report.problems.length === 0 && <p className="banner">{ts('checkDatabaseClean')}</p>}
        {run.kind === 'done' && run.report.problems.length > 0 && (
          <div className="banner">
            <p>{repaired.length > 0 ? ts('checkDatabaseRepaired') : ts('checkDatabaseNothingRepaired')}</p>
            {repaired.length > 0 && (
              <ul>
                {repaired.map((problem) => (
                  <li key={problem.code}>{line(run.report, problem)}</li>
                ))}
              </ul>
            )}
            {notices.length > 0 && (
              <>
                <p>{ts('checkDatabaseNotices')}</p>
                <ul>
                  {notices.map((problem) => (
                    <li key={problem.code}>{line(run.report, problem)}</li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
      </div>
      {run.kind === 'failed' && (
        <p role="alert" className="banner error">
          {run.message}
        </p>
      )}
    </section>
  );
}
