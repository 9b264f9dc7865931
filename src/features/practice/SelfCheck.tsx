import { useId, useState, type ReactNode } from 'react';
import type { PracticeT } from './practiceFormat';

/** Our own prompts, asked of every answer. */
const OWN_CHECKS = ['checkShortSituation', 'checkPersonal', 'checkNumbers', 'checkLearned', 'checkInTime'] as const;

/**
 * The self-check after an answer: our own prompts, the signals interviewers
 * look for ("Did it show …?") and the red flags to avoid ("Avoided: …").
 * The ticks live only on this screen: they are not stored.
 */
export function SelfCheck({ signals, redFlags, tp }: { signals: readonly string[]; redFlags: readonly string[]; tp: PracticeT }) {
  const baseId = useId();
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  const total = OWN_CHECKS.length + signals.length + redFlags.length;

  function toggle(key: string) {
    setTicked((current) => {
      const next = new Set(current);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  }

  function item(key: string, label: ReactNode) {
    return (
      <li key={key}>
        <label className="self-check-item">
          <input type="checkbox" checked={ticked.has(key)} onChange={() => toggle(key)} />
          <span>{label}</span>
        </label>
      </li>
    );
  }

  // Signals and red flags are the decks' own words (content), not the app's.
  const [signalBefore = '', signalAfter = ''] = tp('checkSignal', { signal: '\u0000' }).split('\u0000');
  const [flagBefore = '', flagAfter = ''] = tp('checkRedFlag', { flag: '\u0000' }).split('\u0000');

  return (
    <section className="practice-section self-check" aria-labelledby={`${baseId}-title`}>
      <h2 id={`${baseId}-title`}>{tp('selfCheckTitle')}</h2>
      <p className="help">{tp('selfCheckHelp')}</p>
      <h3 id={`${baseId}-own`}>{tp('selfCheckOwnWords')}</h3>
      <ul className="self-check-list" aria-labelledby={`${baseId}-own`}>
        {OWN_CHECKS.map((key) => item(key, tp(key)))}
      </ul>
      {signals.length > 0 && (
        <>
          <h3 id={`${baseId}-signals`}>{tp('selfCheckSignals')}</h3>
          <ul className="self-check-list" aria-labelledby={`${baseId}-signals`}>
            {signals.map((signal) =>
              item(
                `signal:${signal}`,
                <>
                  {signalBefore}
                  <span className="card-text">{signal}</span>
                  {signalAfter}
                </>,
              ),
            )}
          </ul>
        </>
      )}
      {redFlags.length > 0 && (
        <>
          <h3 id={`${baseId}-flags`}>{tp('selfCheckRedFlags')}</h3>
          <ul className="self-check-list" aria-labelledby={`${baseId}-flags`}>
            {redFlags.map((flag) =>
              item(
                `flag:${flag}`,
                <>
                  {flagBefore}
                  <span className="card-text">{flag}</span>
                  {flagAfter}
                </>,
              ),
            )}
          </ul>
        </>
      )}
      <p className="help" aria-live="polite">
        {tp('selfCheckCount', { count: ticked.size, total })}
      </p>
    </section>
  );
}
