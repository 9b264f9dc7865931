import { memo, useEffect, useReducer } from 'react';
import { useT } from '../../ui/i18n';
import type { CardRecord } from '../../domain/types';
import { onRendererLoaded, renderMarkdown } from './markdown';

/** Rendered Markdown; with a `label`, a named region (how tests and screen readers find the question). */
function MarkdownBlock({ text, className, label }: { text: string; className: string; label?: string }) {
  const [, rerender] = useReducer((count: number) => count + 1, 0);
  // Re-rendered when marked arrives (text that needs it is empty until then) and
  // when the sanitizer arrives (a card with HTML shows escaped until then).
  useEffect(() => onRendererLoaded(rerender), []);
  const html = renderMarkdown(text);
  const region = label === undefined ? {} : { role: 'region', 'aria-label': label };
  if (html === null) return <div className={`markdown ${className}`} {...region} aria-busy="true" />;
  return <div className={`markdown ${className}`} {...region} dangerouslySetInnerHTML={{ __html: html }} />;
}

/**
 * The card: the question, and the answer under it once revealed. A cloze
 * card's answer is its sentence with the blank filled in and highlighted,
 * so it takes the question's place, as in Anki (the sentence shows once).
 */
export const CardView = memo(function CardView({ card, isRevealed }: { card: CardRecord; isRevealed: boolean }) {
  const { t } = useT();
  const answerReplacesQuestion = isRevealed && card.template === 'cloze';
  return (
    <article className={card.template === 'cloze' ? 'card cloze' : 'card'}>
      {!answerReplacesQuestion && <MarkdownBlock text={card.front} className="card-front" label={t('question')} />}
      {isRevealed && (
        <section className="card-back" aria-label={t('answer')}>
          {!answerReplacesQuestion && <hr />}
          <MarkdownBlock text={card.back} className="card-back-text" />
        </section>
      )}
      {card.source && <p className="card-source">{card.source}</p>}
    </article>
  );
});
