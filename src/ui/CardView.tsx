/**
 * A card as the review screen shows it (question, and the answer once
 * revealed), with its Markdown rendered safely (`markdown.ts`): used by the
 * review screen and wherever a card is previewed.
 */
import { memo, useEffect, useReducer } from 'react';
import { useT } from './i18n';
import type { CardContent } from '../domain/types';
import { onRendererLoaded, renderMarkdown } from './markdown';

/** Rendered Markdown; with a `label`, a named region (how tests and screen readers find the question). */
export function MarkdownBlock({ text, className, label }: { text: string; className: string; label?: string }) {
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
export const CardView = memo(function CardView({
  card,
  isRevealed,
  isPreview = false,
}: {
  card: Pick<CardContent, 'template' | 'front' | 'back' | 'source'>;
  isRevealed: boolean;
  /** One of several cards on a screen (a preview): no named regions, which belong to the one card under review. */
  isPreview?: boolean;
}) {
  const { t } = useT();
  const answerReplacesQuestion = isRevealed && card.template === 'cloze';
  const Answer = isPreview ? 'div' : 'section';
  return (
    <article className={card.template === 'cloze' ? 'card cloze' : 'card'}>
      {!answerReplacesQuestion && <MarkdownBlock text={card.front} className="card-front" {...(isPreview ? {} : { label: t('question') })} />}
      {isRevealed && (
        <Answer className="card-back" {...(isPreview ? {} : { 'aria-label': t('answer') })}>
          {!answerReplacesQuestion && <hr />}
          <MarkdownBlock text={card.back} className="card-back-text" />
        </Answer>
      )}
      {card.source && <p className="card-source">{card.source}</p>}
    </article>
  );
});
