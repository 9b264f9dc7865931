/**
 * A card as the review screen shows it (question, and the answer once
 * revealed), with its Markdown rendered safely (`markdown.ts`): used by the
 * review screen and wherever a card is previewed.
 */
import { memo, useEffect, useMemo, useReducer, useRef } from 'react';
import { useT, type Translator } from './i18n';
import type { CardContent } from '../domain/types';
import { onRendererLoaded, renderMarkdown } from './markdown';
import { hasMediaRefs, mediaVersion, onMediaLoaded, playSoundFromClick, withMedia, type MediaLabels } from './media';

function mediaLabels(t: Translator['t']): MediaLabels {
  return {
    playSound: (name) => t('playSound', { name }),
    soundMissing: (name) => t('soundMissing', { name }),
    imageMissing: (name) => t('imageMissing', { name }),
  };
}

/**
 * Rendered Markdown; with a `label`, a named region (how tests and screen
 * readers find the question). Images and sounds of stored media files
 * (`media.ts`) are resolved into the HTML before React gets it.
 */
export function MarkdownBlock({ text, className, label }: { text: string; className: string; label?: string }) {
  const { t } = useT();
  const [, rerender] = useReducer((count: number) => count + 1, 0);
  const container = useRef<HTMLDivElement>(null);
  // Re-rendered when marked arrives (text that needs it is empty until then) and
  // when the sanitizer arrives (a card with HTML shows escaped until then).
  useEffect(() => onRendererLoaded(rerender), []);
  const rendered = renderMarkdown(text);
  const labels = useMemo(() => mediaLabels(t), [t]);
  const seenVersion = mediaVersion();
  const media = rendered !== null && hasMediaRefs(rendered) ? withMedia(rendered, labels) : null;
  const hasMedia = media !== null;
  const hasSound = media?.hasSound ?? false;
  // Re-rendered when a file it shows has been read or has arrived (also between this render and now).
  useEffect(() => {
    if (!hasMedia) return;
    const unsubscribe = onMediaLoaded(rerender);
    if (mediaVersion() !== seenVersion) rerender();
    return unsubscribe;
  }, [hasMedia, seenVersion]);
  // The sounds' play buttons are in the HTML: one listener on the block plays them.
  useEffect(() => {
    const element = container.current;
    if (!hasSound || !element) return;
    element.addEventListener('click', playSoundFromClick);
    return () => element.removeEventListener('click', playSoundFromClick);
  }, [hasSound]);
  const region = label === undefined ? {} : { role: 'region', 'aria-label': label };
  if (rendered === null) return <div className={`markdown ${className}`} {...region} aria-busy="true" />;
  return <div ref={container} className={`markdown ${className}`} {...region} dangerouslySetInnerHTML={{ __html: media?.html ?? rendered }} />;
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
