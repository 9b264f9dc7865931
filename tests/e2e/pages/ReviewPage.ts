import { expect, type Page } from '@playwright/test';

export type RatingName = 'Again' | 'Hard' | 'Good' | 'Easy';

/** The review screen, driven the way a person would: by roles and names. */
export class ReviewPage {
  constructor(readonly page: Page) {}

  get showAnswerButton() {
    return this.page.getByRole('button', { name: 'Show answer' });
  }

  get card() {
    return this.page.getByRole('article', { name: 'Question' });
  }

  ratingButton(rating: RatingName) {
    return this.page.getByRole('button', { name: new RegExp(`^${rating}`) });
  }

  /** The question as shown, once rendered (a Markdown card is blank and aria-busy until marked has loaded). */
  async questionText(): Promise<string> {
    const front = this.card.locator('.card-front');
    await expect(front).not.toHaveAttribute('aria-busy', 'true');
    return (await front.innerText()).trim();
  }

  async showAnswer() {
    await this.showAnswerButton.click();
    await expect(this.page.getByRole('region', { name: 'Answer' })).toBeVisible();
  }

  async answer(rating: RatingName) {
    await this.ratingButton(rating).click();
  }

  async undo() {
    await this.page.getByRole('button', { name: 'Undo' }).click();
  }

  /** "Remaining cards: 3 new, 0 learning, 0 due" as a screen reader reads it. */
  async remainingText(): Promise<string> {
    return (await this.page.locator('.review-header .visually-hidden').innerText()).trim();
  }
}

export class HomePage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto('/');
    await expect(this.page.getByRole('heading', { name: 'Today' })).toBeVisible();
    await expect(this.page.getByRole('button', { name: /^Study Failure & Learning/ }).first()).toBeVisible();
  }

  async study(deckName: string): Promise<ReviewPage> {
    await this.page.getByRole('button', { name: `Study ${deckName}` }).click();
    const review = new ReviewPage(this.page);
    await expect(review.showAnswerButton).toBeVisible();
    return review;
  }

  /** New cards the deck offers today, read from its counts line. */
  async newCountOf(deckName: string): Promise<number> {
    return Number(/^(\d+) new/.exec(await this.countsOf(deckName))?.[1]);
  }

  /**
   * Studies a fresh deck with Easy until the session ends (nothing comes back
   * today; siblings of answered cards wait until tomorrow); returns how many
   * cards were answered.
   */
  async finishDeck(deckName: string): Promise<number> {
    const offered = await this.newCountOf(deckName);
    const review = await this.study(deckName);
    const done = this.page.getByRole('heading', { name: 'All done for today' });
    let count = 0;
    while (count <= offered) {
      await expect(review.showAnswerButton.or(done)).toBeVisible();
      if (await done.isVisible()) break;
      await review.showAnswer();
      await review.answer('Easy');
      count += 1;
    }
    await expect(done).toBeVisible();
    return count;
  }

  /** The counts line of one deck, e.g. "20 new, 0 learning, 0 due". */
  async countsOf(deckName: string): Promise<string> {
    const row = this.page.getByRole('listitem').filter({ has: this.page.getByRole('heading', { name: deckName, exact: true }) });
    return (await row.locator('.visually-hidden').innerText()).trim();
  }
}
