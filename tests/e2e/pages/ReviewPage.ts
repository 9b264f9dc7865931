/**
 * The review screen, driven the way a person would: by roles and names. It
 * also holds the end of a session ("All done for today"), which the same
 * route shows once the cards run out.
 */
import { expect, type Locator } from '@playwright/test';
import { AppScreen } from './AppScreen';
import type { RatingName } from '../../../src/domain/types';

export type { RatingName };

export class ReviewPage extends AppScreen {
  /** Opens a study link directly, e.g. `/study/all` or `/study/<deck id>`. */
  async open(path = '/study/all'): Promise<void> {
    await this.page.goto(path);
  }

  /** The card on screen: its question, and its answer once revealed. */
  get card(): Locator {
    return this.page.getByRole('article');
  }

  /** The question side (aria-busy while a Markdown card waits for its renderer). */
  get question(): Locator {
    return this.card.getByRole('region', { name: 'Question' });
  }

  /** The answer side, shown after "Show answer". */
  get answerRegion(): Locator {
    return this.page.getByRole('region', { name: 'Answer' });
  }

  get showAnswerButton(): Locator {
    return this.page.getByRole('button', { name: 'Show answer' });
  }

  /** A rating button; its name is the rating and the interval it gives ("Good · 10m"). */
  ratingButton(rating: RatingName): Locator {
    return this.page.getByRole('button', { name: new RegExp(`^${rating}`) });
  }

  get undoButton(): Locator {
    return this.page.getByRole('button', { name: 'Undo' });
  }

  /** The end of the session. */
  get doneHeading(): Locator {
    return this.page.getByRole('heading', { name: 'All done for today' });
  }

  /** Whichever the screen settles on: a card to study, or the end of the session. */
  get cardOrDone(): Locator {
    return this.showAnswerButton.or(this.doneHeading);
  }

  /** The question as shown, once rendered (a Markdown card is blank and aria-busy until marked has loaded). */
  async questionText(): Promise<string> {
    await expect(this.question).not.toHaveAttribute('aria-busy', 'true');
    return (await this.question.innerText()).trim();
  }

  /** "Show answer": the answer appears under the question. */
  async reveal(): Promise<void> {
    await this.showAnswerButton.click();
    await expect(this.answerRegion).toBeVisible();
  }

  async answer(rating: RatingName): Promise<void> {
    await this.ratingButton(rating).click();
  }

  /** Show answer, then rate: one card studied. */
  async studyCard(rating: RatingName): Promise<void> {
    await this.reveal();
    await this.answer(rating);
  }

  async undo(): Promise<void> {
    await this.undoButton.click();
  }

  /** "Remaining cards: 3 new, 0 learning, 0 due" as a screen reader reads it. */
  async remainingText(): Promise<string> {
    return (await this.page.getByText(/^Remaining cards: /).innerText()).trim();
  }

  /** The end screen's "Back to home" link. */
  async backToHome(): Promise<void> {
    await this.page.getByRole('link', { name: 'Back to home' }).click();
  }
}
