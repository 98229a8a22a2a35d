// Keyboard movement between the team table's cells (arrow keys, Home/End, PageUp/PageDown), and
// the roving focus that keeps one cell in the tab order and follows its agent, not its row index.
import { useCallback, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';

export interface CellPosition {
  row: number;
  col: number;
}

export interface TableBounds {
  rows: number;
  cols: number;
  /** Rows moved by PageUp/PageDown: about a screenful. */
  page: number;
}

export interface MoveKey {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
}

const clamp = (value: number, max: number) => Math.min(Math.max(value, 0), max);

/**
 * Where a key moves the focus from `at`, as in the WAI-ARIA APG grid pattern (which a data table
 * with focusable cells follows too): null for keys that do not move it.
 */
export function moveCell(at: CellPosition, key: MoveKey, bounds: TableBounds): CellPosition | null {
  if (bounds.rows === 0 || bounds.cols === 0) return null;
  const lastRow = bounds.rows - 1;
  const lastCol = bounds.cols - 1;
  const row = clamp(at.row, lastRow);
  const col = clamp(at.col, lastCol);
  const toEdge = key.ctrlKey === true || key.metaKey === true;
  switch (key.key) {
    case 'ArrowDown':
      return { row: clamp(row + 1, lastRow), col };
    case 'ArrowUp':
      return { row: clamp(row - 1, lastRow), col };
    case 'ArrowRight':
      return { row, col: clamp(col + 1, lastCol) };
    case 'ArrowLeft':
      return { row, col: clamp(col - 1, lastCol) };
    case 'Home':
      return toEdge ? { row: 0, col: 0 } : { row, col: 0 };
    case 'End':
      return toEdge ? { row: lastRow, col: lastCol } : { row, col: lastCol };
    case 'PageDown':
      return { row: clamp(row + Math.max(1, bounds.page), lastRow), col };
    case 'PageUp':
      return { row: clamp(row - Math.max(1, bounds.page), lastRow), col };
    default:
      return null;
  }
}

/** Keys that move between rows even from a button inside a cell (left/right stay the button's). */
const ROW_KEYS = new Set(['ArrowDown', 'ArrowUp', 'PageDown', 'PageUp']);

export interface ActiveCell {
  memberId: string;
  col: number;
  /** Where the agent's row was when the cell became active: the fallback if the agent goes. */
  index: number;
}

interface Options {
  bodyRef: RefObject<HTMLTableSectionElement | null>;
  /** Agent ids in the order shown. */
  rowIds: readonly string[];
  cols: number;
  /** Rows per PageUp/PageDown. */
  pageSize: () => number;
  /**
   * Scrolls a row into view where rows are virtual (its place is known only once its neighbours
   * are measured); false where the browser's own scrolling on focus is right.
   */
  reveal?: (index: number) => boolean;
}

export interface RovingCells {
  /** The agent's row holding the one tabbable cell: the virtual rows keep it rendered. */
  activeIndex: number;
  /** The column of the tabbable cell, for the row at `activeIndex`; -1 for every other row. */
  activeColFor: (index: number) => number;
  onKeyDown: (event: React.KeyboardEvent<HTMLTableSectionElement>) => void;
  onFocus: (event: React.FocusEvent<HTMLTableSectionElement>) => void;
  onBlur: (event: React.FocusEvent<HTMLTableSectionElement>) => void;
}

const cellSelector = (memberId: string, col: number) =>
  `tr[data-member-id="${CSS.escape(memberId)}"] > [data-col="${col}"]`;

/**
 * One tabbable cell (roving tabindex), moved by the keys of `moveCell`. It is remembered by agent
 * id, so a sort or an update that moves the agent's row keeps the keyboard on that agent; when the
 * focus is lost because its element left the DOM (a row re-ordered or filtered away), it comes back
 * to the same agent's cell, or to the row now at that place.
 */
export function useRovingCells({ bodyRef, rowIds, cols, pageSize, reveal }: Options): RovingCells {
  const [active, setActive] = useState<ActiveCell | null>(null);
  const focusPending = useRef(false);
  /** The element focus was on inside the body while it had focus, until focus left on purpose. */
  const focused = useRef<{ element: Element; memberId: string; col: number } | null>(null);

  const indexById = useMemo(() => new Map(rowIds.map((id, index) => [id, index])), [rowIds]);
  let activeIndex = active ? (indexById.get(active.memberId) ?? -1) : -1;
  // The agent has gone (filtered out, left the team): the row now in its place takes the role.
  if (activeIndex < 0 && rowIds.length > 0)
    activeIndex = clamp(active?.index ?? 0, rowIds.length - 1);
  const activeCol = active ? clamp(active.col, cols - 1) : 0;
  const activeMemberId = activeIndex >= 0 ? (rowIds[activeIndex] ?? null) : null;

  useLayoutEffect(() => {
    const body = bodyRef.current;
    if (!body || !activeMemberId) return;
    if (focusPending.current) {
      focusPending.current = false;
      const cell = body.querySelector<HTMLElement>(cellSelector(activeMemberId, activeCol));
      if (reveal?.(activeIndex)) cell?.focus({ preventScroll: true });
      else cell?.focus();
      return;
    }
    const lost = focused.current;
    const nothingFocused =
      document.activeElement === null || document.activeElement === document.body;
    if (!lost || !nothingFocused) return;
    // Focus fell to the page because its element was moved or removed: put it back, in place.
    const target =
      (lost.element.isConnected && body.contains(lost.element) ? lost.element : null) ??
      body.querySelector(cellSelector(lost.memberId, lost.col)) ??
      body.querySelector(cellSelector(activeMemberId, activeCol));
    if (target instanceof HTMLElement) target.focus({ preventScroll: true });
  });

  const onKeyDown = useCallback(
    (event: React.KeyboardEvent<HTMLTableSectionElement>) => {
      if (event.altKey || event.shiftKey) return;
      const target = event.target as Element;
      const cell = target.closest('[data-col]');
      const row = cell?.closest('tr[data-member-id]');
      if (!cell || !row) return;
      if (cell !== target && !ROW_KEYS.has(event.key)) return;
      const memberId = row.getAttribute('data-member-id') ?? '';
      const at = { row: indexById.get(memberId) ?? 0, col: Number(cell.getAttribute('data-col')) };
      const next = moveCell(at, event, { rows: rowIds.length, cols, page: pageSize() });
      const nextId = next ? rowIds[next.row] : undefined;
      if (!next || nextId === undefined) return;
      event.preventDefault();
      focusPending.current = true;
      setActive({ memberId: nextId, col: next.col, index: next.row });
    },
    [cols, indexById, pageSize, rowIds],
  );

  const onFocus = useCallback(
    (event: React.FocusEvent<HTMLTableSectionElement>) => {
      const cell = event.target.closest('[data-col]');
      const memberId = cell?.closest('tr[data-member-id]')?.getAttribute('data-member-id');
      if (!cell || !memberId) return;
      const col = Number(cell.getAttribute('data-col'));
      focused.current = { element: event.target, memberId, col };
      // Clicking or tabbing into a cell makes it the tabbable one.
      const index = indexById.get(memberId) ?? 0;
      setActive((current) =>
        current?.memberId === memberId && current.col === col && current.index === index
          ? current
          : { memberId, col, index },
      );
    },
    [indexById],
  );

  const onBlur = useCallback((event: React.FocusEvent<HTMLTableSectionElement>) => {
    const to = event.relatedTarget;
    if (to) {
      if (!event.currentTarget.contains(to)) focused.current = null;
      return;
    }
    // No new target: the element was removed or moved (keep the memory, to put focus back), the
    // window lost focus (focus stays put anyway), or a click on plain page (let it go).
    if (event.target.isConnected && document.hasFocus()) focused.current = null;
  }, []);

  const activeColFor = useCallback(
    (index: number) => (index === activeIndex ? activeCol : -1),
    [activeIndex, activeCol],
  );

  return { activeIndex, activeColFor, onKeyDown, onFocus, onBlur };
}
