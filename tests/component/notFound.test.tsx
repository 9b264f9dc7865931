// Unknown paths and ids that name nothing show "not found" with a way home,
// never a blank page or a false "All done".
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderAppAt } from '../helpers/renderApp';
import { freshAppForEachTest } from '../helpers/componentApp';

freshAppForEachTest();

describe('not found', () => {
  const cases: [string, RegExp][] = [
    ['/no/such/page', /nothing at this address/i],
    ['/deck/nope/options', /deck does not exist/i],
    ['/study/nope', /deck does not exist/i],
    ['/study/nope,other', /deck does not exist/i],
  ];
  for (const [path, text] of cases) {
    it(`${path} says so and links home`, async () => {
      const user = renderAppAt(path);
      expect(await screen.findByRole('heading', { name: 'Page not found', level: 1 })).toBeInTheDocument();
      expect(screen.getByText(text)).toBeInTheDocument();
      expect(screen.queryByText(/all done/i)).not.toBeInTheDocument();
      await user.click(screen.getByRole('link', { name: 'Back to home' }));
      expect(await screen.findByRole('heading', { name: 'Today', level: 1 })).toBeInTheDocument();
    });
  }

  it('a study link naming one existing and one unknown deck studies the existing one', async () => {
    renderAppAt('/study/failure-learning-questions,nope');
    expect(await screen.findByRole('button', { name: /show answer/i })).toBeInTheDocument();
  });
});
