/**
 * Browse: every card in one searchable, filterable, sortable list
 * (virtualized: only the rows on screen are in the DOM, so 100,000 cards
 * scroll as smoothly as 100), with actions on a selection (suspend, bury,
 * reset, due date, move, delete) that can be undone, and the note editor one
 * tap away. Keyboard: `/` search, arrows move, Enter edits, Space selects,
 * `s` or `!` suspend/unsuspend, `-` bury (Anki's keys).
 */
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import {
  BROWSE_SORTS,
  BROWSE_STATES,
  DUE_FILTERS,
  browseRowOf,
  inDeckOrder,
  isInState,
  rowMatcher,
  sortRows,
  tagsOf,
  type BrowseRow,
  type BrowseSort,
  type BrowseState,
  type DueFilter,
} from '../../domain/browse';
import { deckPlace } from '../../domain/deckTree';
import { CardQueue, type DeckRecord } from '../../domain/types';
import { startOfStudyDay, studyDayOf } from '../../domain/studyDay';
import { DEFAULT_SETTINGS } from '../../domain/types';
import { onTablesChanged, STORE } from '../../storage';
import { loadFirstBrowseRows, streamBrowseRows } from '../../storage/browse';
import { applyCardAction, undoCardAction, type ActionUndo, type CardAction, type CardActionKind } from '../../storage/cardActions';
import { useDecks, useSettings } from '../../ui/data';
import { useScreenT, useT, type ScreenTranslate } from '../../ui/i18n';
import { BROWSE_MESSAGES, type BrowseMessageKey } from '../../ui/i18n/screens/browse';
import { Link } from '../../ui/Link';
import { navigate } from '../../ui/navigation';
import { addNotePath, editNotePath } from '../../ui/paths';
import { ScreenHeader } from '../../ui/ScreenHeader';
import { storageErrorMessage } from '../../ui/storageErrorMessage';

const ROW_HEIGHT = 76;
/** One function for every render: the virtualizer measures all rows again whenever its estimate function changes (100,000 at a time). */
const rowHeight = (): number => ROW_HEIGHT;
const DAY_MS = 86_400_000;

const STATE_KEYS = {
  new: 'browseStateNew',
  learning: 'browseStateLearning',
  review: 'browseStateReview',
  suspended: 'browseStateSuspended',
  buried: 'browseStateBuried',
  leech: 'browseStateLeech',
} as const satisfies Record<BrowseState, BrowseMessageKey>;
const DUE_KEYS = { overdue: 'browseDueOverdue', today: 'browseDueToday', week: 'browseDueWeek' } as const satisfies Record<DueFilter, BrowseMessageKey>;
const SORT_KEYS = {
  due: 'browseSortDue',
  created: 'browseSortCreated',
  lastReview: 'browseSortLastReview',
  lapses: 'browseSortLapses',
  difficulty: 'browseSortDifficulty',
} as const satisfies Record<BrowseSort, BrowseMessageKey>;
const ACTION_KEYS = {
  suspend: 'actionSuspend',
  unsuspend: 'actionUnsuspend',
  bury: 'actionBury',
  reset: 'actionReset',
  'set-due': 'actionSetDue',
  move: 'actionMove',
  delete: 'actionDelete',
} as const satisfies Record<CardActionKind, BrowseMessageKey>;

/** How many rows the first, quick read gives (more than a phone screen holds). */
const FIRST_ROWS = 40;

/**
 * The rows, read again after every write to cards or notes (here or in
 * another tab). Until every card has been read (in chunks, from a worker),
 * `rows` is undefined and `firstRows` holds the first rows in the default
 * order from a quick read; a reload after a write keeps the old rows until
 * the new ones are complete.
 */
function useBrowseRows(deckId: string | null): {
  rows: BrowseRow[] | undefined;
  firstRows: BrowseRow[] | undefined;
  error: unknown;
  patchRows: (changes: RowChanges) => void;
} {
  const [rows, setRows] = useState<BrowseRow[] | undefined>(undefined);
  const [firstRows, setFirstRows] = useState<BrowseRow[] | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  // The whole read starts once the first rows are on screen, so it does not compete with them for IndexedDB.
  const [firstRowsRead] = useState(() => {
    let settle: () => void = () => undefined;
    const promise = new Promise<void>((resolve) => {
      settle = resolve;
    });
    return { promise, settle };
  });
  useEffect(() => {
    let isCurrent = true;
    loadFirstBrowseRows(FIRST_ROWS, deckId)
      .then(
        (loaded) => isCurrent && setFirstRows(loaded),
        () => undefined, // the full read reports any failure
      )
      .finally(() => requestAnimationFrame(() => setTimeout(firstRowsRead.settle, 0)));
    return () => {
      isCurrent = false;
    };
  }, [deckId, firstRowsRead]);
  useEffect(() => {
    let isCurrent = true;
    let running = false;
    let again = false;
    const load = () => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      const read: BrowseRow[] = [];
      streamBrowseRows((chunk) => {
        for (const row of chunk) read.push(row);
      })
        .then(() => isCurrent && setRows(inDeckOrder(read)), (failure: unknown) => isCurrent && setError(failure))
        .finally(() => {
          running = false;
          if (again && isCurrent) {
            again = false;
            load();
          }
        });
    };
    void firstRowsRead.promise.then(() => isCurrent && load());
    const stop = onTablesChanged([STORE.cards, STORE.notes], load);
    return () => {
      isCurrent = false;
      stop();
    };
  }, [firstRowsRead]);
  // What an action changed shows at once; the read that the write triggers replaces the rows when it is complete.
  const patchRows = useCallback((changes: RowChanges) => {
    const patch = (list: BrowseRow[] | undefined) => list && patchedRows(list, changes);
    setRows(patch);
    setFirstRows(patch);
  }, []);
  return { rows, firstRows, error, patchRows };
}

/** Rows changed (by card id: its new row, or null when it was deleted), as an action or its undo left them. */
type RowChanges = ReadonlyMap<string, BrowseRow | null>;

/** The changes of an action's undo record, as rows: `after` for the action, `before` for its undo. */
function rowChangesOf(undo: ActionUndo, side: 'before' | 'after', previous: readonly BrowseRow[] | undefined): RowChanges {
  const createdAt = new Map((previous ?? []).map((row) => [row.noteId, row.createdAt]));
  const changes = new Map<string, BrowseRow | null>();
  for (const change of undo.cards) {
    const card = change[side];
    changes.set(change.before.id, card && card.queue !== CardQueue.Retired ? browseRowOf(card, { createdAt: createdAt.get(card.noteId) ?? 0 }) : null);
  }
  return changes;
}

/** The rows with `changes` applied (in place of the old rows; a row back from an undone delete is added). */
function patchedRows(rows: readonly BrowseRow[], changes: RowChanges): BrowseRow[] {
  const seen = new Set<string>();
  const next: BrowseRow[] = [];
  for (const row of rows) {
    if (!changes.has(row.cardId)) next.push(row);
    else {
      seen.add(row.cardId);
      const changed = changes.get(row.cardId);
      if (changed) next.push(changed);
    }
  }
  for (const [cardId, row] of changes) if (row && !seen.has(cardId)) next.push(row);
  return next;
}

const EMPTY_ROWS: BrowseRow[] = [];
/** Rows tested per slice of the filter before it checks the clock. */
const SLICE_ROWS = 512;
/** How long one slice of the filter may take before it yields to the browser. */
const SLICE_MS = 6;
/** The list is shown as soon as it has this many rows (a screen and more), the rest follows. */
const FIRST_SCREEN_ROWS = 30;

/**
 * The rows that pass `matches`, found a slice at a time (a few ms each,
 * yielding between slices), so a keystroke never holds the page for the
 * whole list: the list shows as soon as it has a screen of rows (the first
 * rows of the final result: the rows are tested in their sorted order), and
 * the rest, with the count, when the last slice is done. A new filter
 * cancels the search under way.
 */
function useProgressiveFilter(rows: readonly BrowseRow[] | undefined, matches: (row: BrowseRow) => boolean): { rows: BrowseRow[]; isComplete: boolean } {
  const [result, setResult] = useState<{ rows: BrowseRow[]; isComplete: boolean }>({ rows: EMPTY_ROWS, isComplete: false });
  useEffect(() => {
    if (!rows) return;
    let isCancelled = false;
    const found: BrowseRow[] = [];
    let next = 0;
    let hasShown = false;
    const channel = new MessageChannel();
    const slice = () => {
      if (isCancelled) return;
      const until = performance.now() + SLICE_MS;
      while (next < rows.length) {
        const end = Math.min(rows.length, next + SLICE_ROWS);
        for (; next < end; next += 1) {
          const row = rows[next] as BrowseRow;
          if (matches(row)) found.push(row);
        }
        if (performance.now() >= until) break;
      }
      const isComplete = next >= rows.length;
      if (isComplete || (!hasShown && found.length >= FIRST_SCREEN_ROWS)) {
        hasShown = true;
        setResult({ rows: isComplete ? found : found.slice(), isComplete });
      }
      if (!isComplete) channel.port2.postMessage(null);
    };
    channel.port1.onmessage = slice;
    slice();
    return () => {
      isCancelled = true;
      channel.port1.close();
    };
  }, [rows, matches]);
  return result;
}

/** The study day at `nowMs` and its bounds, for the due filters and dates (days start at `dayStartHour`, DST included). */
function studyDayAt(nowMs: number, dayStartHour: number): { day: number; dayStartMs: number; dayEndMs: number } {
  const day = studyDayOf(nowMs, dayStartHour);
  return { day, dayStartMs: startOfStudyDay(day, dayStartHour), dayEndMs: startOfStudyDay(day + 1, dayStartHour) };
}

/** "in 3 days", "yesterday", "через 3 дня": a due time in words, in the UI language. */
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

function dueInWords(dueMs: number, nowMs: number, language: string): string {
  let format = relativeFormats.get(language);
  if (!format) {
    format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
    relativeFormats.set(language, format);
  }
  const diff = dueMs - nowMs;
  const abs = Math.abs(diff);
  if (abs < 3_600_000) return format.format(Math.round(diff / 60_000), 'minute');
  if (abs < DAY_MS) return format.format(Math.round(diff / 3_600_000), 'hour');
  if (abs < 60 * DAY_MS) return format.format(Math.round(diff / DAY_MS), 'day');
  if (abs < 730 * DAY_MS) return format.format(Math.round(diff / (30 * DAY_MS)), 'month');
  return format.format(Math.round(diff / (365 * DAY_MS)), 'year');
}

/** The row's state and due time in words: "Review · Due in 3 days", "New", "Suspended". */
function rowStatus(row: BrowseRow, nowMs: number, tb: ScreenTranslate<typeof BROWSE_MESSAGES.en>, language: string): string {
  const states = BROWSE_STATES.filter((state) => isInState(row, state)).map((state) => tb(STATE_KEYS[state]));
  const isWaiting = row.queue === CardQueue.Learning || row.queue === CardQueue.Review;
  return [...states, ...(isWaiting ? [tb('browseRowDue', { when: dueInWords(row.due, nowMs, language) })] : [])].join(' · ');
}

type Pending = { kind: 'set-due' } | { kind: 'move' } | { kind: 'delete' } | null;

/**
 * The virtualized list: only the rows on screen (and a few more) are in the
 * DOM, each a memoized row, so scrolling re-renders only the rows that come
 * into view and the screen around the list not at all.
 */
const BrowseList = memo(function BrowseList({
  rows,
  activeIndex,
  selected,
  deckNames,
  nowMs,
  listRef,
  scrollToRowRef,
  onToggle,
  onFocusRow,
}: {
  rows: readonly BrowseRow[];
  activeIndex: number;
  selected: ReadonlySet<string>;
  deckNames: ReadonlyMap<string, string>;
  nowMs: number;
  listRef: RefObject<HTMLDivElement | null>;
  scrollToRowRef: RefObject<(index: number) => void>;
  onToggle: (cardId: string) => void;
  onFocusRow: (index: number) => void;
}) {
  const { language } = useT();
  const tb = useScreenT(BROWSE_MESSAGES);
  const [scrollMargin, setScrollMargin] = useState(0);
  useLayoutEffect(() => {
    setScrollMargin(listRef.current?.offsetTop ?? 0);
  }, [listRef, rows.length]);
  const virtualizer = useWindowVirtualizer({ count: rows.length, estimateSize: rowHeight, overscan: 6, scrollMargin });
  useEffect(() => {
    scrollToRowRef.current = (index) => virtualizer.scrollToIndex(index);
  }, [scrollToRowRef, virtualizer]);
  return (
    <div ref={listRef} className="browse-list" role="list" aria-label={tb('browseListLabel')} tabIndex={0} style={{ height: virtualizer.getTotalSize() }}>
      {virtualizer.getVirtualItems().map((item) => {
        const row = rows[item.index];
        if (!row) return null;
        return (
          <BrowseRowItem
            key={row.cardId}
            row={row}
            index={item.index}
            top={item.start - scrollMargin}
            isActive={item.index === activeIndex}
            isSelected={selected.has(row.cardId)}
            deckName={deckNames.get(row.deckId) ?? row.deckId}
            status={rowStatus(row, nowMs, tb, language)}
            selectLabel={tb('browseSelectCard', { question: row.question })}
            onToggle={onToggle}
            onFocusRow={onFocusRow}
          />
        );
      })}
    </div>
  );
});

const BrowseRowItem = memo(function BrowseRowItem({
  row,
  index,
  top,
  isActive,
  isSelected,
  deckName,
  status,
  selectLabel,
  onToggle,
  onFocusRow,
}: {
  row: BrowseRow;
  index: number;
  top: number;
  isActive: boolean;
  isSelected: boolean;
  deckName: string;
  status: string;
  selectLabel: string;
  onToggle: (cardId: string) => void;
  onFocusRow: (index: number) => void;
}) {
  return (
    <div role="listitem" className={isActive ? 'browse-row active' : 'browse-row'} style={{ transform: `translateY(${top}px)` }}>
      <label className="browse-check">
        <input type="checkbox" checked={isSelected} onChange={() => onToggle(row.cardId)} aria-label={selectLabel} />
      </label>
      <div className="browse-row-text">
        <Link href={editNotePath(row.noteId)} className="browse-question card-text" onFocus={() => onFocusRow(index)}>
          {row.question || '…'}
        </Link>
        <p className="browse-meta muted">
          {status} · {deckName}
        </p>
      </div>
    </div>
  );
});

/** The end of a pending action's form: "Apply" submits it, "Cancel" closes it. */
function ApplyOrCancel({ isBusy, onCancel }: { isBusy: boolean; onCancel: () => void }) {
  const { t } = useT();
  const tb = useScreenT(BROWSE_MESSAGES);
  return (
    <div className="button-row start">
      <button type="submit" className="button primary" disabled={isBusy}>
        {tb('actionApply')}
      </button>
      <button type="button" className="button" onClick={onCancel}>
        {t('cancel')}
      </button>
    </div>
  );
}

export default function BrowseScreen({ deckId = null }: { deckId?: string | null }) {
  const { t } = useT();
  const tb = useScreenT(BROWSE_MESSAGES);
  const baseId = useId();
  const decks = useDecks();
  const dayStartHour = useSettings()?.dayStartHour ?? DEFAULT_SETTINGS.dayStartHour;
  const { rows, firstRows, error, patchRows } = useBrowseRows(deckId);
  // The rows an action's changes are patched into (read in the action's callback).
  const rowsRef = useRef(rows);
  useEffect(() => {
    rowsRef.current = rows;
  }, [rows]);
  const [text, setText] = useState('');
  const [deckFilter, setDeckFilter] = useState<string>(deckId ?? '');
  const [stateFilter, setStateFilter] = useState<BrowseState | ''>('');
  const [dueFilter, setDueFilter] = useState<DueFilter | ''>('');
  const [tagFilter, setTagFilter] = useState('');
  const [sort, setSort] = useState<BrowseSort>('due');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [active, setActive] = useState(0);
  const [pending, setPending] = useState<Pending>(null);
  const [dueDays, setDueDays] = useState('1');
  const [moveTarget, setMoveTarget] = useState('');
  const [status, setStatus] = useState<{ text: string; undo: ActionUndo | null } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const [nowMs] = useState(() => Date.now());

  const deckNames = useMemo(() => new Map((decks ?? []).map((deck: DeckRecord) => [deck.id, deck.name])), [decks]);
  const tags = useMemo(() => tagsOf(rows ?? []), [rows]);
  const isFiltered = text !== '' || deckFilter !== (deckId ?? '') || stateFilter !== '' || dueFilter !== '' || tagFilter !== '' || sort !== 'due';
  // Sorted once per sort order; each keystroke filters the sorted rows (which keeps their order).
  const sorted = useMemo(() => (rows ? sortRows(rows, sort) : undefined), [rows, sort]);
  const matcher = useMemo(() => {
    const { dayStartMs, dayEndMs } = studyDayAt(nowMs, dayStartHour);
    return rowMatcher(
      { text, deckId: deckFilter || null, state: stateFilter || null, due: dueFilter || null, tag: tagFilter || null },
      { dayStartMs, dayEndMs },
    );
  }, [text, deckFilter, stateFilter, dueFilter, tagFilter, nowMs, dayStartHour]);
  const filtered = useProgressiveFilter(sorted, matcher);
  // Until every card is read: the quick first rows, as long as they are what the list would show.
  const shown = sorted ? filtered.rows : !isFiltered && firstRows ? firstRows : EMPTY_ROWS;

  /** The list's scrolling, set by the list (arrow keys bring the active row into view). */
  const scrollToRowRef = useRef<(index: number) => void>(() => undefined);

  const activeIndex = Math.min(active, Math.max(0, shown.length - 1));
  const activeRow = shown[activeIndex];
  const selection = useMemo(() => {
    const ids = [...selected];
    return ids.length > 0 ? ids : activeRow ? [activeRow.cardId] : [];
  }, [selected, activeRow]);

  const run = useCallback(
    async (action: CardAction, cardIds: readonly string[]) => {
      if (cardIds.length === 0) return;
      setIsBusy(true);
      setFailure(null);
      try {
        const result = await applyCardAction(cardIds, action, Date.now());
        patchRows(rowChangesOf(result.undo, 'after', rowsRef.current));
        const done = tb('actionDone', { action: tb(ACTION_KEYS[result.kind]), count: result.changed });
        const skipped = result.skipped > 0 ? ` ${tb('actionSkipped', { count: result.skipped })}` : '';
        setStatus({ text: `${done}${skipped}`, undo: result.changed > 0 ? result.undo : null });
        setPending(null);
        if (action.kind === 'delete') setSelected(new Set());
      } catch (caught) {
        setFailure(t('saveFailed', { reason: storageErrorMessage(caught, t) }));
      } finally {
        setIsBusy(false);
      }
    },
    [t, tb, patchRows],
  );

  async function undo(token: ActionUndo) {
    setIsBusy(true);
    setFailure(null);
    try {
      const result = await undoCardAction(token);
      if (result.kind === 'undone') patchRows(rowChangesOf(token, 'before', rowsRef.current));
      setStatus({ text: result.kind === 'undone' ? tb('actionUndone') : tb('actionUndoChangedSince'), undo: null });
    } catch (caught) {
      setFailure(t('saveFailed', { reason: storageErrorMessage(caught, t) }));
    } finally {
      setIsBusy(false);
    }
  }

  /** Suspends the cards, or unsuspends them when all are suspended already (Anki's toggle). */
  function toggleSuspend(cardIds: readonly string[]) {
    const byId = new Map(shown.map((row) => [row.cardId, row]));
    const allSuspended = cardIds.every((id) => byId.get(id)?.queue === CardQueue.Suspended);
    void run({ kind: allSuspended ? 'unsuspend' : 'suspend' }, cardIds);
  }

  function bury(cardIds: readonly string[]) {
    const { day } = studyDayAt(Date.now(), dayStartHour);
    void run({ kind: 'bury', day }, cardIds);
  }

  const toggleSelected = useCallback((cardId: string) => {
    setSelected((previous) => {
      const next = new Set(previous);
      if (next.has(cardId)) next.delete(cardId);
      else next.add(cardId);
      return next;
    });
  }, []);

  function moveActive(to: number) {
    const index = Math.max(0, Math.min(shown.length - 1, to));
    setActive(index);
    scrollToRowRef.current(index);
  }

  function onListKey(event: KeyboardEvent<HTMLDivElement>) {
    if (event.target instanceof HTMLInputElement && event.target.type !== 'checkbox') return;
    if (event.target instanceof HTMLSelectElement || event.target instanceof HTMLTextAreaElement) return;
    if (event.key === 'ArrowDown') moveActive(activeIndex + 1);
    else if (event.key === 'ArrowUp') moveActive(activeIndex - 1);
    else if (event.key === 'Enter' && activeRow) navigate(editNotePath(activeRow.noteId));
    else if (event.key === ' ' && activeRow && !(event.target instanceof HTMLInputElement)) toggleSelected(activeRow.cardId);
    else if ((event.key === 's' || event.key === '!') && !event.ctrlKey && !event.metaKey) toggleSuspend(selection);
    else if (event.key === '-') bury(selection);
    else return;
    event.preventDefault();
  }

  // "/" focuses the search from anywhere on the screen, as in Anki's browser.
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const isTyping = target?.tagName === 'INPUT' || target?.tagName === 'TEXTAREA' || target?.tagName === 'SELECT';
      if (event.key === '/' && !isTyping) {
        event.preventDefault();
        searchRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const selectControl = <T extends string>(id: string, label: BrowseMessageKey, value: T | '', onChange: (value: T | '') => void, options: readonly T[], any: BrowseMessageKey, words: (value: T) => string) => (
    <div className="field compact">
      <label htmlFor={`${baseId}-${id}`}>{tb(label)}</label>
      <select id={`${baseId}-${id}`} value={value} onChange={(event) => onChange(event.target.value as T | '')}>
        <option value="">{tb(any)}</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {words(option)}
          </option>
        ))}
      </select>
    </div>
  );

  const deckIds = useMemo(() => (decks ?? []).map((deck) => deck.id), [decks]);
  /** The decks as a tree for the deck filter: a group per path ("Interview › Behavioral"), each deck by its short name. */
  const deckGroups = useMemo(() => {
    const groups = new Map<string, { id: string; name: string }[]>();
    for (const deck of decks ?? []) {
      const { groupPath, shortName } = deckPlace(deck);
      const path = groupPath.join(' › ');
      groups.set(path, [...(groups.get(path) ?? []), { id: deck.id, name: shortName }]);
    }
    return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([path, inGroup]) => ({ path, decks: inGroup }));
  }, [decks]);

  return (
    <div className="browse" onKeyDown={onListKey}>
      <ScreenHeader title={tb('browseTitle')} />
      <div className="browse-tools">
        <div className="field">
          <label htmlFor={`${baseId}-search`}>{tb('browseSearchLabel')}</label>
          <input
            ref={searchRef}
            id={`${baseId}-search`}
            type="search"
            value={text}
            placeholder={tb('browseSearchPlaceholder')}
            onChange={(event) => {
              setText(event.target.value);
              setActive(0);
            }}
            onKeyDown={(event) => {
              if (event.key === 'ArrowDown' || event.key === 'Enter') {
                event.preventDefault();
                listRef.current?.focus();
              }
            }}
            autoComplete="off"
          />
        </div>
        <details className="browse-filters">
          <summary>{tb('browseFiltersTitle')}</summary>
          <div className="browse-filter-grid">
            <div className="field compact">
              <label htmlFor={`${baseId}-deck`}>{tb('browseDeckFilter')}</label>
              <select id={`${baseId}-deck`} value={deckFilter} onChange={(event) => setDeckFilter(event.target.value)}>
                <option value="">{tb('browseAllDecks')}</option>
                {deckGroups.map(({ path, decks: inGroup }) =>
                  path === '' ? (
                    inGroup.map(({ id, name }) => (
                      <option key={id} value={id}>
                        {name}
                      </option>
                    ))
                  ) : (
                    <optgroup key={path} label={path}>
                      {inGroup.map(({ id, name }) => (
                        <option key={id} value={id}>
                          {name}
                        </option>
                      ))}
                    </optgroup>
                  ),
                )}
              </select>
            </div>
            {selectControl('state', 'browseStateFilter', stateFilter, setStateFilter, BROWSE_STATES, 'browseAnyState', (state) => tb(STATE_KEYS[state]))}
            {selectControl('due', 'browseDueFilter', dueFilter, setDueFilter, DUE_FILTERS, 'browseAnyDue', (due) => tb(DUE_KEYS[due]))}
            {selectControl('tag', 'browseTagFilter', tagFilter, setTagFilter, tags, 'browseAnyTag', (tag) => tag)}
            <div className="field compact">
              <label htmlFor={`${baseId}-sort`}>{tb('browseSortLabel')}</label>
              <select id={`${baseId}-sort`} value={sort} onChange={(event) => setSort(event.target.value as BrowseSort)}>
                {BROWSE_SORTS.map((option) => (
                  <option key={option} value={option}>
                    {tb(SORT_KEYS[option])}
                  </option>
                ))}
              </select>
            </div>
          </div>
        </details>
        <div className="browse-summary">
          <p aria-live="polite">{!rows ? t('loadingScreen') : filtered.isComplete ? tb('browseCount', { count: shown.length }) : tb('browseCountSoFar', { count: shown.length })}</p>
          <Link href={addNotePath(deckFilter || null)} className="button">
            {tb('addNoteLink')}
          </Link>
        </div>
      </div>
      {error !== null && (
        <p role="alert" className="banner error">
          {storageErrorMessage(error, t)}
        </p>
      )}
      {rows && shown.length === 0 && <p className="muted">{tb('browseEmpty')}</p>}
      <BrowseList
        rows={shown}
        activeIndex={activeIndex}
        selected={selected}
        deckNames={deckNames}
        nowMs={nowMs}
        listRef={listRef}
        scrollToRowRef={scrollToRowRef}
        onToggle={toggleSelected}
        onFocusRow={setActive}
      />
      <div className="browse-actions-space" />
      <section className="browse-actions" aria-label={tb('browseActionsTitle')}>
        {status && (
          <p role="status" className="status-line">
            {status.text}{' '}
            {status.undo && (
              <button type="button" className="button ghost" disabled={isBusy} onClick={() => void undo(status.undo as ActionUndo)}>
                {t('undo')}
              </button>
            )}
          </p>
        )}
        {failure && (
          <p role="alert" className="banner error">
            {failure}
          </p>
        )}
        {selected.size > 0 && (
          <>
            <div className="browse-selection">
              <span>{tb('browseSelectedCount', { count: selected.size })}</span>
              <button type="button" className="button ghost" onClick={() => setSelected(new Set())}>
                {tb('browseClearSelection')}
              </button>
            </div>
            <div className="button-row start browse-action-buttons">
              <button type="button" className="button" disabled={isBusy} onClick={() => void run({ kind: 'suspend' }, selection)}>
                {tb('actionSuspend')}
              </button>
              <button type="button" className="button" disabled={isBusy} onClick={() => void run({ kind: 'unsuspend' }, selection)}>
                {tb('actionUnsuspend')}
              </button>
              <button type="button" className="button" disabled={isBusy} onClick={() => bury(selection)}>
                {tb('actionBury')}
              </button>
              <button type="button" className="button" disabled={isBusy} onClick={() => void run({ kind: 'reset' }, selection)}>
                {tb('actionReset')}
              </button>
              <button type="button" className="button" disabled={isBusy} onClick={() => setPending({ kind: 'set-due' })}>
                {tb('actionSetDue')}
              </button>
              <button type="button" className="button" disabled={isBusy} onClick={() => setPending({ kind: 'move' })}>
                {tb('actionMove')}
              </button>
              <button type="button" className="button danger-outline" disabled={isBusy} onClick={() => setPending({ kind: 'delete' })}>
                {tb('actionDelete')}
              </button>
            </div>
          </>
        )}
        {selected.size === 0 && shown.length > 0 && (
          <div className="button-row start">
            <button type="button" className="button ghost" onClick={() => setSelected(new Set(shown.map((row) => row.cardId)))}>
              {tb('browseSelectAll')}
            </button>
          </div>
        )}
        {pending?.kind === 'set-due' && selected.size > 0 && (
          <form
            className="browse-pending"
            onSubmit={(event) => {
              event.preventDefault();
              const days = Math.max(0, Math.round(Number(dueDays) || 0));
              const { day } = studyDayAt(Date.now(), dayStartHour);
              // Due at the start of that study day, so it counts on that day from its first hour.
              void run({ kind: 'set-due', dueMs: startOfStudyDay(day + days, dayStartHour) }, selection);
            }}
          >
            <label htmlFor={`${baseId}-days`}>{tb('setDueDaysLabel')}</label>
            <input id={`${baseId}-days`} type="number" min={0} max={36500} inputMode="numeric" value={dueDays} onChange={(event) => setDueDays(event.target.value)} />
            <ApplyOrCancel isBusy={isBusy} onCancel={() => setPending(null)} />
          </form>
        )}
        {pending?.kind === 'move' && selected.size > 0 && (
          <form
            className="browse-pending"
            onSubmit={(event) => {
              event.preventDefault();
              const target = moveTarget || deckIds[0];
              if (target) void run({ kind: 'move', deckId: target }, selection);
            }}
          >
            <label htmlFor={`${baseId}-move`}>{tb('moveTargetLabel')}</label>
            <select id={`${baseId}-move`} value={moveTarget || deckIds[0] || ''} onChange={(event) => setMoveTarget(event.target.value)}>
              {(decks ?? []).map((deck) => (
                <option key={deck.id} value={deck.id}>
                  {deck.name}
                </option>
              ))}
            </select>
            <ApplyOrCancel isBusy={isBusy} onCancel={() => setPending(null)} />
          </form>
        )}
        {pending?.kind === 'delete' && selected.size > 0 && (
          <div className="confirm" role="alertdialog" aria-labelledby={`${baseId}-confirm`}>
            <p id={`${baseId}-confirm`}>{tb('confirmDeleteNotes', { count: selection.length })}</p>
            <div className="button-row start">
              <button type="button" className="button danger" disabled={isBusy} onClick={() => void run({ kind: 'delete' }, selection)}>
                {tb('actionDelete')}
              </button>
              <button type="button" className="button" onClick={() => setPending(null)}>
                {t('cancel')}
              </button>
            </div>
          </div>
        )}
      </section>
    </div>
  );
}
