/**
 * Coverage: for every question in the decks (grouped by deck), how many
 * stories are ready for it, the uncovered ones marked with a way to write
 * one; for every signal the decks list, the stories that show it. Every
 * count is also said in words (no meaning by colour alone).
 */
import './stories.css';
import { coverageOf, type StoryRecord } from '../../domain/stories';
import { STORE } from '../../storage';
import { listStories, loadQuestions, type QuestionInfo } from '../../storage/stories';
import { useScreenT, useT } from '../../ui/i18n';
import { STORIES_MESSAGES } from '../../ui/i18n/screens/stories';
import { Link } from '../../ui/Link';
import { storyEditPath, storyPath, STORIES_PATH } from '../../ui/paths';
import { ScreenHeader } from '../../ui/ScreenHeader';
import { storageErrorMessage } from '../../ui/storageErrorMessage';
import { useStoryRead } from './useStoryRead';

const TABLES = [STORE.stories, STORE.notes, STORE.decks] as const;

async function readCoverage() {
  const [{ questions, signals }, stories] = await Promise.all([loadQuestions(), listStories()]);
  const coverage = coverageOf(
    questions.map((question) => ({ id: question.noteId })),
    signals,
    stories,
  );
  return { questions, stories, coverage };
}

/** Links to the stories named by `storyIds`, by title. */
function StoryLinks({ storyIds, stories }: { storyIds: readonly string[]; stories: ReadonlyMap<string, StoryRecord> }) {
  return (
    <ul className="coverage-stories">
      {storyIds.map((storyId) => (
        <li key={storyId}>
          <Link href={storyPath(storyId)}>{stories.get(storyId)?.title ?? storyId}</Link>
        </li>
      ))}
    </ul>
  );
}

export default function CoverageScreen() {
  const { t } = useT();
  const ts = useScreenT(STORIES_MESSAGES);
  const { value, error } = useStoryRead(readCoverage, 'coverage', TABLES);

  return (
    <div className="coverage-screen">
      <ScreenHeader title={ts('coverageTitle')} />
      <p>
        <Link href={STORIES_PATH}>{ts('storyBackToList')}</Link>
      </p>
      {error !== null && (
        <p role="alert" className="banner error">
          {ts('storiesReadFailed', { reason: storageErrorMessage(error, t) })}
        </p>
      )}
      {value === undefined && error === null && <p className="muted">{t('loadingScreen')}</p>}
      {value && <CoverageLists {...value} />}
    </div>
  );
}

function CoverageLists({ questions, stories, coverage }: Awaited<ReturnType<typeof readCoverage>>) {
  const ts = useScreenT(STORIES_MESSAGES);
  const byId = new Map(stories.map((story) => [story.id, story]));
  const storyIdsOf = new Map(coverage.questions.map((entry) => [entry.noteId, entry.storyIds]));
  const coveredQuestions = coverage.questions.filter((entry) => entry.storyIds.length > 0).length;
  const coveredSignals = coverage.signals.filter((entry) => entry.storyIds.length > 0).length;
  const groups: { deckId: string; deckName: string; questions: QuestionInfo[] }[] = [];
  for (const question of questions) {
    const group = groups.at(-1);
    if (group?.deckId === question.deckId) group.questions.push(question);
    else groups.push({ deckId: question.deckId, deckName: question.deckName, questions: [question] });
  }

  return (
    <>
      <ul className="coverage-summary">
        <li>{ts('coverageSummary', { covered: coveredQuestions, count: questions.length })}</li>
        {coverage.signals.length > 0 && <li>{ts('coverageSignalsSummary', { covered: coveredSignals, count: coverage.signals.length })}</li>}
      </ul>

      <section aria-labelledby="coverage-questions">
        <h2 id="coverage-questions">{ts('coverageQuestionsHeading')}</h2>
        {questions.length === 0 && <p className="muted">{ts('coverageNoQuestions')}</p>}
        {groups.map((group, groupIndex) => (
          <section key={`${group.deckId}-${groupIndex}`} aria-labelledby={`coverage-deck-${groupIndex}`} className="coverage-deck">
            <h3 id={`coverage-deck-${groupIndex}`}>{group.deckName}</h3>
            <ul className="coverage-list">
              {group.questions.map((question) => {
                const storyIds = storyIdsOf.get(question.noteId) ?? [];
                const isCovered = storyIds.length > 0;
                return (
                  <li key={question.noteId} className={isCovered ? 'coverage-item covered' : 'coverage-item uncovered'}>
                    <p className="coverage-line">{question.line}</p>
                    {isCovered ? (
                      <>
                        <p className="coverage-count">{ts('coverageStoryCount', { count: storyIds.length })}</p>
                        <StoryLinks storyIds={storyIds} stories={byId} />
                      </>
                    ) : (
                      <div className="coverage-missing">
                        <p className="coverage-count">{ts('coverageNoStory')}</p>
                        <Link href={storyEditPath(null, question.noteId)} className="button" aria-label={ts('coverageWriteOneFor', { question: question.line })}>
                          {ts('coverageWriteOne')}
                        </Link>
                      </div>
                    )}
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
      </section>

      <section aria-labelledby="coverage-signals">
        <h2 id="coverage-signals">{ts('coverageSignalsHeading')}</h2>
        {coverage.signals.length === 0 ? (
          <p className="muted">{ts('coverageNoSignals')}</p>
        ) : (
          <ul className="coverage-list">
            {coverage.signals.map((entry) => (
              <li key={entry.signal} className={entry.storyIds.length > 0 ? 'coverage-item covered' : 'coverage-item uncovered'}>
                <p className="coverage-line">{entry.signal}</p>
                {entry.storyIds.length > 0 ? (
                  <>
                    <p className="coverage-count">{ts('coverageStoryCount', { count: entry.storyIds.length })}</p>
                    <StoryLinks storyIds={entry.storyIds} stories={byId} />
                  </>
                ) : (
                  <p className="coverage-count">{ts('coverageNoSignalStory')}</p>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
