/**
 * Where e2e screenshots go: an ignored folder by default, so a test run never
 * changes tracked files; `npm run screenshots` writes the README's pictures.
 */
export function screenshotPath(name: string): string {
  return process.env.UPDATE_SCREENSHOTS === '1' ? `docs/screenshots/${name}.png` : `test-results/screenshots/${name}.png`;
}
