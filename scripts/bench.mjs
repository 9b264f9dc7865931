#!/usr/bin/env node
/**
 * `npm run bench`: performance budgets of the production build in a real
 * Chromium at a phone viewport (390x844) with the CPU slowed 4x.
 *
 * 1. Builds the app into dist-bench/ (BUILD_OUT_DIR) and, with a separate
 *    Vite build, the bench-only seeding page bench/seed.html into
 *    dist-bench/__bench/ (after the app build, so it is not in the service
 *    worker's precache and never in the app's dist/).
 * 2. Serves dist-bench/ with `vite preview` and, for 1k / 10k / 100k cards,
 *    in a fresh browser profile: seeds the database through the app's storage
 *    code (bench/seed.ts), measures the storage floor and the queries, visits
 *    the app once (service worker + built-in decks), goes offline and measures
 *    cold start to the first card, home-screen counts, answer latency and the
 *    JS heap.
 *    At 10k cards (or the first size without 10k) it also measures the
 *    cold-start reference: a bare React + Dexie page (bench/bare/: the same
 *    database, three decks' counts, rendered once) and an empty page, each
 *    built into dist-bench/__bare/ and __empty/ and served offline by a
 *    minimal precaching service worker (bench/reference-sw.js), cold starts
 *    interleaved with the app's home; it reports their largest contentful
 *    paint and counts in the DOM, and the app / bare ratios.
 * 3. Measures the 10,000-row CSV import through the import screen, and the
 *    initial download and precache sizes.
 * 4. Prints a table with PASS/FAIL per budget and writes bench/results.json.
 *
 * Usage: npm run bench [-- --strict] [--sizes=1000,10000,100000] [--profile] [--no-build] [--port=4790]
 *   --strict   exit 1 when a budget fails or a budgeted figure could not be measured
 *   --profile  also record CPU profiles (one cold start, 30 answers and a home open at
 *              10k cards, one import) and add where the main thread's time went
 *              (by source file and by function)
 *   --trace    also record a Chrome trace of one cold start (study and home) at the
 *              smallest size into dist-bench/trace-*.json and print the main thread's
 *              timeline (diagnostics; not committed)
 *   --only=cold,home,answers,import,apkg,reference,upgrade,browse,practice,retention,stats,optimizer   measure only these parts (quicker iterations);
 *              the reference alone: --only=reference --sizes=10000 (about 1-1.5 minutes)
 * Environment: APKG_RUNS=n runs the package import n times (default 3);
 * BENCH_STATS_DIAG=1 prints what Stats' longest traced tasks were made of
 * (wall and CPU time, layouts' box counts) and a profile.
 */
import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync, gzipSync } from 'node:zlib';
import { chromium, devices } from 'playwright-core';
import { buildApkg } from './apkgBuilder.mjs';
import { CHROMIUM_ARGS, FAKE_MICROPHONE_ARGS, resolveChromium } from './chromium.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(ROOT, 'dist-bench');
const SEED_DIR = join(OUT_DIR, '__bench');
/** The reference pages' folders in dist-bench/ (each its own service-worker scope). */
const REFERENCE_DIRS = { bare: '__bare', empty: '__empty' };
const RESULTS = join(ROOT, 'bench', 'results.json');
const VITE = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');

const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name, fallback) => {
  const found = args.find((arg) => arg.startsWith(`--${name}=`));
  return found ? found.slice(name.length + 3) : fallback;
};
const STRICT = flag('strict');
const PROFILE = flag('profile');
const TRACE = flag('trace');
const ONLY = new Set(option('only', 'cold,home,answers,import,apkg,reference,upgrade,browse,practice,retention,stats,optimizer').split(','));
const BUILD = !flag('no-build');
const PORT = Number(option('port', '4790'));
const SIZES = option('sizes', '1000,10000,100000').split(',').map(Number);
const BASE = `http://localhost:${PORT}`;
const CPU_SLOWDOWN = 4;
const VIEWPORT = { width: 390, height: 844 };
const DECK_SIZE = 10_000;
const COLD_RUNS = 15;
const HOME_RUNS = 9;
const IMPORT_ROWS = 10_000;
const IMPORT_RUNS = 5;
const FLOOR_RUNS = 60;
const answersAt = (size) => (size >= 100_000 ? 200 : 60);
const STUDY_DECK = 'bench-0';
/** The size at which the app's home is measured against the reference pages. */
const REFERENCE_SIZE = SIZES.includes(10_000) ? 10_000 : SIZES[0];
const REFERENCE_RUNS = 9;
/** After its mark, a page is left until no new LCP candidate came for this long (at most LCP_SETTLE_CAP_MS). */
const LCP_QUIET_MS = 800;
const LCP_SETTLE_CAP_MS = 5000;


const BUDGETS = [
  { id: 'initialJsCssGzip', label: 'Initial JS + CSS (gzip)', unit: 'KB', limit: 150, value: (r) => r.size.initialGzipBytes / 1024 },
  { id: 'coldStart10k', label: 'Cold start offline to first card, 10k, median', unit: 'ms', limit: 1000, value: (r) => r.sizes['10000']?.coldStart?.median },
  { id: 'answer10kMedian', label: 'Answer latency 10k, median', unit: 'ms', limit: 16, value: (r) => r.sizes['10000']?.answer?.median },
  { id: 'answer10kP95', label: 'Answer latency 10k, p95', unit: 'ms', limit: 50, value: (r) => r.sizes['10000']?.answer?.p95 },
  { id: 'answerWriteAfterFrame10k', label: 'Answers whose write was not issued before the next frame, 10k', unit: 'answers', limit: 0, value: (r) => r.sizes['10000']?.answersIssuedAfterFrame },
  { id: 'answer100kP95', label: 'Answer latency 100k, p95', unit: 'ms', limit: 100, value: (r) => r.sizes['100000']?.answer?.p95 },
  { id: 'homeCounts100k', label: 'Home counts 100k, median', unit: 'ms', limit: 100, value: (r) => r.sizes['100000']?.homeCounts?.median },
  // Issue 14: the import as a ratio to the platform's floor for the same records (a note and a card per row), measured in the same run, and its preview in absolute time.
  { id: 'importPreview10k', label: '10k-row CSV import: file chosen -> preview painted, median', unit: 'ms', limit: 500, value: (r) => r.import?.fileToPreview?.median },
  { id: 'importWriteOverFloor10k', label: '10k-row CSV import: write / floor (native adds of its notes and cards)', unit: 'x', limit: 1.3, value: (r) => r.import?.writeOverFloor },
  // Issue 15: Browse and the note editor at 100k cards.
  { id: 'browseFirstRows100k', label: 'Browse opened -> first rows painted, 100k, median', unit: 'ms', limit: 300, value: (r) => r.sizes['100000']?.browse?.firstRows?.median },
  { id: 'browseKeystroke100kMedian', label: 'Browse search: keystroke -> results painted, 100k, median', unit: 'ms', limit: 100, value: (r) => r.sizes['100000']?.browse?.keystroke?.median },
  { id: 'browseKeystroke100kP95', label: 'Browse search: keystroke -> results painted, 100k, p95', unit: 'ms', limit: 200, value: (r) => r.sizes['100000']?.browse?.keystroke?.p95 },
  { id: 'browseScrollDropped100k', label: 'Browse: frames dropped scrolling 1,000 rows, 100k', unit: '%', limit: 5, value: (r) => r.sizes['100000']?.browse?.scroll?.droppedPercent },
  { id: 'editToReview100k', label: 'Edit saved -> review shows the new text, 100k, median', unit: 'ms', limit: 50, value: (r) => r.sizes['100000']?.editInReview?.median },
  // Issue 17: Stats at 100k cards / ~266k answers, counted in a worker.
  { id: 'apkgPreview10k', label: 'Anki package, 10k notes + 1k images: file chosen -> preview painted', unit: 'ms', limit: 3000, value: (r) => r.apkg?.toPreview?.median },
  { id: 'apkgWrite10k', label: 'Anki package, 10k notes + 1k images: Import -> written and said', unit: 'ms', limit: 5000, value: (r) => r.apkg?.toDone?.median },
  { id: 'apkgWriteOverFloor10k', label: 'Anki package, 10k notes + 1k images: write / floor (native adds of the records it wrote)', unit: 'x', limit: 1.3, value: (r) => r.apkg?.writeOverFloor },
  { id: 'apkgMemory10k', label: 'Anki package, 10k notes + 1k images: peak memory of the tab (page + import worker)', unit: 'MB', limit: 300, value: (r) => r.apkg?.peakRendererMb },
  { id: 'statsCharts100k', label: 'Stats opened -> every chart painted, 100k, median', unit: 'ms', limit: 500, value: (r) => r.sizes['100000']?.stats?.painted?.median },
  { id: 'statsLongestTask100k', label: 'Stats: longest main-thread task while it opens, 100k', unit: 'ms', limit: 50, value: (r) => r.sizes['100000']?.stats?.longestTask?.max },
  // Issue 17: the desired retention's cost, simulated over the preset's cards on each slider move.
  { id: 'retentionCost10k', label: 'Retention slider moved -> its 30-day cost painted, 10k cards, median', unit: 'ms', limit: 300, value: (r) => r.sizes['10000']?.retentionCost?.median },
  { id: 'retentionCost10kMax', label: 'Retention slider moved -> its 30-day cost painted, 10k cards, slowest', unit: 'ms', limit: 300, value: (r) => r.sizes['10000']?.retentionCost?.max },
  // Issue 17: the FSRS optimizer on the 100k-card history (about 266k logs) in Chromium at 1x CPU, its worker and wasm included.
  { id: 'optimizer100k', label: 'Optimizer on the 100k-card history, 1x CPU: Optimize -> scores shown', unit: 'ms', limit: 60_000, value: (r) => r.sizes['100000']?.optimizer?.totalMs },
  // Issue 16: practice aloud's recorder, with Chromium's fake microphone.
  { id: 'practiceIndicator', label: 'Practice: microphone granted -> recording indicator painted, median', unit: 'ms', limit: 100, value: (r) => r.practice?.indicator?.median },
  { id: 'practiceStopPlayable2min', label: 'Practice: Stop -> a 2-minute take playable', unit: 'ms', limit: 300, value: (r) => r.practice?.stopToPlayableMs },
  { id: 'practiceTake2minSize', label: 'Practice: size of a 2-minute recording', unit: 'MB', limit: 2, value: (r) => r.practice?.twoMinuteMB },
  // Issue 13: the first start of schema 2 over a large version-1 collection.
  { id: 'upgrade100k', label: 'A 100k-card version-1 database: open, schema-2 upgrade and home counts', unit: 'ms', limit: 10_000, value: (r) => r.upgrade?.ms },
  { id: 'heap100k', label: 'JS heap after 200 answers, 100k', unit: 'MB', limit: 50, value: (r) => r.sizes['100000']?.heapAfterAnswers?.usedMB },
  // The goal of issue 12: the app's home as fast as a bare React + Dexie page reading the same counts.
  { id: 'homeLcpOverBare', label: `App home LCP / bare React + Dexie page LCP, offline cold, ${REFERENCE_SIZE / 1000}k`, unit: 'x', limit: 1.0, value: (r) => r.sizes[String(REFERENCE_SIZE)]?.reference?.ratio?.lcp },
  { id: 'homeCountsDomOverBare', label: `App home / bare page, counts in the DOM, offline cold, ${REFERENCE_SIZE / 1000}k`, unit: 'x', limit: 1.0, value: (r) => r.sizes[String(REFERENCE_SIZE)]?.reference?.ratio?.countsDom },
];

// ---------------------------------------------------------------------------
// Small helpers

function log(message) {
  process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

function quantile(sorted, q) {
  if (sorted.length === 0) return null;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index];
}

/** Median, p95 (nearest rank), min, max and run count, rounded to 0.1. */
function stats(samples) {
  const sorted = samples.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  const round = (value) => (value === null ? null : Math.round(value * 10) / 10);
  return {
    median: round(quantile(sorted, 0.5)),
    p95: round(quantile(sorted, 0.95)),
    min: round(sorted[0] ?? null),
    max: round(sorted.at(-1) ?? null),
    runs: sorted.length,
  };
}

function run(command, commandArgs, env = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, commandArgs, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolvePromise(output) : reject(new Error(`${command} ${commandArgs.join(' ')} failed (${code}):\n${output}`))));
  });
}


// ---------------------------------------------------------------------------
// Build and serve

async function build() {
  log('building the app into dist-bench/ ...');
  const started = Date.now();
  // 'hidden' source maps: the shipped JS is byte-identical to a normal build
  // (no sourceMappingURL comment; .map files are not in the precache glob);
  // the maps only let --profile name source files.
  const { build: viteBuild } = await import('vite');
  process.env.BUILD_OUT_DIR = 'dist-bench';
  await viteBuild({ root: ROOT, logLevel: 'warn', build: { sourcemap: PROFILE ? 'hidden' : false } });
  log(`app built in ${((Date.now() - started) / 1000).toFixed(1)} s; building bench/seed.html ...`);
  await viteBuild({
    configFile: false,
    root: join(ROOT, 'bench'),
    base: '/__bench/',
    logLevel: 'warn',
    build: {
      outDir: SEED_DIR,
      emptyOutDir: true,
      target: 'es2022',
      rollupOptions: { input: join(ROOT, 'bench', 'seed.html') },
    },
  });
  await buildReferencePages(viteBuild);
}

/** Every file under `dir`, as paths relative to it with forward slashes. */
async function filesUnder(dir) {
  const names = await readdir(dir, { recursive: true });
  const files = [];
  for (const name of names) if ((await stat(join(dir, name))).isFile()) files.push(name.replaceAll('\\', '/'));
  return files.sort();
}

/**
 * The cold-start reference pages, after the app build (so they are not in
 * its precache): bench/bare/ (React + Dexie, no plugins) built by Vite into
 * dist-bench/__bare/, bench/empty/index.html copied into dist-bench/__empty/,
 * and into each folder bench/reference-sw.js with that folder's files as its
 * precache list.
 */
async function buildReferencePages(viteBuild) {
  const bareDir = join(OUT_DIR, REFERENCE_DIRS.bare);
  const emptyDir = join(OUT_DIR, REFERENCE_DIRS.empty);
  await viteBuild({
    configFile: false,
    root: join(ROOT, 'bench', 'bare'),
    base: `/${REFERENCE_DIRS.bare}/`,
    logLevel: 'warn',
    build: { outDir: bareDir, emptyOutDir: true, target: 'es2022' },
  });
  await mkdir(emptyDir, { recursive: true });
  await copyFile(join(ROOT, 'bench', 'empty', 'index.html'), join(emptyDir, 'index.html'));
  const worker = await readFile(join(ROOT, 'bench', 'reference-sw.js'), 'utf8');
  if (!worker.includes(`['/*PRECACHE*/']`)) throw new Error('bench/reference-sw.js: no PRECACHE placeholder');
  for (const folder of Object.values(REFERENCE_DIRS)) {
    const dir = join(OUT_DIR, folder);
    const urls = (await filesUnder(dir)).filter((file) => file !== 'sw.js').map((file) => `/${folder}/${file}`);
    await writeFile(join(dir, 'sw.js'), worker.replace(`['/*PRECACHE*/']`, JSON.stringify(urls)));
  }
}

/**
 * Installs the reference pages' service workers from `page` (a page of the
 * origin no service worker controls: the seeding page), before the app's
 * first visit; each has its own scope, so the app's worker (scope /) never
 * answers for them.
 */
async function installReferenceWorkers(page) {
  await page.evaluate(async (folders) => {
    for (const folder of folders) {
      const registration = await navigator.serviceWorker.register(`/${folder}/sw.js`, { scope: `/${folder}/` });
      const worker = registration.installing ?? registration.waiting ?? registration.active;
      if (!worker) throw new Error(`no service worker for /${folder}/`);
      await new Promise((resolvePromise, reject) => {
        const check = () => {
          if (worker.state === 'activated') resolvePromise(undefined);
          if (worker.state === 'redundant') reject(new Error(`the service worker of /${folder}/ failed to install`));
        };
        worker.addEventListener('statechange', check);
        check();
      });
    }
  }, Object.values(REFERENCE_DIRS));
}

async function startServer() {
  const child = spawn(process.execPath, [VITE, 'preview', '--outDir', OUT_DIR, '--port', String(PORT), '--strictPort'], {
    cwd: ROOT,
    env: { ...process.env, BUILD_OUT_DIR: 'dist-bench' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  for (let i = 0; i < 100; i += 1) {
    if (child.exitCode !== null) throw new Error(`vite preview exited:\n${output}`);
    try {
      const response = await fetch(`${BASE}/__bench/seed.html`);
      if (response.ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error(`vite preview did not answer on ${BASE}:\n${output}`);
}

// ---------------------------------------------------------------------------
// Sizes: what the first load downloads, and the precache

async function measureSizes() {
  const html = await readFile(join(OUT_DIR, 'index.html'), 'utf8');
  const attr = (tag, name) => new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"`, 'i').exec(tag)?.[1];
  const files = new Set();
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = attr(tag, 'src');
    if (src && /type\s*=\s*"module"/i.test(tag)) files.add(src);
    else if (src) files.add(src);
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = attr(tag, 'rel') ?? '';
    const href = attr(tag, 'href');
    if (href && /\b(stylesheet|modulepreload)\b/i.test(rel)) files.add(href);
  }
  // Follow static imports of the entry chunks too (modulepreload links should already list them).
  const queue = [...files].filter((file) => file.endsWith('.js'));
  while (queue.length > 0) {
    const file = queue.shift();
    const code = await readFile(join(OUT_DIR, file), 'utf8');
    const staticImports = [...code.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w*{}\s,$]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g)].map((m) => m[1]);
    for (const spec of staticImports) {
      const target = '/' + relative(OUT_DIR, resolve(join(OUT_DIR, dirname(file)), spec)).replaceAll('\\', '/');
      if (!files.has(target)) {
        files.add(target);
        queue.push(target);
      }
    }
  }
  const initial = [];
  for (const file of files) {
    const bytes = await readFile(join(OUT_DIR, file));
    initial.push({ file, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length });
  }
  const sw = await readFile(join(OUT_DIR, 'sw.js'), 'utf8');
  const urls = [...sw.matchAll(/url\s*:\s*"([^"]+)"/g)].map((m) => m[1]);
  let precacheBytes = 0;
  let precacheGzipBytes = 0;
  for (const url of urls) {
    const bytes = await readFile(join(OUT_DIR, url.split('?')[0]));
    precacheBytes += bytes.length;
    precacheGzipBytes += gzipSync(bytes, { level: 9 }).length;
  }
  return {
    initialFiles: initial,
    initialBytes: initial.reduce((sum, f) => sum + f.bytes, 0),
    initialGzipBytes: initial.reduce((sum, f) => sum + f.gzipBytes, 0),
    precacheEntries: urls.length,
    precacheBytes,
    precacheGzipBytes,
  };
}

// ---------------------------------------------------------------------------
// In-page instrumentation

/**
 * Installed in every page before its scripts: marks (performance.now(), i.e.
 * ms since navigation start) when the first card is ready (the "Show answer"
 * button and the card's text in the DOM, then the next animation frame), when
 * the home screen shows every deck's counts, and on the import screen when the
 * preview and the success status are painted.
 */
function instrumentation() {
  const marks = {};
  window.__benchMarks = marks;
  // The bench waits for a mark through the console, not by polling the page
  // (polling would run Playwright's injected script during the cold start).
  const frame = (name) =>
    requestAnimationFrame(() => {
      if (marks[name] !== undefined) return;
      marks[name] = performance.now();
      console.debug(`bench-mark:${name}`);
    });
  const check = () => {
    if (marks.firstCardDom === undefined) {
      const show = [...document.querySelectorAll('.action-bar button')].find((b) => b.textContent === 'Show answer');
      const front = document.querySelector('.card .card-front');
      if (show && front && front.textContent.trim().length > 0) {
        marks.firstCardDom = performance.now();
        frame('firstCard');
      }
    }
    if (marks.homeCountsDom === undefined && document.querySelector('.deck-list .deck-row .count.due')) {
      marks.homeCountsDom = performance.now();
      frame('homeCounts');
    }
    if (marks.firstCardDom !== undefined || marks.homeCountsDom !== undefined) observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, characterData: true });
  // The import screen: from the file chosen to the preview painted (an
  // enabled "Import" button), and from the "Import" click to the success
  // status painted.
  const watchFor = (name, found) => {
    const look = () => {
      if (!found()) return false;
      frame(name);
      return true;
    };
    if (look()) return;
    const watcher = new MutationObserver(() => {
      if (look()) watcher.disconnect();
    });
    watcher.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  };
  const importButton = () => [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Import' && !b.disabled);
  const importDone = () =>
    [...document.querySelectorAll('[role=status]')].some((el) => {
      const text = el.textContent ?? '';
      return /imported|added|success|done|complete/i.test(text) && !/importing|…/i.test(text);
    });
  document.addEventListener('change', (event) => {
    if (!(event.target instanceof HTMLInputElement && event.target.type === 'file')) return;
    marks.importChange = performance.now();
    delete marks.importPreview;
    watchFor('importPreview', importButton);
  }, true);
  document.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('button') : null;
    if (!button || button.textContent?.trim() !== 'Import') return;
    marks.importClick = performance.now();
    delete marks.importDone;
    watchFor('importDone', importDone);
  }, true);
}

/**
 * Installed only in the reference step's pages (page.addInitScript, so the
 * other measurements run without it): keeps the last largest-contentful-paint
 * candidate in window.__benchLcp (time since navigation start, size, the
 * element), reports the first one as the console mark `bench-mark:lcp` and
 * every one as `bench-lcp` (so the bench knows when they stop, without
 * polling the page).
 */
function observeLargestPaint() {
  const lcp = { time: undefined, size: undefined, element: undefined };
  window.__benchLcp = lcp;
  new PerformanceObserver((list) => {
    const isFirst = lcp.time === undefined;
    for (const entry of list.getEntries()) {
      lcp.time = entry.startTime;
      lcp.size = entry.size;
      const element = entry.element;
      lcp.element = element
        ? `${element.tagName.toLowerCase()}${element.className ? '.' + String(element.className).trim().split(/\s+/).join('.') : ''} "${(element.textContent ?? '').trim().slice(0, 40)}"`
        : '(removed)';
    }
    if (isFirst) console.debug('bench-mark:lcp');
    console.debug('bench-lcp');
  }).observe({ type: 'largest-contentful-paint', buffered: true });
}

/**
 * In the review screen: "Show answer", wait until idle, then click "Good" at
 * t0 and take t1 in the first animation frame after the DOM changed.
 * Also reports when the DOM changed and the first task after that frame
 * (about when the frame was painted).
 */
async function answerOnceInPage() {
  const idle = () => new Promise((r) => requestIdleCallback(() => r(undefined), { timeout: 1000 }));
  const frame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)));
  const root = document.querySelector('.review');
  const buttons = () => [...(root?.querySelectorAll('button') ?? [])];
  const show = buttons().find((b) => b.textContent === 'Show answer');
  if (!root || !show) return { error: `no "Show answer" (${root?.textContent?.slice(0, 120) ?? 'no review screen'})` };
  show.click();
  await frame();
  await idle();
  const good = buttons().find((b) => b.querySelector('.rating-name')?.textContent === 'Good');
  if (!good) return { error: 'no "Good" button after "Show answer"' };
  performance.clearMarks('answer:write-issued');
  performance.clearMarks('answer:committed');
  const result = await new Promise((resolvePromise) => {
    let t0 = 0;
    const observer = new MutationObserver(() => {
      observer.disconnect();
      const dom = performance.now();
      requestAnimationFrame(() => {
        const t1 = performance.now();
        // The app marks when the answer's transaction was issued (in the tap's task) and when it committed.
        const issued = performance.getEntriesByName('answer:write-issued').at(-1)?.startTime ?? null;
        const channel = new MessageChannel();
        channel.port1.onmessage = () =>
          resolvePromise({
            latency: t1 - t0,
            dom: dom - t0,
            afterFrame: performance.now() - t0,
            writeIssued: issued === null ? null : issued - t0,
            isIssuedBeforeFrame: issued !== null && issued >= t0 && issued <= t1,
          });
        channel.port2.postMessage(0);
      });
    });
    observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
    t0 = performance.now();
    good.click();
  });
  const next = buttons().find((b) => b.textContent === 'Show answer');
  await idle();
  const committed = performance.getEntriesByName('answer:committed').at(-1)?.startTime ?? null;
  const issued = performance.getEntriesByName('answer:write-issued').at(-1)?.startTime ?? null;
  return { ...result, committedAfter: committed === null || issued === null ? null : committed - issued, nextCard: Boolean(next) };
}

// ---------------------------------------------------------------------------
// CPU profiles (--profile): main-thread self time by original source file

let traceMapping = null;
const sourceMaps = new Map();

async function originalFile(url, line, column) {
  if (!url.startsWith(BASE)) return url ? url.replace(/^.*\//, '') : '(native)';
  const path = new URL(url).pathname;
  if (!traceMapping) {
    try {
      traceMapping = await import('@jridgewell/trace-mapping');
    } catch {
      traceMapping = false;
    }
  }
  if (!traceMapping) return path;
  if (!sourceMaps.has(path)) {
    try {
      sourceMaps.set(path, new traceMapping.TraceMap(await readFile(join(OUT_DIR, `${path}.map`), 'utf8')));
    } catch {
      sourceMaps.set(path, null);
    }
  }
  const map = sourceMaps.get(path);
  if (!map || line < 0 || column < 0) return path;
  const position = traceMapping.originalPositionFor(map, { line: line + 1, column });
  if (!position.source) return path;
  const source = position.source.replace(/^(\.\.\/)+/, '');
  const nodeModule = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  return nodeModule ? `node_modules/${nodeModule[1]}` : source;
}

async function summarizeProfile(profile, top = 12) {
  const selfByNode = new Map();
  const dt = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, index) => selfByNode.set(id, (selfByNode.get(id) ?? 0) + (dt[index] ?? 0) / 1000));
  const byFile = new Map();
  const byFunction = new Map();
  let total = 0;
  for (const node of profile.nodes) {
    const ms = selfByNode.get(node.id) ?? 0;
    if (ms === 0) continue;
    const { url, functionName, lineNumber, columnNumber } = node.callFrame;
    const name = url ? await originalFile(url, lineNumber, columnNumber) : `(${functionName || 'native'})`;
    if (name === '(idle)') continue;
    total += ms;
    byFile.set(name, (byFile.get(name) ?? 0) + ms);
    const fn = `${functionName || '(anonymous)'} ${name}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
  }
  return {
    busyMs: Math.round(total),
    bySource: [...byFile.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([source, ms]) => ({ source, ms: Math.round(ms * 10) / 10, share: Math.round((ms / total) * 1000) / 10 })),
    byFunction: [...byFunction.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([fn, ms]) => ({ fn, ms: Math.round(ms * 10) / 10 })),
  };
}

// ---------------------------------------------------------------------------
// One database size

/** Ends a trace started with `transferMode: 'ReturnAsStream'` and reads it whole, as text. */
async function endTrace(cdp) {
  const complete = new Promise((resolvePromise) => cdp.once('Tracing.tracingComplete', resolvePromise));
  await cdp.send('Tracing.end');
  const { stream } = await complete;
  let text = '';
  for (;;) {
    const chunk = await cdp.send('IO.read', { handle: stream, size: 1 << 20 });
    text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data;
    if (chunk.eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  return text;
}

/** A CDP session on `page` with its CPU slowed CPU_SLOWDOWN times. */
async function throttle(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  return cdp;
}

/** Resolves when the page reports `bench-mark:<name>` (see instrumentation). Start it before the action. */
function waitForMark(page, name, timeout = 60_000) {
  return page.waitForEvent('console', { predicate: (message) => message.text() === `bench-mark:${name}`, timeout });
}

async function throttledPage(context, { profile = false, lcp = false } = {}) {
  const page = await context.newPage();
  if (lcp) await page.addInitScript(observeLargestPaint);
  const cdp = await throttle(context, page);
  if (profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  return { page, cdp };
}

/** Opens `path` offline in a new page with the service worker stopped first: a cold start of the installed app. */
async function coldOpen(context, path, mark, previous, { profile = false, lcp = false } = {}) {
  const { page, cdp } = await throttledPage(context, { profile, lcp });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  if (previous) await previous.close();
  const reached = waitForMark(page, mark);
  await page.goto(`${BASE}${path}`, { waitUntil: 'commit' }).then((response) => {
    if (!response?.fromServiceWorker()) throw new Error(`${path} was not served by the service worker`);
  });
  await reached;
  const marks = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const scripts = performance.getEntriesByType('resource').filter((e) => e.initiatorType === 'script' || e.name.endsWith('.js'));
    return {
      ...window.__benchMarks,
      appMount: performance.getEntriesByName('app:mount')[0]?.startTime,
      appEntry: performance.getEntriesByName('app:entry')[0]?.startTime,
      workerStart: nav?.workerStart,
      responseEnd: nav?.responseEnd,
      domContentLoaded: nav?.domContentLoadedEventEnd,
      scriptsLoaded: Math.max(0, ...scripts.map((e) => e.responseEnd)),
    };
  });
  let cpuProfile = null;
  if (profile) {
    await page.waitForTimeout(300);
    cpuProfile = (await cdp.send('Profiler.stop')).profile;
  }
  return { page, cdp, marks, cpuProfile };
}

/**
 * One cold open (as coldOpen) under a Chrome trace; writes the trace to
 * dist-bench/<file> and prints the renderer main thread's timeline: top-level
 * tasks by kind, the app's performance marks and the bench marks.
 */
async function tracedColdOpen(context, path, mark, previous, file) {
  const { page, cdp } = await throttledPage(context, { profile: true });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  if (previous) await previous.close();
  await cdp.send('Tracing.start', {
    transferMode: 'ReturnAsStream',
    traceConfig: {
      includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'loading', 'v8', 'blink', 'ServiceWorker'],
    },
  });
  const reached = waitForMark(page, mark);
  await page.goto(`${BASE}${path}`, { waitUntil: 'commit' });
  await reached;
  await page.waitForTimeout(300);
  const { profile } = await cdp.send('Profiler.stop');
  await writeFile(join(OUT_DIR, file.replace(/\.json$/, '.cpuprofile')), JSON.stringify(profile));
  const text = await endTrace(cdp);
  await writeFile(join(OUT_DIR, file), text);
  const marks = await page.evaluate(() => ({
    ...window.__benchMarks,
    ...Object.fromEntries(performance.getEntriesByType('mark').map((entry) => [entry.name, entry.startTime])),
  }));
  const events = JSON.parse(text).traceEvents ?? JSON.parse(text);
  const threadName = new Map();
  for (const event of events) if (event.name === 'thread_name') threadName.set(`${event.pid}:${event.tid}`, event.args?.name);
  const navigation = events.findLast((e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL?.startsWith(BASE)) ?? events.find((e) => e.name === 'navigationStart');
  const origin = navigation?.ts ?? 0;
  const mainKey = navigation ? `${navigation.pid}:${navigation.tid}` : null;
  const main = events.filter((e) => `${e.pid}:${e.tid}` === mainKey && e.ph === 'X' && e.ts >= origin);
  const top = main.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');
  const lines = [];
  for (const task of top) {
    const inner = main.filter((e) => e !== task && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= task.ts + task.dur && e.name !== 'RunTask');
    const biggest = inner.sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0)).slice(0, 3).map((e) => `${e.name}${e.args?.data?.url ? ' ' + e.args.data.url.replace(/^.*\//, '') : ''}${e.args?.data?.functionName ? ' ' + e.args.data.functionName : ''} ${((e.dur ?? 0) / 1000).toFixed(1)}`);
    if (task.dur >= 4000) lines.push(`    ${((task.ts - origin) / 1000).toFixed(0).padStart(5)} ms  +${(task.dur / 1000).toFixed(1).padStart(6)} ms  ${biggest.join(' | ')}`);
  }
  log(`  trace of ${path} (${threadName.get(mainKey) ?? 'main'}) -> dist-bench/${file}: tasks >= 4 ms since navigation start`);
  for (const line of lines) log(line);
  const ordered = Object.entries(marks).filter(([, v]) => typeof v === 'number' && v < 1e6).sort((a, b) => a[1] - b[1]);
  log(`    marks (ms since navigation start): ${ordered.map(([k, v]) => `${k} ${Math.round(v)}`).join(', ')}`);
  return { page, cdp };
}

/** A fresh browser profile at the phone viewport, with the in-page instrumentation. */
async function benchContext(executablePath, extraArgs = []) {
  const userDataDir = await mkdtemp(join(tmpdir(), 'bench-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    args: [...CHROMIUM_ARGS, ...extraArgs],
    headless: true,
    ...devices['Pixel 7'],
    viewport: VIEWPORT,
    locale: 'en-US',
    serviceWorkers: 'allow',
  });
  await context.addInitScript(instrumentation);
  return {
    context,
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Seeds `size` cards through the app's storage code (before the app's first
 * visit, so no service worker is in the way of /__bench/seed.html); returns
 * the seeding page.
 */
async function seedCollection(context, size) {
  const seedPage = context.pages()[0] ?? (await context.newPage());
  await seedPage.goto(`${BASE}/__bench/seed.html`);
  await seedPage.waitForFunction(() => Boolean(window.__bench));
  const seeded = await seedPage.evaluate(
    (options) => window.__bench.seed(options),
    { totalCards: size, deckSize: DECK_SIZE, seed: 20_261_128 },
  );
  return { seedPage, seeded };
}

/** First visit online: the service worker installs and takes control, built-in decks are added; then offline. */
async function firstVisit(context, previous) {
  const page = await context.newPage();
  await previous?.close();
  await page.goto(`${BASE}/`);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
  await page.waitForSelector('.deck-list .deck-row', { timeout: 60_000 });
  await page.waitForFunction(() => document.querySelectorAll('.deck-row').length > 3, null, { timeout: 60_000 });
  await context.setOffline(true);
  return page;
}

/** The reference step's pages and the mark each cold start waits for. */
const REFERENCE_PAGES = [
  { id: 'emptySw', path: `/${REFERENCE_DIRS.empty}/`, mark: 'lcp' },
  { id: 'bare', path: `/${REFERENCE_DIRS.bare}/`, mark: 'homeCounts' },
  { id: 'appHome', path: '/', mark: 'homeCounts' },
];

/** Resolves once `page` reported no new LCP candidate for LCP_QUIET_MS (at most LCP_SETTLE_CAP_MS). */
async function largestPaintSettled(page) {
  const started = Date.now();
  let last = started;
  const onConsole = (message) => {
    if (message.text() === 'bench-lcp') last = Date.now();
  };
  page.on('console', onConsole);
  while (Date.now() - last < LCP_QUIET_MS && Date.now() - started < LCP_SETTLE_CAP_MS) await new Promise((r) => setTimeout(r, 50));
  page.off('console', onConsole);
}

/**
 * The cold-start reference (issue 12): cold starts, offline and each through
 * its service worker (stopped first), of the empty page, the bare React +
 * Dexie page and the app's home, interleaved: a warm-up round, then
 * REFERENCE_RUNS rounds, each in a rotated order so that no page always
 * follows the same one. After its mark each page is left until no new
 * largest-contentful-paint candidate came for LCP_QUIET_MS, then the last
 * candidate is read. "Counts in the DOM" is
 * the instrumentation's homeCountsDom for both pages (same selector).
 */
async function benchReference(context, previous) {
  const samples = Object.fromEntries(REFERENCE_PAGES.map(({ id }) => [id, []]));
  const shown = {};
  for (let round = 0; round <= REFERENCE_RUNS; round += 1) {
    for (let k = 0; k < REFERENCE_PAGES.length; k += 1) {
      const target = REFERENCE_PAGES[(round + k) % REFERENCE_PAGES.length];
      const opened = await coldOpen(context, target.path, target.mark, previous, { lcp: true }).catch((error) => {
        throw new Error(`reference step, ${target.path} (waiting for ${target.mark}): ${error.message}`);
      });
      previous = opened.page;
      await largestPaintSettled(opened.page);
      const late = await opened.page.evaluate(() => ({
        lcp: window.__benchLcp,
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
        pageMark: performance.getEntriesByName('bare:counts-dom')[0]?.startTime,
        rows: [...document.querySelectorAll('.deck-list .deck-row')].map((row) => row.textContent?.replace(/\s+/g, ' ').trim()),
      }));
      if (round === 0) continue; // warm-up
      shown[target.id] ??= late.rows;
      samples[target.id].push({ ...opened.marks, ...late });
    }
  }
  const summarize = (id) => {
    const runs = samples[id];
    const median = (key) => stats(runs.map((run) => run[key])).median;
    const elements = new Map();
    for (const run of runs) elements.set(run.lcp?.element, (elements.get(run.lcp?.element) ?? 0) + 1);
    const summary = {
      lcp: stats(runs.map((run) => run.lcp?.time)),
      fcp: stats(runs.map((run) => run.fcp)),
      lcpElement: [...elements.entries()].sort((a, b) => b[1] - a[1]).map(([element, n]) => `${element} (${n})`).join(', '),
      htmlResponseEnd: median('responseEnd'),
      domContentLoaded: median('domContentLoaded'),
    };
    if (id !== 'emptySw') {
      summary.countsDom = stats(runs.map((run) => run.homeCountsDom));
      summary.countsPainted = stats(runs.map((run) => run.homeCounts));
      summary.decksShown = shown[id];
    }
    if (id === 'bare') summary.pageMark = { ...stats(runs.map((run) => run.pageMark)), what: "the page's own mark bare:counts-dom (React's layout effect after the commit)" };
    return summary;
  };
  const result = {
    what: 'cold starts offline through each page\'s service worker, ms since navigation start; lcp = last largest-contentful-paint candidate, countsDom = every deck\'s counts in the DOM (homeCountsDom), countsPainted = the frame after',
    runs: REFERENCE_RUNS,
    emptySw: summarize('emptySw'),
    bare: summarize('bare'),
    appHome: summarize('appHome'),
  };
  const ratio = (key) => {
    const app = result.appHome[key]?.median;
    const bare = result.bare[key]?.median;
    return app && bare ? Math.round((app / bare) * 100) / 100 : null;
  };
  result.ratio = { what: 'app home / bare page, medians', lcp: ratio('lcp'), countsDom: ratio('countsDom'), countsPainted: ratio('countsPainted'), fcp: ratio('fcp') };
  log(`  reference (offline cold, ${REFERENCE_RUNS} runs each): empty page LCP ${result.emptySw.lcp.median} ms; bare React + Dexie LCP ${result.bare.lcp.median} ms, counts in DOM ${result.bare.countsDom.median} ms; app home LCP ${result.appHome.lcp.median} ms, counts in DOM ${result.appHome.countsDom.median} ms; app / bare LCP ${result.ratio.lcp}x, counts ${result.ratio.countsDom}x, FCP ${result.ratio.fcp}x`);
  log(`    LCP elements: bare ${result.bare.lcpElement}; app ${result.appHome.lcpElement}`);
  return { result, page: previous };
}

async function benchSize(executablePath, size) {
  const result = { cards: size, loadAverageAtStart: loadavg().map((v) => Math.round(v * 100) / 100) };
  const { context, close } = await benchContext(executablePath);
  try {
    // 1. Seed through the app's storage code.
    const { seedPage, seeded } = await seedCollection(context, size);
    log(`  seeded ${seeded.cards} cards, ${seeded.logs} logs in ${(seeded.totalMs / 1000).toFixed(1)} s (merge ${(seeded.mergeMs / 1000).toFixed(1)} s, histories ${(seeded.simulateMs / 1000).toFixed(1)} s, writes ${(seeded.writeMs / 1000).toFixed(1)} s)`);
    result.seed = seeded;
    await seedPage.evaluate(() => window.__bench.prepareFloor(100));

    // 2. Floor and queries, in the page, 4x slower CPU.
    const seedCdp = await throttle(context, seedPage);
    result.floor = stats(await seedPage.evaluate((runs) => window.__bench.floor(runs, 5), FLOOR_RUNS));
    const counts = await seedPage.evaluate(() => window.__bench.countsQuery(7));
    result.countsQuery = { ...stats(counts.samples), decks: counts.decks, dueShown: counts.due, what: 'every deck counted afresh (the home screen does this only for decks written since its cache was made)' };
    result.countsQueryParts = { what: 'one deck, each part of deckCounts alone, ms', ...(await seedPage.evaluate((deckId) => window.__bench.countsParts(deckId), STUDY_DECK)) };
    const session = await seedPage.evaluate((deckId) => window.__bench.sessionQuery(deckId, 7), STUDY_DECK);
    result.sessionQuery = { ...stats(session.samples), queued: session.queued };
    await seedCdp.detach();
    if (size === REFERENCE_SIZE && ONLY.has('reference')) await installReferenceWorkers(seedPage);
    log(`  floor (recordReview) median ${result.floor.median} ms; deckCounts query (no cache) ${result.countsQuery.median} ms; loadStudySession ${result.sessionQuery.median} ms (${session.queued} cards queued)`);

    // 3. First visit online: the service worker installs and takes control, built-in decks are added.
    const first = await firstVisit(context, seedPage);

    // 4. Home screen counts, cold and offline (at the largest size only: the budget is at 100k).
    let previous = first;

    // 3b. The cold-start reference: an empty page, a bare React + Dexie page and the app's home.
    if (size === REFERENCE_SIZE && ONLY.has('reference')) {
      const reference = await benchReference(context, previous);
      previous = reference.page;
      result.reference = reference.result;
    }

    const homeWindow = [];
    const homeFromNavigation = [];
    for (let i = 0; i <= (size === Math.max(...SIZES) && ONLY.has('home') ? HOME_RUNS : 0); i += 1) {
      const opened = await coldOpen(context, '/', 'homeCounts', previous);
      previous = opened.page;
      if (i === 0) continue; // warm-up
      // From the moment the entry's code runs (the app's mark "app:entry") to
      // the frame after every deck's counts are in the DOM: the reads and the
      // paint (the boot paint, before React; until issue 12 this window
      // started at React's "app:mount", which now comes after the counts).
      const { appEntry, homeCounts } = opened.marks;
      homeFromNavigation.push(homeCounts);
      if (appEntry !== undefined) homeWindow.push(homeCounts - appEntry);
    }
    if (homeWindow.length > 0) result.homeCounts = { ...stats(homeWindow), what: 'the entry runs (mark app:entry) -> all decks\' counts in the DOM + next frame' };
    if (homeWindow.length > 0) result.homeFromNavigation = { ...stats(homeFromNavigation), what: 'navigation start -> all decks\' counts painted (includes app boot)' };
    if (homeWindow.length > 0) log(`  home counts ${result.homeCounts.median} ms (navigation -> counts ${result.homeFromNavigation.median} ms)`);

    // 4b. Home after studying: one card of one deck answered, then the app
    //     opened again, so that deck's counts are made afresh (the others
    //     come from the counts cache).
    const homeAfterAnswer = [];
    for (let i = 0; i < (size === Math.max(...SIZES) && ONLY.has('home') ? HOME_RUNS : 0); i += 1) {
      const study = await coldOpen(context, `/study/${STUDY_DECK}`, 'firstCard', previous);
      const answered = await study.page.evaluate(answerOnceInPage);
      if (answered.error) throw new Error(`home after an answer: ${answered.error}`);
      await study.page.waitForTimeout(300); // the answer is written in the background
      const opened = await coldOpen(context, '/', 'homeCounts', study.page);
      previous = opened.page;
      if (opened.marks.appEntry !== undefined) homeAfterAnswer.push(opened.marks.homeCounts - opened.marks.appEntry);
    }
    if (homeAfterAnswer.length > 0) {
      result.homeCountsAfterAnswer = { ...stats(homeAfterAnswer), what: 'as home counts, after one answer in one deck (that deck counted afresh)' };
      log(`  home counts after an answer in one deck ${result.homeCountsAfterAnswer.median} ms`);
    }

    // 5. Cold start offline to the first card.
    const cold = [];
    const breakdown = [];
    for (let i = 0; i <= (ONLY.has('cold') ? COLD_RUNS : 0); i += 1) {
      const opened = await coldOpen(context, `/study/${STUDY_DECK}`, 'firstCard', previous);
      previous = opened.page;
      if (i === 0) continue; // warm-up
      cold.push(opened.marks.firstCard);
      breakdown.push(opened.marks);
    }
    if (TRACE && size === SIZES[0]) {
      for (const [path, mark] of [[`/study/${STUDY_DECK}`, 'firstCard'], ['/', 'homeCounts']]) {
        const traced = await tracedColdOpen(context, path, mark, previous, `trace-${size}-${path === '/' ? 'home' : 'study'}.json`);
        previous = traced.page;
      }
      previous = (await coldOpen(context, `/study/${STUDY_DECK}`, 'firstCard', previous)).page;
    }
    if (cold.length > 0) {
    result.coldStart = stats(cold);
    const pick = (key) => stats(breakdown.map((m) => m[key]).filter((v) => typeof v === 'number')).median;
    result.coldStartBreakdown = {
      what: 'medians, ms since navigation start',
      serviceWorkerStart: pick('workerStart'),
      htmlResponseEnd: pick('responseEnd'),
      scriptsLoaded: pick('scriptsLoaded'),
      domContentLoaded: pick('domContentLoaded'),
      firstCardInDom: pick('firstCardDom'),
      firstCardFrame: pick('firstCard'),
    };
    log(`  cold start to first card ${result.coldStart.median} ms (p95 ${result.coldStart.p95})`);
    }

    // 6. Answer latency (Show answer, then Good), then the JS heap.
    const page = previous;
    if (ONLY.has('answers')) {
    const cdp = await throttle(context, page);
    await cdp.send('Performance.enable');
    const latencies = [];
    const domTimes = [];
    const afterFrame = [];
    const writeIssued = [];
    const commits = [];
    let issuedAfterFrame = 0;
    const wanted = answersAt(size);
    for (let i = 0; i < wanted; i += 1) {
      const answer = await page.evaluate(answerOnceInPage);
      if (answer.error) throw new Error(`answer ${i + 1} at ${size} cards: ${answer.error}`);
      latencies.push(answer.latency);
      domTimes.push(answer.dom);
      afterFrame.push(answer.afterFrame);
      if (answer.writeIssued !== null) writeIssued.push(answer.writeIssued);
      if (answer.committedAfter !== null) commits.push(answer.committedAfter);
      if (!answer.isIssuedBeforeFrame) issuedAfterFrame += 1;
      if (!answer.nextCard && i < wanted - 1) throw new Error(`the session ran out of cards after ${i + 1} answers at ${size} cards`);
    }
    result.answer = stats(latencies);
    result.answerDom = { ...stats(domTimes), what: 'click -> DOM changed' };
    result.answerAfterFrame = { ...stats(afterFrame), what: 'click -> first task after the next frame (about painted)' };
    result.answerWriteIssued = { ...stats(writeIssued), what: "click -> the answer's transaction issued (app mark)" };
    result.answerCommit = { ...stats(commits), what: 'transaction issued -> committed' };
    result.answersIssuedAfterFrame = issuedAfterFrame;
    result.answerOverFloor = result.floor.median ? Math.round((result.answer.median / result.floor.median) * 100) / 100 : null;
    await cdp.send('HeapProfiler.collectGarbage');
    const metrics = (await cdp.send('Performance.getMetrics')).metrics;
    const metric = (name) => metrics.find((m) => m.name === name)?.value ?? 0;
    result.heapAfterAnswers = {
      answers: wanted,
      usedMB: Math.round((metric('JSHeapUsedSize') / 1024 / 1024) * 10) / 10,
      totalMB: Math.round((metric('JSHeapTotalSize') / 1024 / 1024) * 10) / 10,
      domNodes: metric('Nodes'),
    };
    log(`  answer latency median ${result.answer.median} ms, p95 ${result.answer.p95} ms over ${wanted}; heap ${result.heapAfterAnswers.usedMB} MB`);
    }

    // 7. Profiles (--profile, 10k only): where the time goes.
    if (PROFILE && size === 10_000) {
      const opened = await coldOpen(context, `/study/${STUDY_DECK}`, 'firstCard', page, { profile: true });
      result.profileColdStart = await summarizeProfile(opened.cpuProfile);
      await opened.cdp.send('Profiler.start');
      for (let i = 0; i < 30; i += 1) await opened.page.evaluate(answerOnceInPage);
      result.profileAnswers = await summarizeProfile((await opened.cdp.send('Profiler.stop')).profile);
      const home = await coldOpen(context, '/', 'homeCounts', opened.page, { profile: true });
      result.profileHome = await summarizeProfile(home.cpuProfile);
      previous = home.page;
    } else {
      previous = page;
    }

    // 7b. Browse and the note editor (issue 15), at the largest size.
    if (size === Math.max(...SIZES) && ONLY.has('browse')) {
      const measured = await benchBrowse(context, previous);
      previous = measured.page;
      result.browse = measured.browse;
      result.editInReview = measured.editInReview;
    }

    // 7c. The desired retention's cost (issue 17), at 10k cards.
    if (size === 10_000 && ONLY.has('retention')) {
      const measured = await benchRetentionCost(context, previous);
      previous = measured.page;
      result.retentionCost = measured.retentionCost;
    }

    // 7d. Stats (issue 17), at the largest size.
    if (size === Math.max(...SIZES) && ONLY.has('stats')) {
      const measured = await benchStats(context, previous);
      previous = measured.page;
      result.stats = measured.stats;
    }

    // 7e. The FSRS optimizer (issue 17) on the whole history, at the largest size, 1x CPU.
    if (size === Math.max(...SIZES) && ONLY.has('optimizer')) {
      const measured = await benchOptimizer(context, previous);
      previous = measured.page;
      result.optimizer = measured.optimizer;
    }

    // 8. The same import once into the largest collection (not budgeted: how the import grows with the collection).
    if (size === Math.max(...SIZES) && size > SIZES[0] && ONLY.has('import')) {
      const run = await importOnce(context, 99, previous);
      previous = run.page;
      result.importIntoCollection = { toPreview: Math.round(run.toPreview), toDone: Math.round(run.toDone), total: Math.round(run.toPreview + run.toDone) };
      log(`  import ${IMPORT_ROWS} rows into ${size} cards (one run): ${result.importIntoCollection.total} ms (preview ${result.importIntoCollection.toPreview} + import ${result.importIntoCollection.toDone})`);
    }
    result.loadAverageAtEnd = loadavg().map((v) => Math.round(v * 100) / 100);
    return result;
  } finally {
    await close();
  }
}

// ---------------------------------------------------------------------------
// The desired retention's cost

/** The retention slider set to `percent` (as a drag does: input events, nothing saved) -> its cost painted, in the page. */
async function retentionChangeInPage(percent) {
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const slider = document.querySelector('input[type="range"]');
  const shown = () => document.querySelector(`[data-retention-cost^="${percent}:"]`) !== null;
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  const t0 = performance.now();
  setValue.call(slider, String(percent));
  slider.dispatchEvent(new Event('input', { bubbles: true }));
  await new Promise((resolve) => {
    if (shown()) return resolve();
    const observer = new MutationObserver(() => {
      if (!shown()) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-retention-cost'] });
  });
  await frame();
  return performance.now() - t0;
}

/** Settings opened offline at 4x CPU (the shared preset: every seeded deck), then the slider moved to new values. */
async function benchRetentionCost(context, previous) {
  const { page } = await throttledPage(context);
  if (previous) await previous.close();
  await page.goto(`${BASE}/settings`);
  await page.waitForSelector('[data-retention-cost]', { timeout: 60_000 });
  const samples = [];
  for (const percent of [95, 85, 80, 97, 92, 88, 75, 93, 83]) samples.push(await page.evaluate(retentionChangeInPage, percent));
  const retentionCost = { ...stats(samples), what: 'slider input event -> the cost line for that value in the DOM + next frame, 4x CPU; a full 30-day simulation of the preset\'s cards for each value' };
  log(`  retention cost: slider -> cost painted median ${retentionCost.median} ms, slowest ${retentionCost.max} ms`);
  return { page, retentionCost };
}

// ---------------------------------------------------------------------------
// Browse and the note editor

/** In the page at home: opens Browse in the app, and times the first rows and the whole list. */
async function openBrowseInPage() {
  const frame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)));
  const waitFor = async (test, timeout = 60_000) => {
    const start = performance.now();
    while (!test()) {
      if (performance.now() - start > timeout) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 4));
    }
  };
  const t0 = performance.now();
  window.history.pushState(null, '', '/browse');
  window.dispatchEvent(new PopStateEvent('popstate'));
  await waitFor(() => document.querySelector('.browse-list [role="listitem"]'));
  await frame();
  const firstRows = performance.now() - t0;
  await waitFor(() => /^[\d\s,.\u00a0]+ cards?$/.test(document.querySelector('.browse-summary p')?.textContent ?? ''));
  await frame();
  return { firstRows, allRows: performance.now() - t0, count: document.querySelector('.browse-summary p')?.textContent };
}

/** Installs an observer: each keydown in the search, to the next frame after the list changed (and the long tasks meanwhile). */
function watchKeystrokesInPage() {
  window.__longTasks = [];
  new PerformanceObserver((entries) => {
    for (const entry of entries.getEntries()) window.__longTasks.push(entry.duration);
  }).observe({ type: 'longtask' });
  const list = document.querySelector('.browse-list');
  const search = document.querySelector('.browse input[type="search"]');
  window.__keystrokes = [];
  let pending = null;
  search.addEventListener('keydown', (event) => {
    pending = event.timeStamp;
  });
  // A keystroke that leaves the list as it was (a space, a word every row already has) changes nothing to paint: forget it before the search is cleared.
  window.__forgetKeystroke = () => {
    pending = null;
  };
  new MutationObserver(() => {
    if (pending === null) return;
    const started = pending;
    pending = null;
    requestAnimationFrame(() => window.__keystrokes.push(performance.now() - started));
  }).observe(list, { subtree: true, childList: true, characterData: true, attributes: true });
}

/** Scrolls `rows` rows at an even speed, one step a frame, and counts the frames that took longer than 1.5 frames. */
async function scrollRowsInPage(rows) {
  const rowHeight = 76;
  const steps = 100;
  const perStep = (rows * rowHeight) / steps;
  const frames = [];
  let last = await new Promise((r) => requestAnimationFrame(r));
  for (let i = 0; i < steps; i += 1) {
    window.scrollBy(0, perStep);
    const now = await new Promise((r) => requestAnimationFrame(r));
    frames.push(now - last);
    last = now;
  }
  const budget = 1000 / 60;
  const dropped = frames.filter((ms) => ms > budget * 1.5).length;
  return { frames: frames.length, dropped, droppedPercent: Math.round((dropped / frames.length) * 1000) / 10, worstFrame: Math.round(Math.max(...frames)) };
}

/** In review, answer side: "Edit", a new front, "Save" -> the question shows the new text (next frame). */
async function editInReviewInPage(round) {
  const frame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)));
  const waitFor = async (test, timeout = 30_000) => {
    const start = performance.now();
    while (!test()) {
      if (performance.now() - start > timeout) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 4));
    }
  };
  const button = (text) => [...document.querySelectorAll('button')].find((b) => b.textContent === text);
  await waitFor(() => button('Show answer') || button('Edit'));
  button('Show answer')?.click();
  await waitFor(() => button('Edit'));
  button('Edit').click();
  await waitFor(() => document.querySelector('dialog[open] textarea'));
  const front = document.querySelector('dialog[open] textarea');
  const text = `Edited front ${round} ${Date.now()}`;
  Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value').set.call(front, text);
  front.dispatchEvent(new Event('input', { bubbles: true }));
  await frame();
  const save = [...document.querySelectorAll('dialog[open] button')].find((b) => b.textContent === 'Save');
  const question = () => document.querySelector('.review [role="region"]')?.textContent ?? '';
  const t0 = performance.now();
  save.click();
  await waitFor(() => question().includes(text) && !document.querySelector('dialog[open]'));
  await frame();
  return performance.now() - t0;
}

async function benchBrowse(context, previous) {
  const browse = {};
  // Opening Browse from home, cold (a new page each run).
  const firstRows = [];
  const allRows = [];
  let page = previous;
  for (let i = 0; i <= 5; i += 1) {
    const opened = await coldOpen(context, '/', 'homeCounts', page);
    page = opened.page;
    // A person looks at home before tapping: the app fetches Browse's code in that idle time (its route's prefetch).
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((entry) => /BrowseScreen/.test(entry.name)), null, { timeout: 30_000 });
    const timing = await page.evaluate(openBrowseInPage);
    if (i === 0) continue; // warm-up
    firstRows.push(timing.firstRows);
    allRows.push(timing.allRows);
    browse.rowCount = timing.count;
  }
  browse.firstRows = { ...stats(firstRows), what: 'in-app navigation to /browse -> first rows in the DOM + next frame' };
  browse.allRows = { ...stats(allRows), what: 'in-app navigation to /browse -> every card listed (the count shown) + next frame' };

  // Keystrokes in the search, typed at a person's pace.
  await page.evaluate(watchKeystrokesInPage);
  await page.getByRole('searchbox').click();
  const profiler = PROFILE ? await throttle(context, page) : null;
  if (profiler) {
    await profiler.send('Profiler.enable');
    await profiler.send('Profiler.setSamplingInterval', { interval: 200 });
    await profiler.send('Profiler.start');
  }
  for (const word of ['went wrong', 'outage rollback']) {
    await page.keyboard.type(word, { delay: 250 });
    await page.waitForTimeout(400);
    await page.evaluate(() => window.__forgetKeystroke());
    await page.getByRole('searchbox').fill('');
    await page.waitForTimeout(400);
  }
  if (profiler) browse.profileKeystrokes = await summarizeProfile((await profiler.send('Profiler.stop')).profile);
  const keystrokes = await page.evaluate(() => window.__keystrokes);
  browse.longTasksWhileTyping = await page.evaluate(() => (window.__longTasks ?? []).map((ms) => Math.round(ms)));
  browse.keystroke = { ...stats(keystrokes), samples: keystrokes.map((ms) => Math.round(ms)), what: 'keydown in the search -> the list changed + next frame' };

  // Scrolling 1,000 rows of the whole list.
  await page.evaluate(() => window.scrollTo(0, 0));
  browse.scroll = { ...(await page.evaluate(scrollRowsInPage, 1000)), what: '1,000 rows in 100 even steps, one a frame; dropped: a frame over 25 ms' };
  log(`  browse: first rows ${browse.firstRows.median} ms, all ${browse.allRows.median} ms (${browse.rowCount}); keystroke median ${browse.keystroke.median} ms, p95 ${browse.keystroke.p95} ms; scroll dropped ${browse.scroll.droppedPercent}% (worst ${browse.scroll.worstFrame} ms)`);

  // Editing the card under review and coming back to it.
  const edits = [];
  const study = await coldOpen(context, `/study/${STUDY_DECK}`, 'firstCard', page);
  page = study.page;
  for (let i = 0; i < 8; i += 1) {
    const ms = await page.evaluate(editInReviewInPage, i);
    if (i > 0) edits.push(ms);
  }
  const editInReview = { ...stats(edits), what: '"Save" in the editor over the review -> the question shows the new text + next frame' };
  log(`  edit in review -> new text painted: median ${editInReview.median} ms, p95 ${editInReview.p95} ms`);
  return { page, browse, editInReview };
}

// ---------------------------------------------------------------------------
// Stats (issue 17)

/** Opens of Stats from home, after the first (which reads every deck and keeps its summary): timed, and traced for the longest task. */
const STATS_RUNS = 7;
const STATS_TRACED_RUNS = 3;
const STATS_AFTER_ANSWER_RUNS = 3;
/** The mark the Stats screen sets in the frame after every chart is painted. */
const STATS_MARK = 'stats:charts-painted';
/** The mark the app sets once the Stats screen's type is laid out, in idle time after its code loads (features/stats/typeSpecimen.ts). */
const STATS_TYPE_MARK = 'stats:type-ready';

/** In the page at home: opens Stats in the app; the time to its mark (every chart painted) and the long tasks (>= 50 ms) meanwhile. */
async function openStatsInPage(mark) {
  const longTasks = [];
  const observer = new PerformanceObserver((entries) => {
    for (const entry of entries.getEntries()) longTasks.push(Math.round(entry.duration));
  });
  observer.observe({ type: 'longtask' });
  // Told by an observer, not polled: polling would add tasks of its own to the main thread being measured.
  const marked = new Promise((resolvePromise, reject) => {
    const timeout = setTimeout(() => reject(new Error('Stats never painted its charts')), 180_000);
    const marks = new PerformanceObserver((entries) => {
      if (!entries.getEntries().some((entry) => entry.name === mark)) return;
      clearTimeout(timeout);
      marks.disconnect();
      resolvePromise(undefined);
    });
    marks.observe({ type: 'mark' });
  });
  // The navigation runs in a task of its own, as a tap's would: the harness's own work (this evaluation) stays out of the measured tasks.
  const t0 = await new Promise((resolvePromise) =>
    setTimeout(() => {
      performance.mark('bench:stats-open');
      const start = performance.now();
      window.history.pushState(null, '', '/stats');
      window.dispatchEvent(new PopStateEvent('popstate'));
      resolvePromise(start);
    }, 0),
  );
  await marked;
  const painted = performance.getEntriesByName(mark, 'mark')[0].startTime - t0;
  observer.disconnect();
  return { painted, longTasks, sections: document.querySelectorAll('.stats-section').length, charts: document.querySelectorAll('svg.stats-chart').length };
}

/**
 * Runs `action` under a Chrome trace and returns its result with the
 * longest task of the page's main thread between the bench's mark
 * `bench:stats-open` and the screen's STATS_MARK, and the time the Stats
 * worker's thread was busy meanwhile.
 */
async function tracedStatsOpen(cdp, action) {
  await cdp.send('Tracing.start', {
    transferMode: 'ReturnAsStream',
    traceConfig: { includedCategories: ['disabled-by-default-devtools.timeline', 'devtools.timeline', 'blink.user_timing', 'toplevel'] },
  });
  const result = await action();
  const text = await endTrace(cdp);
  const parsed = JSON.parse(text);
  const events = parsed.traceEvents ?? parsed;
  const opened = events.find((e) => e.name === 'bench:stats-open');
  const painted = events.find((e) => e.name === STATS_MARK);
  if (!opened || !painted) throw new Error('the trace has no Stats marks');
  const threadName = new Map();
  for (const event of events) if (event.name === 'thread_name') threadName.set(`${event.pid}:${event.tid}`, event.args?.name ?? '');
  const inWindow = (e) => e.ph === 'X' && e.name === 'RunTask' && e.ts + (e.dur ?? 0) >= opened.ts && e.ts <= painted.ts;
  const mainKey = `${opened.pid}:${opened.tid}`;
  // Where each of the main thread's tasks was posted from: Chromium names the source file of the code that posted it on the task's inner event.
  const postedFrom = events
    .filter((e) => e.name === 'ThreadControllerImpl::RunTask' && `${e.pid}:${e.tid}` === mainKey && e.args?.src_file)
    .sort((a, b) => a.ts - b.ts);
  const sourceOf = (task) => {
    let lo = 0;
    let hi = postedFrom.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (postedFrom[mid].ts < task.ts) lo = mid + 1;
      else hi = mid;
    }
    const inner = postedFrom[lo];
    return inner && inner.ts <= task.ts + task.dur ? inner.args.src_file : '';
  };
  // Chromium's allocator housekeeping (PartitionAlloc's purge, posted 10 s after the renderer starts): neither the app's work nor caused by it.
  const isHousekeeping = (e) => sourceOf(e).startsWith('base/allocator/');
  const allMainTasks = events.filter((e) => inWindow(e) && `${e.pid}:${e.tid}` === mainKey);
  const housekeeping = allMainTasks.filter(isHousekeeping);
  const mainTasks = allMainTasks.filter((e) => !isHousekeeping(e));
  // The tap's own task: the shell takes home down and puts the screen's frame up (every screen opened from home has one).
  const isTapTask = (e) => e.ts <= opened.ts && e.ts + e.dur >= opened.ts;
  const longest = (tasks) => Math.round(Math.max(0, ...tasks.map((e) => e.dur / 1000)) * 10) / 10;
  if (process.env.BENCH_STATS_DIAG) {
    // The open's timeline: the main thread's tasks of 2 ms or more and the page's marks, from the tap.
    const at = (e) => Math.round((e.ts - opened.ts) / 100) / 10;
    const timeline = [
      ...mainTasks.filter((e) => e.dur >= 2000).map((e) => ({ ts: e.ts, text: `task ${Math.round(e.dur / 100) / 10} ms` })),
      ...events.filter((e) => e.cat === 'blink.user_timing' && e.ts >= opened.ts && e.ts <= painted.ts && (e.ph === 'R' || e.ph === 'I' || e.ph === 'n')).map((e) => ({ ts: e.ts, text: `mark ${e.name}` })),
    ].sort((a, b) => a.ts - b.ts);
    log(`    timeline: ${timeline.map((entry) => `+${at(entry)} ${entry.text}`).join(', ')}`);
    const worst = [...mainTasks].sort((a, b) => b.dur - a.dur).slice(0, 2);
    for (const task of worst) {
      const inside = events.filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === mainKey && e !== task && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= task.ts + task.dur && (e.dur ?? 0) >= 500);
      log(`    task ${Math.round(task.dur / 100) / 10} ms (on the CPU ${Math.round((task.tdur ?? 0) / 100) / 10} ms)${isTapTask(task) ? ' (tap)' : ''}, posted from ${sourceOf(task) || 'unnamed'}:`);
      for (const e of inside.sort((a, b) => a.ts - b.ts)) {
        const data = e.args?.data ?? {};
        const layout = e.name === 'Layout' ? `objects ${e.args?.beginData?.dirtyObjects}/${e.args?.beginData?.totalObjects}${e.args?.beginData?.partialLayout ? ' partial' : ''} roots ${(e.args?.endData?.layoutRoots ?? []).length}` : '';
        const what = [data.functionName, data.url, data.type, layout].filter(Boolean).join(' ');
        log(`      +${Math.round((e.ts - task.ts) / 100) / 10} ${e.name} ${Math.round(e.dur / 100) / 10} ms (cpu ${Math.round((e.tdur ?? 0) / 100) / 10}) ${String(what).slice(-80)}`);
      }
    }
  }
  const workerMs = events.filter((e) => inWindow(e) && /DedicatedWorker/i.test(threadName.get(`${e.pid}:${e.tid}`) ?? '')).reduce((sum, e) => sum + e.dur / 1000, 0);
  return {
    ...result,
    longestTaskMs: longest(mainTasks),
    housekeepingMs: housekeeping.length > 0 ? longest(housekeeping) : null,
    tapTaskMs: longest(mainTasks.filter(isTapTask)),
    longestAfterTapMs: longest(mainTasks.filter((e) => !isTapTask(e))),
    mainTasks: mainTasks.length,
    workerBusyMs: Math.round(workerMs),
  };
}

/**
 * Stats at the largest size, offline, each open from a cold home (the
 * screen's code included): the first open, which reads every deck's cards
 * and last year of answers in the worker and keeps their summaries; then
 * STATS_RUNS opens (the budget: the kept summaries, nothing written since),
 * STATS_TRACED_RUNS traced ones for the longest main-thread task, and opens
 * right after one answer in one deck (that deck read afresh).
 */
async function benchStats(context, previous) {
  let page = previous;
  const openFromHome = async ({ traced = false } = {}) => {
    const opened = await coldOpen(context, '/', 'homeCounts', page);
    page = opened.page;
    // A person looks at home before tapping: the app fetches Stats' code in that idle time (its route's prefetch), as Browse's, and lays out the screen's type (a few idle periods).
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((entry) => /StatsScreen/.test(entry.name)), null, { timeout: 30_000 });
    await page.waitForFunction((mark) => performance.getEntriesByName(mark, 'mark').length > 0, STATS_TYPE_MARK, { timeout: 30_000 });
    await page.waitForTimeout(500);
    const action = () => page.evaluate(openStatsInPage, STATS_MARK);
    return traced ? tracedStatsOpen(opened.cdp, action) : action();
  };
  const first = await openFromHome({ traced: true });
  log(`  stats, first open (every deck read and kept): charts painted ${Math.round(first.painted)} ms, longest main-thread task ${first.longestTaskMs} ms (the tap's own ${first.tapTaskMs} ms, the longest after it ${first.longestAfterTapMs} ms), worker busy ${first.workerBusyMs} ms`);
  const painted = [];
  const longTasks = [];
  for (let i = 0; i < STATS_RUNS; i += 1) {
    const run = await openFromHome();
    painted.push(run.painted);
    longTasks.push(...run.longTasks);
  }
  const traced = [];
  for (let i = 0; i < STATS_TRACED_RUNS; i += 1) traced.push(await openFromHome({ traced: true }));
  if (process.env.BENCH_STATS_DIAG) {
    // Where the main thread's time goes while Stats opens (diagnostics, not a figure).
    const opened = await coldOpen(context, '/', 'homeCounts', page);
    page = opened.page;
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((entry) => /StatsScreen/.test(entry.name)), null, { timeout: 30_000 });
    await page.waitForTimeout(500);
    await opened.cdp.send('Profiler.enable');
    await opened.cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await opened.cdp.send('Profiler.start');
    await page.evaluate(openStatsInPage, STATS_MARK);
    const profile = await summarizeProfile((await opened.cdp.send('Profiler.stop')).profile, 30);
    log(`  stats profile: busy ${profile.busyMs} ms`);
    for (const row of profile.byFunction) log(`    ${row.ms} ms ${row.fn}`);
    for (const row of profile.bySource) log(`    [file] ${row.ms} ms ${row.source}`);
  }
  const afterAnswer = [];
  for (let i = 0; i < STATS_AFTER_ANSWER_RUNS; i += 1) {
    const study = await coldOpen(context, `/study/${STUDY_DECK}`, 'firstCard', page);
    page = study.page;
    const answered = await page.evaluate(answerOnceInPage);
    if (answered.error) throw new Error(`stats after an answer: ${answered.error}`);
    await page.waitForTimeout(300); // the answer is written in the background
    afterAnswer.push(await openFromHome({ traced: true }));
  }
  const result = {
    what: `in-app navigation from a cold home to /stats -> mark ${STATS_MARK} (every chart painted, next frame), offline, 4x CPU`,
    first: { painted: Math.round(first.painted), longestTaskMs: first.longestTaskMs, workerBusyMs: first.workerBusyMs, what: 'the first open: every deck\'s cards and last year of answers read in the worker, their summaries kept' },
    painted: { ...stats(painted), what: 'the kept summaries, nothing written since' },
    longTasksOver50: longTasks,
    longestTask: { ...stats([first, ...traced, ...afterAnswer].map((run) => run.longestTaskMs)), what: "longest task of the main thread from the tap to the mark, from a trace (first open, traced opens, opens after an answer), not counting Chromium's allocator housekeeping" },
    housekeeping: { tasksMs: [first, ...traced, ...afterAnswer].flatMap((run) => (run.housekeepingMs === null ? [] : [run.housekeepingMs])), what: "Chromium's own allocator housekeeping in the same windows (PartitionAlloc's purge, posted from base/allocator/ 10 s after the renderer starts; it falls inside the first open's long count): not the app's work, so not in longestTask" },
    tapTask: { ...stats([first, ...traced, ...afterAnswer].map((run) => run.tapTaskMs)), what: "the tap's own task: the shell takes home down and mounts the screen's frame (header, deck picker)" },
    longestAfterTap: { ...stats([first, ...traced, ...afterAnswer].map((run) => run.longestAfterTapMs)), what: 'the longest task after the tap\'s own: loading, counting, drawing' },
    traced: traced.map((run) => ({ painted: Math.round(run.painted), longestTaskMs: run.longestTaskMs, tapTaskMs: run.tapTaskMs, longestAfterTapMs: run.longestAfterTapMs, workerBusyMs: run.workerBusyMs })),
    afterAnswer: { ...stats(afterAnswer.map((run) => run.painted)), workerBusyMs: afterAnswer.map((run) => run.workerBusyMs), what: 'right after one answer in one deck: that deck read afresh, the others from their kept summaries' },
    sections: first.sections,
    charts: first.charts,
  };
  log(`  stats: charts painted median ${result.painted.median} ms (p95 ${result.painted.p95}); after an answer in one deck ${result.afterAnswer.median} ms; longest main-thread task ${result.longestTask.max} ms (the tap's own task up to ${result.tapTask.max} ms, after it up to ${result.longestAfterTap.max} ms); long tasks >= 50 ms in ${STATS_RUNS} untraced opens: ${longTasks.length}; Chromium's allocator housekeeping in the traced windows (not counted): ${result.housekeeping.tasksMs.join(', ') || 'none'} ms`);
  return { page, stats: result };
}

// ---------------------------------------------------------------------------
// The FSRS optimizer

/**
 * In the page: taps "Optimize" in the deck options' optimizer section and
 * records the progress bar (value and stage text, ms since the tap) until
 * the scores' table is there; then the table's text.
 */
async function optimizeInPage(limitMs) {
  const section = [...document.querySelectorAll('section.optimizer')][0];
  const button = [...(section?.querySelectorAll('button') ?? [])].find((candidate) => candidate.textContent === 'Optimize');
  if (!section || !button) return { error: 'no Optimize button in the optimizer section' };
  const samples = [];
  let last = '';
  const started = performance.now();
  const record = () => {
    const bar = section.querySelector('progress');
    const stage = section.querySelector('.optimizer-progress p')?.textContent ?? '';
    const key = bar ? `${bar.value}|${stage}` : '';
    if (bar && key !== last) {
      last = key;
      samples.push({ at: Math.round(performance.now() - started), value: bar.value, stage });
    }
  };
  const observer = new MutationObserver(record);
  observer.observe(section, { subtree: true, childList: true, characterData: true, attributes: true });
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      observer.disconnect();
      resolve({ error: `no scores after ${limitMs} ms`, samples });
    }, limitMs);
    const done = new MutationObserver(() => {
      const table = section.querySelector('table');
      const failed = section.querySelector('[role="alert"]');
      if (!table && !failed) return;
      const totalMs = Math.round(performance.now() - started);
      clearTimeout(timer);
      done.disconnect();
      observer.disconnect();
      const rows = table ? [...table.querySelectorAll('tbody tr')].map((row) => [...row.children].map((cell) => cell.textContent)) : [];
      resolve(failed ? { error: failed.textContent, samples } : { totalMs, samples, rows, caption: table?.querySelector('caption')?.textContent ?? '' });
    });
    done.observe(section, { subtree: true, childList: true });
    button.click();
  });
}

/**
 * In the page: every answer to the cards the optimizer reads (the decks of
 * the shared preset, suspended cards left out, as storage/optimizer.ts
 * reads them), as compact columns for the native run.
 */
async function optimizerLogsInPage(databaseName) {
  const db = await new Promise((resolve, reject) => {
    const open = indexedDB.open(databaseName);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const all = (store) =>
    new Promise((resolve, reject) => {
      const request = db.transaction(store, 'readonly').objectStore(store).getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  const decks = new Set((await all('decks')).filter((deck) => deck.optionsId === 'default').map((deck) => deck.id));
  const cards = new Set((await all('cards')).filter((card) => decks.has(card.deckId) && card.queue !== -3).map((card) => card.id));
  const logs = (await all('reviews')).filter((log) => cards.has(log.cardId));
  db.close();
  return { cardIds: logs.map((log) => log.cardId), ratings: logs.map((log) => log.rating), states: logs.map((log) => log.state), times: logs.map((log) => log.reviewTime) };
}

const OPTIMIZER_LIMIT_MS = 60_000;
/** The bench seeds with the day starting at 4:00 (bench/seed.ts), the app's default. */
const OPTIMIZER_DAY_START_HOUR = 4;

/**
 * The optimizer on the whole seeded history (issue 17): in the app, offline,
 * at 1x CPU (a page of its own, not throttled), from the tap on "Optimize"
 * to the scores (reading the answers from IndexedDB, scoring, training in
 * fsrs-browser's wasm in the worker, scoring again), with the progress the
 * bar showed; then the same training items (built in Node by the app's own
 * `trainingSetOf`) trained natively by @open-spaced-repetition/binding
 * (fsrs-rs 6.5 in a Node addon) and, for reference, by fsrs-browser's wasm
 * in Node.
 */
async function benchOptimizer(context, previous) {
  const page = await context.newPage();
  await previous?.close();
  await page.goto(`${BASE}/deck/${STUDY_DECK}/options`);
  const count = page.getByRole('region', { name: 'Optimize FSRS parameters' }).getByText(/^These decks have /);
  await count.waitFor({ timeout: 60_000 });
  const reviewsShown = await count.textContent();
  const run = await page.evaluate(optimizeInPage, OPTIMIZER_LIMIT_MS * 2);
  if (run.error) throw new Error(`optimizer: ${run.error} (progress seen: ${JSON.stringify(run.samples)})`);
  const training = run.samples.filter((sample) => /^Training/.test(sample.stage));
  const trainingFrom = training[0]?.at ?? null;
  const checkingAt = run.samples.find((sample) => /^Scoring the new/.test(sample.stage))?.at ?? null;
  const optimizer = {
    what: `deck options -> "Optimize" tapped -> scores shown, offline, 1x CPU (${reviewsShown})`,
    totalMs: run.totalMs,
    trainingMs: trainingFrom !== null && checkingAt !== null ? checkingAt - trainingFrom : null,
    progressUpdates: run.samples.length,
    trainingUpdates: training.length,
    progress: run.samples,
    caption: run.caption,
    scores: run.rows,
  };
  log(`  optimizer in Chromium: ${run.totalMs} ms from the tap to the scores (training ${optimizer.trainingMs} ms), ${run.samples.length} progress updates (${training.length} while training): ${run.caption}`);

  // The same items in Node: the app's own trainingSetOf (loaded through Vite), then the native binding and the wasm.
  const columns = await page.evaluate(optimizerLogsInPage, 'interview-flashcards');
  const { createServer } = await import('vite');
  const vite = await createServer({ root: ROOT, configFile: false, logLevel: 'error', appType: 'custom', server: { middlewareMode: true, hmr: false } });
  let trainingSet;
  let flat;
  try {
    const { trainingSetOf, flattenItems } = await vite.ssrLoadModule('/src/domain/optimizerInput.ts');
    const logs = columns.cardIds.map((cardId, index) => ({ cardId, rating: columns.ratings[index], state: columns.states[index], reviewTime: columns.times[index] }));
    trainingSet = trainingSetOf(logs, { dayStartHour: OPTIMIZER_DAY_START_HOUR });
    flat = flattenItems(trainingSet.items);
  } finally {
    await vite.close();
  }
  const { computeParameters, FSRSBindingItem, FSRSBindingReview } = await import('@open-spaced-repetition/binding');
  const items = [];
  let at = 0;
  for (const length of flat.lengths) {
    const reviews = [];
    for (let k = 0; k < length; k += 1) reviews.push(new FSRSBindingReview(flat.ratings[at + k], flat.deltaTs[at + k]));
    items.push(new FSRSBindingItem(reviews));
    at += length;
  }
  // Three runs (it is quick, and the machine's load moves it), the median kept.
  const nativeRuns = [];
  let nativeWeights = [];
  for (let i = 0; i < 3; i += 1) {
    const nativeStarted = performance.now();
    nativeWeights = await computeParameters(items, { enableShortTerm: true });
    nativeRuns.push(Math.round(performance.now() - nativeStarted));
  }
  const nativeMs = stats(nativeRuns).median;

  // fsrs-browser's rayon helper listens on `self` when imported; Node has none.
  globalThis.self ??= new EventTarget();
  const fsrsBrowser = await import('fsrs-browser');
  fsrsBrowser.initSync({ module: await readFile(join(ROOT, 'node_modules', 'fsrs-browser', 'fsrs_browser_bg.wasm')) });
  const info = console.info;
  console.info = () => undefined;
  const started = performance.now();
  let wasmWeights = [];
  try {
    wasmWeights = Array.from(new fsrsBrowser.Fsrs().computeParameters(flat.ratings, flat.deltaTs, flat.lengths, undefined, true));
  } finally {
    console.info = info;
  }
  const wasmInNodeMs = Math.round(performance.now() - started);

  optimizer.items = trainingSet.items.length;
  optimizer.logs = columns.cardIds.length;
  const rounded = (weights) => Array.from(weights, (weight) => Math.round(weight * 10_000) / 10_000);
  optimizer.native = { ms: nativeMs, runs: nativeRuns, weights: rounded(nativeWeights), what: '@open-spaced-repetition/binding 0.5.0 (fsrs-rs 6.5, native addon, its own threads) computeParameters on the same items, Node, median of 3' };
  optimizer.wasmInNode = { ms: wasmInNodeMs, weights: rounded(wasmWeights), what: 'fsrs-browser 5.2.0 (fsrs-rs 5.2, wasm, single-threaded) computeParameters on the same items, Node' };
  optimizer.ratio = {
    what: 'Chromium / native',
    total: Math.round((run.totalMs / nativeMs) * 10) / 10,
    training: optimizer.trainingMs === null ? null : Math.round((optimizer.trainingMs / nativeMs) * 10) / 10,
  };
  log(`  the same ${optimizer.items} items (${optimizer.logs} logs) natively in Node (binding): ${nativeMs} ms; fsrs-browser's wasm in Node: ${wasmInNodeMs} ms; Chromium / native: ${optimizer.ratio.total}x end to end, ${optimizer.ratio.training}x training alone`);
  return { page, optimizer };
}

// ---------------------------------------------------------------------------
// Import through the import screen

function importCsv(run, rows) {
  const lines = ['#separator:comma', '#html:false', '#columns:Front,Back'];
  for (let i = 0; i < rows; i += 1) {
    lines.push(`"Run ${run} question ${i}: how did you handle the ""${i % 97}"" incident?","Answer ${i}: I owned it, told the team, fixed the root cause and wrote the postmortem, run ${run}."`);
  }
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

/** One import through the import screen in this context: file chosen -> preview painted, "Import" click -> success painted. */
async function importOnce(context, runIndex, previous, { profiling = false } = {}) {
  const { page, cdp } = await throttledPage(context);
  await previous?.close();
  await page.goto(`${BASE}/import`, { waitUntil: 'commit' });
  const input = page.locator('input[type=file]').first();
  await input.waitFor({ state: 'attached', timeout: 15_000 });
  if (profiling) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  const previewShown = waitForMark(page, 'importPreview', 120_000);
  await input.setInputFiles({ name: `bench-import-${runIndex}.csv`, mimeType: 'text/csv', buffer: importCsv(runIndex, IMPORT_ROWS) });
  await previewShown;
  const doneShown = waitForMark(page, 'importDone', 120_000);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await doneShown;
  const profile = profiling ? await summarizeProfile((await cdp.send('Profiler.stop')).profile, 20) : undefined;
  const marks = await page.evaluate(() => window.__benchMarks);
  const status = await page.getByRole('status').filter({ hasText: /imported|added/i }).first().textContent();
  await cdp.detach();
  return { page, toPreview: marks.importPreview - marks.importChange, toDone: marks.importDone - marks.importClick, status, profile };
}

/**
 * The budgeted import: each run in a fresh browser profile holding the 1k
 * collection (seeded, app visited once), so every run imports into the same
 * collection rather than into the previous runs' cards.
 */
async function benchImport(executablePath) {
  const totals = [];
  const parts = [];
  const floors = [];
  const cardFloors = [];
  let profile;
  for (let runIndex = 0; runIndex < IMPORT_RUNS; runIndex += 1) {
    const { context, close } = await benchContext(executablePath);
    try {
      const { seedPage } = await seedCollection(context, SIZES[0]);
      // The platform's floor for the write, in the same browser, just before the run.
      const floorCdp = await throttle(context, seedPage);
      floors.push(await seedPage.evaluate((rows) => window.__bench.importFloor(rows, true), IMPORT_ROWS));
      cardFloors.push(await seedPage.evaluate((rows) => window.__bench.importFloor(rows, false), IMPORT_ROWS));
      await floorCdp.detach();
      const firstPage = await firstVisit(context, seedPage);
      // Let the first visit's background work (precaching, built-in decks, prefetches) finish.
      await firstPage.waitForTimeout(2000);
      const run = await importOnce(context, runIndex, firstPage, { profiling: PROFILE && runIndex === IMPORT_RUNS - 1 });
      profile = run.profile ?? profile;
      totals.push(run.toPreview + run.toDone);
      parts.push(run);
    } finally {
      await close();
    }
  }
  const result = {
    measured: true,
    rows: IMPORT_ROWS,
    collection: `${SIZES[0]} cards, a fresh browser profile per run`,
    ...stats(totals),
    what: 'file chosen -> preview painted, plus "Import" click -> success status painted (the wait for the click is not counted)',
    fileToPreview: stats(parts.map((p) => p.toPreview)),
    importToDone: stats(parts.map((p) => p.toDone)),
    perRun: parts.map((part) => ({ toPreview: Math.round(part.toPreview), toDone: Math.round(part.toDone) })),
    writeFloor: { ...stats(floors), what: `${IMPORT_ROWS} notes and their ${IMPORT_ROWS} new cards as native IndexedDB adds in one transaction, no app code (bench/seed.ts importFloor): the records the import writes` },
    cardsOnlyFloor: { ...stats(cardFloors), what: `${IMPORT_ROWS} native adds of new-card records alone (one record per row, as before notes)` },
    lastStatus: parts.at(-1)?.status,
    ...(profile ? { profile } : {}),
  };
  result.writeOverFloor = Math.round((result.importToDone.median / result.writeFloor.median) * 100) / 100;
  result.writeOverCardsOnlyFloor = Math.round((result.importToDone.median / result.cardsOnlyFloor.median) * 100) / 100;
  log(`import ${IMPORT_ROWS} rows into ${SIZES[0]} cards: ${result.median} ms (preview ${result.fileToPreview.median} ms + import ${result.importToDone.median} ms; runs ${result.perRun.map((run) => `${run.toPreview}+${run.toDone}`).join(', ')})`);
  log(`  write floor (${IMPORT_ROWS} notes + ${IMPORT_ROWS} cards, native adds, one transaction) median ${result.writeFloor.median} ms; import write / floor ${result.writeOverFloor} (/ the ${IMPORT_ROWS}-card floor ${result.cardsOnlyFloor.median} ms: ${result.writeOverCardsOnlyFloor})`);
  if (profile) log(`  import profile, main thread busy ${profile.busyMs} ms: ${profile.byFunction.map((f) => `${f.fn} ${f.ms}`).join('; ')}`);
  return result;
}

/** The generated Anki package: notes, images among them, runs. */
const APKG_NOTES = 10_000;
const APKG_IMAGES = 1_000;
const APKG_RUNS = Number(process.env.APKG_RUNS ?? 3);

/** A small valid PNG, different for every `index` (a 16x16 image whose pixels carry the index), so no two files are the same. */
function benchPng(index) {
  const width = 16;
  const raw = Buffer.alloc((width * 3 + 1) * width);
  for (let y = 0; y < width; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const at = y * (width * 3 + 1) + 1 + x * 3;
      raw[at] = (index * 7 + x * 13) & 255;
      raw[at + 1] = (index >> 3) & 255;
      raw[at + 2] = (y * 17 + index) & 255;
    }
  }
  const chunk = (type, data) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'ascii');
    data.copy(out, 8);
    out.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'ascii'), data])), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(width, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  return Uint8Array.from(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]));
}

/** The generated package: basic, reversed and cloze notes in nested decks, an image on every tenth note. */
async function benchPackage() {
  const notes = [];
  const media = [];
  for (let i = 0; i < APKG_NOTES; i += 1) {
    const deck = `Bench package::Part ${1 + (i % 5)}`;
    const image = i % (APKG_NOTES / APKG_IMAGES) === 0 ? media.length : -1;
    if (image >= 0) media.push({ name: `figure ${image}.png`, bytes: benchPng(image) });
    const picture = image >= 0 ? ` <img src="figure ${image}.png">` : '';
    if (i % 3 === 2) notes.push({ noteType: 'Cloze', guid: `bp-${i}`, deck, fields: [`Item ${i}: the {{c1::answer ${i}}} is {{c2::here}}${picture}`, ''], tags: ['bench'] });
    else notes.push({ noteType: i % 3 === 0 ? 'Basic' : 'Basic (and reversed card)', guid: `bp-${i}`, deck, fields: [`Question ${i}?${picture}`, `Answer ${i}`], tags: ['bench'] });
  }
  return buildApkg({ notes, media }, { format: 'anki21b' });
}

/** Resident memory of the largest Chromium renderer process (a tab, with its dedicated workers), in MB. */
async function rendererMb() {
  const output = await run('ps', ['-eo', 'rss,args']);
  let largest = 0;
  for (const line of output.split('\n').slice(1)) {
    const [rss, ...command] = line.trim().split(/\s+/);
    if (command.join(' ').includes('--type=renderer')) largest = Math.max(largest, Number(rss) / 1024);
  }
  return Math.round(largest);
}

/**
 * The generated package imported through the import screen, offline, at 4x
 * CPU, each run in a fresh browser profile: file chosen -> preview painted,
 * "Import" -> success status painted, and the tab's peak memory meanwhile
 * (renderer RSS sampled every 100 ms: the page and its import worker).
 */
async function benchApkg(executablePath) {
  const bytes = await benchPackage();
  log(`anki package: ${APKG_NOTES} notes, ${APKG_IMAGES} images, ${(bytes.length / 1048576).toFixed(1)} MB (anki21b)`);
  const toPreview = [];
  const toDone = [];
  const peaks = [];
  const floors = [];
  let status;
  for (let runIndex = 0; runIndex < APKG_RUNS; runIndex += 1) {
    const { context, close } = await benchContext(executablePath);
    try {
      const first = await context.newPage();
      await first.goto(`${BASE}/`);
      await first.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
      await first.waitForFunction(() => document.querySelectorAll('.deck-row').length >= 3, null, { timeout: 60_000 });
      await first.waitForTimeout(2000);
      await context.setOffline(true);
      const { page, cdp } = await throttledPage(context);
      await first.close();
      await page.goto(`${BASE}/import`, { waitUntil: 'commit' });
      const input = page.locator('input[type=file]').first();
      await input.waitFor({ state: 'attached', timeout: 15_000 });
      let peak = await rendererMb();
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          peak = Math.max(peak, await rendererMb());
          await new Promise((resolvePromise) => setTimeout(resolvePromise, 100));
        }
      })();
      const profiling = PROFILE && runIndex === APKG_RUNS - 1;
      const startProfile = async () => {
        if (!profiling) return;
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
        await cdp.send('Profiler.start');
      };
      const stopProfile = async (what) => {
        if (!profiling) return;
        const profile = await summarizeProfile((await cdp.send('Profiler.stop')).profile, 25);
        log(`  anki package ${what} profile, main thread busy ${profile.busyMs} ms: ${profile.byFunction.map((f) => `${f.fn} ${f.ms}`).join('; ')}`);
      };
      const previewShown = waitForMark(page, 'importPreview', 120_000);
      await startProfile();
      await input.setInputFiles({ name: `bench-${runIndex}.apkg`, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
      await previewShown;
      await stopProfile('preview');
      const doneShown = waitForMark(page, 'importDone', 120_000);
      await startProfile();
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await doneShown;
      await stopProfile('write');
      sampling = false;
      await sampler;
      const marks = await page.evaluate(() => window.__benchMarks);
      status = await page.getByRole('status').first().textContent();
      toPreview.push(marks.importPreview - marks.importChange);
      toDone.push(marks.importDone - marks.importClick);
      peaks.push(peak);
      floors.push(await page.evaluate(packageWriteFloor));
      await cdp.detach();
    } finally {
      await close();
    }
  }
  const result = {
    measured: true,
    notes: APKG_NOTES,
    images: APKG_IMAGES,
    packageMb: Math.round((bytes.length / 1048576) * 10) / 10,
    what: 'a generated anki21b package through the import screen, offline, 4x CPU, a fresh profile per run: file chosen -> preview painted (parsed in the worker: unzip, zstd, SQLite, notes, media hashed), "Import" -> success status painted (media, notes and cards in one transaction)',
    toPreview: stats(toPreview),
    toDone: stats(toDone),
    peakRendererMb: Math.max(...peaks),
    peaks,
    writeFloor: { ...stats(floors.map((floor) => floor.ms)), records: floors[0]?.records, what: 'the records the import wrote (its notes, cards and media, read back) added natively in one transaction to an empty database of the same schema, in the same page at 4x CPU, right after the import' },
    lastStatus: status,
  };
  result.writeOverFloor = Math.round((result.toDone.median / result.writeFloor.median) * 100) / 100;
  log(`  anki package write floor (${result.writeFloor.records} records, native adds, one transaction): median ${result.writeFloor.median} ms; import write / floor ${result.writeOverFloor}`);
  log(`  anki package: preview ${result.toPreview.median} ms, write ${result.toDone.median} ms (runs ${toPreview.map((ms, i) => `${Math.round(ms)}+${Math.round(toDone[i])}`).join(', ')}); peak tab memory ${result.peakRendererMb} MB; "${status}"`);
  return result;
}

/**
 * Runs in the page after a package import: reads back what it wrote (the
 * notes and cards of its decks, every media file), then times native adds
 * of those records, in one transaction, to an empty database with the app's
 * stores and indexes. The least any import of them can cost here.
 */
async function packageWriteFloor() {
  const request = (target) =>
    new Promise((resolvePromise, rejectPromise) => {
      target.onsuccess = () => resolvePromise(target.result);
      target.onerror = () => rejectPromise(target.error);
    });
  const app = await request(indexedDB.open('interview-flashcards'));
  const stores = ['notes', 'cards', 'media'];
  const read = app.transaction(stores, 'readonly');
  const all = {};
  for (const store of stores) all[store] = await request(read.objectStore(store).getAll());
  const packageDecks = new Set(all.notes.filter((note) => note.origin?.format === 'anki-package').map((note) => note.deckId));
  const records = {
    notes: all.notes.filter((note) => packageDecks.has(note.deckId)),
    cards: all.cards.filter((card) => packageDecks.has(card.deckId)),
    media: all.media,
  };
  const schema = stores.map((name) => {
    const store = read.objectStore(name);
    return { name, keyPath: store.keyPath, indexes: [...store.indexNames].map((index) => store.index(index)).map((index) => ({ name: index.name, keyPath: index.keyPath, multiEntry: index.multiEntry, unique: index.unique })) };
  });
  app.close();
  const scratchName = `bench-package-floor-${Date.now()}`;
  const opening = indexedDB.open(scratchName, 1);
  opening.onupgradeneeded = () => {
    for (const spec of schema) {
      const store = opening.result.createObjectStore(spec.name, { keyPath: spec.keyPath });
      for (const index of spec.indexes) store.createIndex(index.name, index.keyPath, { multiEntry: index.multiEntry, unique: index.unique });
    }
  };
  const scratch = await request(opening);
  const started = performance.now();
  const write = scratch.transaction(stores, 'readwrite');
  for (const store of stores) for (const record of records[store]) write.objectStore(store).add(record);
  await new Promise((resolvePromise, rejectPromise) => {
    write.oncomplete = () => resolvePromise();
    write.onerror = () => rejectPromise(write.error);
  });
  const ms = Math.round(performance.now() - started);
  scratch.close();
  await request(indexedDB.deleteDatabase(scratchName));
  return { ms, records: records.notes.length + records.cards.length + records.media.length };
}

/** Cards in the version-1 database the upgrade is measured on. */
const UPGRADE_CARDS = 100_000;

/** The schema-2 upgrade of a 100k-card version-1 database, at 4x CPU, in a fresh profile (bench/seed.ts `upgradeFromV1`). */
async function benchUpgrade(executablePath) {
  const { context, close } = await benchContext(executablePath);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${BASE}/__bench/seed.html`);
    await page.waitForFunction(() => Boolean(window.__bench));
    await throttle(context, page);
    const result = await page.evaluate(
      (cards) =>
        window.__bench.upgradeFromV1(cards).catch((error) => {
          throw new Error(`${error?.name}: ${error?.message}\n${error?.stack ?? ''}`);
        }),
      UPGRADE_CARDS,
    );
    log(`upgrade of a ${UPGRADE_CARDS / 1000}k-card version-1 database: home counted after ${result.ms} ms; then notes made and logs moved in ${result.migrationMs} ms (${result.cards} cards, ${result.notes} notes, ${result.logs} logs, ${result.v1LogsLeft} left in schema 1's store; longest main-thread task ${result.longestTaskMs} ms of ${result.longTasks}; % done at ms: ${result.phases.map(([done, ms]) => `${done}%@${ms}`).join(' ')})`);
    return { measured: true, ...result, what: 'homeOverview() on a version-1 database (open + schema change + counts), then finishUpgrade(): notes rebuilt, logs moved into reviews with ULIDs, in small transactions after opening' };
  } finally {
    await close();
  }
}

/** Short recordings whose indicator latency is measured, and the length of the long one. */
const PRACTICE_RUNS = 7;
const PRACTICE_LONG_MS = 120_000;
const PRACTICE_QUESTION = 'fl-q-tell-me-about-failure';

/** Milliseconds between the last `from` and the last `to` performance marks the practice screen set. */
function marksApartInPage([from, to]) {
  const last = (name) => performance.getEntriesByName(name, 'mark').at(-1)?.startTime ?? Number.NaN;
  return last(to) - last(from);
}

/**
 * Practice aloud at 4x CPU with Chromium's fake microphone (granted, no
 * prompt), offline: PRACTICE_RUNS short takes (microphone granted ->
 * indicator painted, the screen's own marks), then one 2-minute take: Stop ->
 * playable, and its size once kept (read from IndexedDB).
 */
async function benchPractice(executablePath) {
  const { context, close } = await benchContext(executablePath, FAKE_MICROPHONE_ARGS);
  try {
    // The first visit with the built-in decks only (nothing seeded), then offline.
    const first = await context.newPage();
    await first.goto(`${BASE}/`);
    await first.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
    await first.waitForFunction(() => document.querySelectorAll('.deck-row').length >= 3, null, { timeout: 60_000 });
    await context.setOffline(true);
    const { page } = await throttledPage(context);
    await first.close();
    await page.goto(`${BASE}/practice/note/${PRACTICE_QUESTION}`);
    const record = page.getByRole('button', { name: 'Record', exact: true });
    const stop = page.getByRole('button', { name: 'Stop' });
    const discard = page.getByRole('button', { name: 'Discard' });
    await record.waitFor({ timeout: 30_000 });
    const indicator = [];
    const shortStops = [];
    for (let run = 0; run < PRACTICE_RUNS; run += 1) {
      await (run === 0 ? record : page.getByRole('button', { name: /^Record/ }).first()).click();
      await page.waitForFunction(() => performance.getEntriesByName('practice:indicator-painted', 'mark').length > 0 && performance.getEntriesByName('practice:mic-granted', 'mark').at(-1).startTime < performance.getEntriesByName('practice:indicator-painted', 'mark').at(-1).startTime);
      indicator.push(await page.evaluate(marksApartInPage, ['practice:mic-granted', 'practice:indicator-painted']));
      await page.waitForTimeout(1500);
      await stop.click();
      await page.waitForFunction(() => (performance.getEntriesByName('practice:take-playable', 'mark').at(-1)?.startTime ?? -1) > (performance.getEntriesByName('practice:stop', 'mark').at(-1)?.startTime ?? Infinity));
      shortStops.push(await page.evaluate(marksApartInPage, ['practice:stop', 'practice:take-playable']));
      await discard.click();
      await page.evaluate(() => performance.clearMarks());
    }
    await page.getByRole('button', { name: /^Record/ }).first().click();
    await page.waitForTimeout(PRACTICE_LONG_MS);
    await stop.click();
    await page.waitForFunction(() => (performance.getEntriesByName('practice:take-playable', 'mark').at(-1)?.startTime ?? -1) > (performance.getEntriesByName('practice:stop', 'mark').at(-1)?.startTime ?? Infinity), null, { timeout: 30_000 });
    const stopToPlayableMs = Math.round((await page.evaluate(marksApartInPage, ['practice:stop', 'practice:take-playable'])) * 10) / 10;
    await page.getByRole('button', { name: 'Keep' }).click();
    await page.getByRole('list', { name: 'Recordings' }).getByRole('listitem').first().waitFor();
    const sizes = await page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const open = indexedDB.open('interview-flashcards');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const request = open.result.transaction('recordings').objectStore('recordings').getAll();
            request.onsuccess = () => resolve(request.result.map((recording) => ({ size: recording.size, durationMs: recording.durationMs, mimeType: recording.mimeType })));
            request.onerror = () => reject(request.error);
          };
        }),
    );
    const long = sizes.sort((a, b) => b.durationMs - a.durationMs)[0];
    const result = {
      measured: true,
      what: 'fake microphone (Chromium --use-fake-device-for-media-stream), 4x CPU, offline; the screen marks practice:mic-granted (getUserMedia resolved), practice:indicator-painted (the frame after the indicator rendered), practice:stop and practice:take-playable (the take\'s <audio> canplay)',
      indicator: stats(indicator),
      shortStopToPlayable: stats(shortStops),
      stopToPlayableMs,
      twoMinute: long,
      twoMinuteMB: long ? Math.round((long.size / 1024 / 1024) * 100) / 100 : null,
      kbitPerSecond: long ? Math.round((long.size * 8) / long.durationMs) : null,
    };
    log(`practice: indicator median ${result.indicator.median} ms (p95 ${result.indicator.p95}); stop -> playable ${result.shortStopToPlayable.median} ms for 1.5 s takes, ${stopToPlayableMs} ms for a ${Math.round((long?.durationMs ?? 0) / 1000)} s take of ${result.twoMinuteMB} MB (${result.kbitPerSecond} kbit/s, ${long?.mimeType})`);
    return result;
  } finally {
    await close();
  }
}

// ---------------------------------------------------------------------------
// Report

function formatValue(value, unit) {
  if (value === null || value === undefined) return 'n/a';
  if (unit === 'x') return `${value.toFixed(2)}x`;
  if (unit === 'answers') return `${value} answers`;
  if (unit === '%') return `${value.toFixed(1)} %`;
  return unit === 'KB' || unit === 'MB' ? `${value.toFixed(1)} ${unit}` : `${value.toFixed(1)} ms`;
}

function table(rows) {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => String(row[column]).length)));
  return rows.map((row) => row.map((cell, column) => String(cell).padEnd(widths[column])).join('  ')).join('\n');
}

function report(results) {
  const rows = [['figure', 'median', 'p95', 'runs']];
  const ms = (s) => (s && s.median !== null && s.median !== undefined ? [`${s.median} ms`, `${s.p95} ms`, s.runs] : ['n/a', 'n/a', 0]);
  for (const size of SIZES) {
    const r = results.sizes[String(size)];
    if (!r) continue;
    const k = `${size / 1000}k`;
    rows.push([`cold start offline -> first card, ${k}`, ...ms(r.coldStart)]);
    rows.push([`answer latency (Good -> next frame), ${k}`, ...ms(r.answer)]);
    if (r.answerWriteIssued) rows.push([`  Good -> write issued (same task), ${k}`, ...ms(r.answerWriteIssued)]);
    if (r.answerCommit) rows.push([`  write issued -> committed, ${k}`, ...ms(r.answerCommit)]);
    if (r.answersIssuedAfterFrame !== undefined) rows.push([`  answers written after the frame, ${k}`, r.answersIssuedAfterFrame, '', '']);
    rows.push([`  floor: recordReview, ${k}`, ...ms(r.floor)]);
    rows.push([`  answer / floor, ${k}`, r.answerOverFloor ?? 'n/a', '', '']);
    if (r.homeCounts) {
      rows.push([`home counts (app:entry -> counts painted), ${k}`, ...ms(r.homeCounts)]);
      rows.push([`  navigation -> counts, ${k}`, ...ms(r.homeFromNavigation)]);
    }
    if (r.reference) {
      const ref = r.reference;
      rows.push([`reference, offline cold through a service worker, ${k}: empty page, LCP`, ...ms(ref.emptySw.lcp)]);
      rows.push([`  bare React + Dexie page (3 decks' counts), LCP`, ...ms(ref.bare.lcp)]);
      rows.push([`  bare page, counts in the DOM`, ...ms(ref.bare.countsDom)]);
      rows.push([`  bare page, first contentful paint`, ...ms(ref.bare.fcp)]);
      rows.push([`  app home, LCP`, ...ms(ref.appHome.lcp)]);
      rows.push([`  app home, counts in the DOM`, ...ms(ref.appHome.countsDom)]);
      rows.push([`  app home, first contentful paint`, ...ms(ref.appHome.fcp)]);
      rows.push([`  app home / bare page, LCP`, `${ref.ratio.lcp ?? 'n/a'}x`, '', '']);
      rows.push([`  app home / bare page, counts in the DOM`, `${ref.ratio.countsDom ?? 'n/a'}x`, '', '']);
      rows.push([`  app home / bare page, first contentful paint`, `${ref.ratio.fcp ?? 'n/a'}x`, '', '']);
    }
    if (r.homeCountsAfterAnswer) rows.push([`  home counts after an answer in one deck, ${k}`, ...ms(r.homeCountsAfterAnswer)]);
    rows.push([`  deckCounts() query alone, no cache, ${k}`, ...ms(r.countsQuery)]);
    if (r.importIntoCollection) rows.push([`  import ${IMPORT_ROWS}-row CSV into ${k} (one run)`, `${r.importIntoCollection.total} ms`, '', 1]);
    if (r.heapAfterAnswers) rows.push([`JS heap after ${r.heapAfterAnswers.answers} answers, ${k}`, `${r.heapAfterAnswers.usedMB} MB`, '', 1]);
    if (r.stats) {
      rows.push([`Stats opened -> every chart painted, ${k}`, ...ms(r.stats.painted)]);
      rows.push([`  first open (every deck read in the worker, summaries kept), ${k}`, `${r.stats.first.painted} ms`, '', 1]);
      rows.push([`  right after an answer in one deck, ${k}`, ...ms(r.stats.afterAnswer)]);
      rows.push([`  longest main-thread task while it opens, ${k}`, `${r.stats.longestTask.max} ms`, '', r.stats.longestTask.runs]);
      if (r.stats.housekeeping?.tasksMs.length) rows.push([`    Chromium's allocator housekeeping in those windows (not counted), ${k}`, `${Math.max(...r.stats.housekeeping.tasksMs)} ms`, '', r.stats.housekeeping.tasksMs.length]);
      rows.push([`    the tap's own task (home taken down, the screen's frame), ${k}`, `${r.stats.tapTask.max} ms`, `median ${r.stats.tapTask.median} ms`, r.stats.tapTask.runs]);
      rows.push([`    the longest after it (loading, counting, drawing), ${k}`, `${r.stats.longestAfterTap.max} ms`, `median ${r.stats.longestAfterTap.median} ms`, r.stats.longestAfterTap.runs]);
    }
    if (r.optimizer) {
      rows.push([`optimizer in Chromium, 1x CPU: Optimize -> scores (${r.optimizer.items} items, ${r.optimizer.logs} logs), ${k}`, `${r.optimizer.totalMs} ms`, '', 1]);
      rows.push([`  of which training (fsrs-browser wasm in the worker), ${k}`, `${r.optimizer.trainingMs} ms`, `${r.optimizer.progressUpdates} progress updates`, 1]);
      rows.push([`  the same items natively in Node (binding), ${k}`, `${r.optimizer.native.ms} ms`, '', 1]);
      rows.push([`  the same items, fsrs-browser wasm in Node, ${k}`, `${r.optimizer.wasmInNode.ms} ms`, '', 1]);
      rows.push([`  Chromium / native: end to end, training alone`, `${r.optimizer.ratio.total}x`, `${r.optimizer.ratio.training}x`, '']);
    }
  }
  if (results.import?.measured) {
    rows.push([`import ${IMPORT_ROWS}-row CSV into ${SIZES[0] / 1000}k`, ...ms(results.import)]);
    rows.push(['  preview (file chosen -> preview painted)', ...ms(results.import.fileToPreview)]);
    rows.push(['  write ("Import" -> success painted)', ...ms(results.import.importToDone)]);
    rows.push([`  floor: ${IMPORT_ROWS} notes + ${IMPORT_ROWS} cards, native adds, one transaction`, ...ms(results.import.writeFloor)]);
    rows.push([`  floor: ${IMPORT_ROWS} cards alone`, ...ms(results.import.cardsOnlyFloor)]);
    rows.push(['  import write / floor (notes + cards)', results.import.writeOverFloor, '', '']);
  } else {
    rows.push([`import ${IMPORT_ROWS}-row CSV`, `not measured (${results.import?.reason ?? 'skipped'})`, '', 0]);
  }
  if (results.apkg?.measured) {
    rows.push([`anki package (${results.apkg.notes} notes, ${results.apkg.images} images): preview`, ...ms(results.apkg.toPreview)]);
    rows.push(['  write ("Import" -> success painted)', ...ms(results.apkg.toDone)]);
    rows.push([`  floor: its ${results.apkg.writeFloor.records} records, native adds, one transaction`, ...ms(results.apkg.writeFloor)]);
    rows.push(['  package write / floor', results.apkg.writeOverFloor, '', '']);
    rows.push(['  peak tab memory', `${results.apkg.peakRendererMb} MB`, '', results.apkg.peaks.length]);
  }
  if (results.upgrade?.measured) {
    rows.push([`upgrade of a ${results.upgrade.cards / 1000}k-card version-1 database (${results.upgrade.logs} logs): open -> home counted`, `${results.upgrade.ms} ms`, '', 1]);
    rows.push(['  then, while the app is usable: notes made, logs moved', `${results.upgrade.migrationMs} ms`, `longest task ${results.upgrade.longestTaskMs} ms`, 1]);
  }
  rows.push(['initial JS + CSS (gzip)', `${(results.size.initialGzipBytes / 1024).toFixed(1)} KB`, '', `${results.size.initialFiles.length} files`]);
  rows.push(['precache', `${(results.size.precacheBytes / 1024).toFixed(1)} KB raw`, `${(results.size.precacheGzipBytes / 1024).toFixed(1)} KB gzip`, `${results.size.precacheEntries} entries`]);
  process.stdout.write(`\n${table(rows)}\n\n`);

  const budgetRows = [['budget', 'limit', 'measured', 'result']];
  for (const budget of results.budgets) {
    budgetRows.push([budget.label, budget.unit === 'x' ? `<= ${budget.limit.toFixed(1)}x` : `<= ${budget.limit} ${budget.unit}`, formatValue(budget.measured, budget.unit), budget.status]);
  }
  process.stdout.write(`${table(budgetRows)}\n\n`);
}

// ---------------------------------------------------------------------------

async function main() {
  const started = Date.now();
  if (BUILD) await build();
  const size = await measureSizes();
  log(`initial JS + CSS: ${(size.initialGzipBytes / 1024).toFixed(1)} KB gzip in ${size.initialFiles.length} files; precache ${(size.precacheBytes / 1024).toFixed(1)} KB in ${size.precacheEntries} entries`);

  const server = await startServer();
  const executablePath = await resolveChromium();
  // The last line: Debian's wrapper script may print warnings before the version.
  const browserVersion = (await run(executablePath, ['--version'])).trim().split('\n').at(-1);
  const results = {
    date: new Date().toISOString(),
    machine: {
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      memoryGB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
      os: `${platform()} ${release()}`,
      node: process.version,
    },
    browser: { executable: executablePath, version: browserVersion },
    conditions: {
      viewport: VIEWPORT,
      device: 'Pixel 7 emulation (touch, DPR 2.625) at 390x844',
      cpuSlowdown: CPU_SLOWDOWN,
      network: 'offline, service worker installed (cold start: new page, service worker stopped first)',
      deckSize: DECK_SIZE,
      studiedDeck: STUDY_DECK,
    },
    size,
    sizes: {},
    import: null,
  };
  try {
    for (const cards of SIZES) {
      log(`${cards} cards:`);
      const sized = await benchSize(executablePath, cards);
      results.sizes[String(cards)] = sized;
    }
    if (ONLY.has('import')) results.import = await benchImport(executablePath);
    if (ONLY.has('apkg')) results.apkg = await benchApkg(executablePath);
    if (ONLY.has('upgrade')) results.upgrade = await benchUpgrade(executablePath);
    if (ONLY.has('practice')) results.practice = await benchPractice(executablePath);
  } finally {
    server.kill();
  }
  results.import ??= { measured: false, reason: 'not run' };
  results.budgets = BUDGETS.map((budget) => {
    const measured = budget.value(results);
    const status = measured === null || measured === undefined ? 'NOT MEASURED' : measured <= budget.limit ? 'PASS' : 'FAIL';
    return { id: budget.id, label: budget.label, limit: budget.limit, unit: budget.unit, measured: measured ?? null, status };
  });
  results.durationSeconds = Math.round((Date.now() - started) / 1000);
  await mkdir(dirname(RESULTS), { recursive: true });
  await writeFile(RESULTS, JSON.stringify(results, null, 2) + '\n');
  report(results);
  log(`wrote ${relative(ROOT, RESULTS)} in ${results.durationSeconds} s total`);
  const failed = results.budgets.filter((b) => b.status !== 'PASS');
  if (failed.length > 0) log(`${failed.length} budget(s) not met: ${failed.map((b) => `${b.id} (${b.status})`).join(', ')}`);
  if (STRICT && failed.length > 0) process.exitCode = 1;
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exitCode = 2;
});
