/**
 * The Content-Security-Policy in a real Chromium against the production
 * build: the built index.html carries the policy in a <meta> (vite.config.ts)
 * and has no inline script; no screen, the offline reload through the
 * service worker included, makes the browser block anything; the policy
 * really is enforced (an injected inline script, eval and an inline style
 * are blocked and reported); and the headers in public/_headers (the same
 * policy plus frame-ancestors) break nothing either.
 *
 *   npx vite build --outDir dist-csp
 *   BUILD_OUT_DIR=dist-csp E2E_PORT=4391 npx playwright test tests/e2e/csp.spec.ts
 */
import { expect, test, type ConsoleMessage, type Page } from '@playwright/test';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { headersForAllPaths } from '../helpers/hostHeaders';
import { startStaticServer } from '../helpers/pwa-static-server';
import { AppBrowser } from './pages/AppBrowser';
import { HomePage } from './pages/HomePage';
import { ImportPage } from './pages/ImportPage';

const OUT_DIR = resolve(process.env.BUILD_OUT_DIR ?? 'dist');
const CSV = fileURLToPath(new URL('../fixtures/import/comma-with-names.csv', import.meta.url));
const CSV_DECK = 'comma-with-names';

/** The policy, directive by directive: only the app's own origin, no inline script or style, no eval. */
const POLICY: Record<string, string> = {
  'default-src': "'self'",
  'script-src': "'self' 'report-sample' 'wasm-unsafe-eval'",
  'style-src': "'self' 'report-sample'",
  'img-src': "'self' data: blob:",
  'media-src': "'self' blob:",
  'font-src': "'self'",
  'connect-src': "'self'",
  'worker-src': "'self'",
  'manifest-src': "'self'",
  'frame-src': "'none'",
  'child-src': "'none'",
  'object-src': "'none'",
  'base-uri': "'self'",
  'form-action': "'self'",
};

/**
 * A chapter in Markdown whose cards hold HTML, so marked and DOMPurify both
 * run: a style attribute and a <style> element (which the sanitizer must
 * drop, or the policy would block them), an event handler, a Markdown link.
 */
const HTML_CHAPTER = `# 09. CSP Check

## "Tell me about a time you shipped <b style="color: red">safely</b>"

### STAR Template

\`\`\`
SITUATION:
- A <i>risky</i> release <img src="x" onerror="window.__pwned = 1">
\`\`\`

## Red Flags

\`\`\`
1. Blaming <span style="color: red">others</span><style>body { display: none }</style>
2. Claims with no [numbers](https://example.org)
\`\`\`
`;
const HTML_DECK = 'CSP Check';

interface Violation {
  directive: string;
  blockedURI: string;
  sample: string;
  source: string;
}

interface PolicyWindow {
  __cspViolations: Violation[];
  __recordCspViolation?: (violation: Violation) => Promise<void>;
  __inlineRan?: boolean;
  __evalRan?: boolean;
  __pwned?: number;
}

/**
 * Before any of the page's scripts, in every document the page loads: records
 * each `securitypolicyviolation` event in `window.__cspViolations` and hands
 * it to the test at once (a navigation starts a new window), and collects the
 * browser's console messages about the policy (also from workers).
 */
async function watchPolicy(page: Page): Promise<{ violations: Violation[]; messages: string[] }> {
  const violations: Violation[] = [];
  const messages: string[] = [];
  const onConsole = (message: ConsoleMessage) => {
    if (/Content Security Policy/i.test(message.text())) messages.push(message.text());
  };
  page.on('console', onConsole);
  page.on('worker', (worker) => worker.on('console', onConsole));
  await page.exposeFunction('__recordCspViolation', (violation: Violation) => {
    violations.push(violation);
  });
  await page.addInitScript(() => {
    const policyWindow = window as unknown as PolicyWindow;
    policyWindow.__cspViolations = [];
    document.addEventListener(
      'securitypolicyviolation',
      (event) => {
        const violation = {
          directive: event.effectiveDirective,
          blockedURI: event.blockedURI,
          sample: event.sample,
          source: `${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`,
        };
        policyWindow.__cspViolations.push(violation);
        void policyWindow.__recordCspViolation?.(violation);
      },
      true,
    );
  });
  return { violations, messages };
}

/** A policy string as directive -> sources. */
function parsePolicy(policy: string): Record<string, string> {
  const directives: Record<string, string> = {};
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives[name.toLowerCase()] = sources.join(' ');
  }
  return directives;
}


/** The policy the document in `page` was loaded with, from its <meta>. */
async function metaPolicy(page: Page): Promise<string | null> {
  return page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? null);
}

test('the built index.html carries the policy in a <meta> and has no inline script', async ({ request }) => {
  for (const path of ['/', '/study/anything']) {
    const html = await (await request.get(path)).text();
    const metas = [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/gi)];
    expect(metas, `${path}: one CSP <meta>`).toHaveLength(1);
    expect(parsePolicy(metas[0]?.[1] ?? '')).toEqual(POLICY);
    // Before every script and stylesheet, so it covers them all.
    const metaAt = html.indexOf('http-equiv="Content-Security-Policy"');
    for (const tag of ['<script', '<link']) expect(html.indexOf(tag), tag).toBeGreaterThan(metaAt);
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [tag, attributes, body] of scripts) {
      expect(attributes, `inline script: ${tag}`).toMatch(/\bsrc="\//);
      expect(body?.trim(), `inline script: ${tag}`).toBe('');
    }
    expect(html, 'no inline style').not.toMatch(/<style\b|\sstyle="/i);
  }
});

test('no screen violates the policy: home, review with undo, end of session, settings, deck options, import, offline reload', async ({
  context,
  page,
}, testInfo) => {
  const watched = await watchPolicy(page);
  const app = new AppBrowser(page);
  const home = new HomePage(page);

  await app.goto('/');
  await app.waitForServiceWorkerControl();
  await expect(home.heading).toBeVisible();
  expect(parsePolicy((await metaPolicy(page)) ?? '')).toEqual(POLICY);

  // A review session from the home screen's Study button: show answer, Good, undo.
  const review = await home.openDeck('Failure & Learning: Questions');
  await expect(page).toHaveURL(/\/study\//);
  const before = await app.storedLogCount();
  await review.reveal();
  await review.answer('Good');
  await app.expectStoredLogCount(before + 1);
  await review.undo();
  await app.expectStoredLogCount(before);
  await expect(review.showAnswerButton).toBeVisible();

  // Settings, with a backup download (a blob: URL).
  await review.goHome();
  const settings = await home.openSettings();
  await settings.downloadBackup(testInfo.outputPath('backup.json'));

  // The deck options screen linked from home.
  await settings.goHome();
  const options = await home.openDeckOptions('Failure & Learning: Red Flags');

  // Import (parsed in the Web Worker): a CSV file, then a Markdown chapter with HTML in it.
  await options.goHome();
  const importer = await home.openImport();
  await importer.choose(CSV);
  await importer.confirm();
  await importer.chooseText('09-csp-check.md', 'text/markdown', HTML_CHAPTER);
  await expect(importer.deckNameField).toHaveValue(HTML_DECK);
  await importer.confirm();

  // Study the HTML cards (marked and DOMPurify) to the end of the session.
  await importer.goHome();
  const htmlReview = await home.openDeck(HTML_DECK);
  // The question (with <b>) and one card per red flag (one with <span>, one with a link).
  const elementsSeen = new Set<string>();
  for (let index = 0; index < 3; index += 1) {
    await htmlReview.reveal();
    // Rendered through the sanitizer, not escaped while it loads: real elements, no "<" left.
    const rendered = htmlReview.question.or(htmlReview.answerRegion);
    await expect.poll(async () => (await rendered.allInnerTexts()).join('\n')).not.toContain('<');
    for (const tag of ['b', 'span', 'a']) if ((await rendered.locator(tag).count()) > 0) elementsSeen.add(tag);
    const styled = await htmlReview.card.evaluate((card) => card.querySelectorAll('[style], style').length);
    expect(styled, 'no style attribute or element survives the sanitizer').toBe(0);
    await htmlReview.answer('Easy');
  }
  await expect(htmlReview.doneHeading).toBeVisible();
  expect([...elementsSeen].sort()).toEqual(['a', 'b', 'span']);
  expect(await page.evaluate(() => (window as unknown as PolicyWindow).__pwned)).toBeUndefined();

  // The CSV deck too, through the home screen again.
  await htmlReview.goHome();
  expect(await home.finishDeck(CSV_DECK)).toBe(2);
  await expect(review.doneHeading).toBeVisible();

  // Offline: the service worker serves the page, with the same policy.
  await context.setOffline(true);
  try {
    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    await expect(review.doneHeading).toBeVisible();
    expect(parsePolicy((await metaPolicy(page)) ?? '')).toEqual(POLICY);
    const offlineHome = await app.goto('/');
    expect(offlineHome?.fromServiceWorker()).toBe(true);
    await expect(home.heading).toBeVisible();
    await home.openDeck('Failure & Learning: Red Flags');
    await page.reload();
    await expect(review.showAnswerButton).toBeVisible();
  } finally {
    await context.setOffline(false);
  }

  // Events are dispatched in a task of their own: let any pending one arrive.
  await page.evaluate(() => new Promise((done) => setTimeout(done, 100)));
  expect(await page.evaluate(() => (window as unknown as PolicyWindow).__cspViolations)).toEqual([]);
  expect(watched.violations).toEqual([]);
  expect(watched.messages).toEqual([]);
});

test('the policy is enforced: an injected inline script, eval and an inline style are blocked and reported', async ({ page }) => {
  const watched = await watchPolicy(page);
  await new AppBrowser(page).goto('/');
  await expect(new HomePage(page).heading).toBeVisible();

  const outcome = await page.evaluate(async () => {
    const policyWindow = window as unknown as PolicyWindow;
    // HTML parsed with innerHTML, then its script re-created with createElement
    // (what a script-"activating" library does): without the policy it runs.
    const holder = document.createElement('div');
    holder.innerHTML = '<script>window.__inlineRan = true</script>';
    for (const parsed of holder.querySelectorAll('script')) {
      const script = document.createElement('script');
      script.textContent = parsed.textContent;
      document.body.append(script);
    }
    // eval from the page's own task: inside page.evaluate itself, DevTools lifts the eval check.
    const evalError = await new Promise<string>((done) =>
      setTimeout(() => {
        try {
          eval('window.__evalRan = true');
          done('');
        } catch (error) {
          done(String(error));
        }
      }),
    );
    const styled = document.createElement('p');
    styled.setAttribute('style', 'color: rgb(255, 0, 0)');
    document.body.append(styled);
    const color = getComputedStyle(styled).color;
    await new Promise((done) => setTimeout(done, 100));
    return { inlineRan: policyWindow.__inlineRan ?? false, evalRan: policyWindow.__evalRan ?? false, evalError, color, recorded: policyWindow.__cspViolations };
  });

  expect(outcome.inlineRan).toBe(false);
  expect(outcome.evalRan).toBe(false);
  expect(outcome.evalError).toMatch(/EvalError/);
  expect(outcome.color).not.toBe('rgb(255, 0, 0)');
  expect(outcome.recorded).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ directive: 'script-src-elem', blockedURI: 'inline', sample: 'window.__inlineRan = true' }),
      expect.objectContaining({ directive: 'script-src', blockedURI: 'eval' }),
      expect.objectContaining({ directive: 'style-src-attr', blockedURI: 'inline', sample: 'color: rgb(255, 0, 0)' }),
    ]),
  );
  expect(watched.violations).toHaveLength(outcome.recorded.length);
  // Chromium also says so in the console (for the script and the style; eval only throws).
  expect(watched.messages).toEqual(expect.arrayContaining([expect.stringMatching(/inline script/), expect.stringMatching(/inline style/)]));
});

test('the headers in public/_headers: the same policy plus frame-ancestors, and nothing violates them', async ({ page }) => {
  const headers = headersForAllPaths();
  expect(parsePolicy(headers['Content-Security-Policy'] ?? '')).toEqual({ ...POLICY, 'frame-ancestors': "'none'" });
  expect(headers['X-Content-Type-Options']).toBe('nosniff');
  expect(headers['Referrer-Policy']).toBe('no-referrer');

  // Served as a static host would serve them: the header policy and the
  // <meta> both apply, and the import worker gets the header policy too.
  const server = await startStaticServer(OUT_DIR, headers);
  try {
    const watched = await watchPolicy(page);
    const app = new AppBrowser(page, server.url);
    const response = await app.goto('/');
    expect(response?.headers()['content-security-policy']).toBe(headers['Content-Security-Policy']);
    await app.waitForServiceWorkerControl();
    const home = new HomePage(page);
    await expect(home.heading).toBeVisible();
    const review = await home.studyAll();
    await review.studyCard('Good');
    await app.goto('/import');
    const importer = new ImportPage(page);
    await importer.choose(CSV);
    await importer.confirm();
    await page.evaluate(() => new Promise((done) => setTimeout(done, 100)));
    expect(watched.violations).toEqual([]);
    expect(watched.messages).toEqual([]);

    // frame-ancestors 'none': another page that frames the app gets Chromium's error page instead.
    await page.goto('about:blank');
    await page.setContent(`<iframe src="${server.url}/" title="app"></iframe>`);
    await expect.poll(() => page.frames().map((frame) => frame.url())).toContain('chrome-error://chromewebdata/');
    await expect(page.frameLocator('iframe').getByRole('heading', { name: 'Today' })).toHaveCount(0);
  } finally {
    await server.close();
  }
});
