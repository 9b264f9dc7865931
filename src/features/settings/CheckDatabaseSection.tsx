import { useId, useState } from 'react';
import type { CheckFindingCode } from '../../domain/collectionCheck';
import { checkDatabase, type DatabaseCheckReport } from '../../storage/check';
import { useScreenT, useT } from '../../ui/i18n';
import { SETTINGS_MESSAGES, type SettingsMessageKey } from '../../ui/i18n/screens/settings';
import { storageErrorMessage } from '../../ui/storageErrorMessage';
import { bytesFormatter } from './storageStatusLabels';

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
} as const satisfies Record<CheckFindingCode, SettingsMessageKey>;

/** The bytes the deleted recordings freed, in words ("1.2 MB"). */
function freedBytesOf(report: DatabaseCheckReport): number {
  return report.findings.reduce((sum, finding) => sum + (finding.code === 'recording-without-owner' ? finding.bytes : 0), 0);
}

type CheckRun = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; report: DatabaseCheckReport } | { kind: 'failed'; message: string };

/** "Check database": finds and repairs what should never be in the collection, then says what it did. */
export function CheckDatabaseSection() {
  const translator = useT();
  const ts = useScreenT(SETTINGS_MESSAGES);
  const id = useId();
  const [run, setRun] = useState<CheckRun>({ kind: 'idle' });
  const isBusy = run.kind === 'busy';
  const freedSize = (report: DatabaseCheckReport) => bytesFormatter(translator)(freedBytesOf(report));

  async function check() {
    if (isBusy) return;
    setRun({ kind: 'busy' });
    try {
      setRun({ kind: 'done', report: await checkDatabase(Date.now(), ts('recoveredDeckName')) });
    } catch (error) {
      setRun({ kind: 'failed', message: storageErrorMessage(error, translator.t) });
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
            <p>{ts('checkDatabaseRepaired')}</p>
            <ul>
              {run.report.problems.map(({ code, count }) => (
                <li key={code}>{ts(FINDING_MESSAGES[code], { count, deck: ts('recoveredDeckName'), size: freedSize(run.report) })}</li>
              ))}
            </ul>
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
