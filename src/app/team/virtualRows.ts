// Which of a team's rows are in the DOM: every row of a small team (the browser's own find sees
// every agent), a screenful of a large one, rendered by @tanstack/react-virtual as the page scrolls.
import { defaultRangeExtractor, useWindowVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useLayoutEffect, useState, type RefObject } from 'react';

/**
 * Up to this many rows are all rendered (and the browser's find sees every agent). Above it,
 * rendering them all costs more than a frame can hold: a sort of 1,000 rows took 0.3–0.45 s
 * (issue 11), and a search that narrowed 1,000 agents to 120 rendered rows took a 56 ms task
 * (npm run bench). The page's search box finds the agents not rendered.
 */
export const VIRTUALIZE_ABOVE = 60;
/** A row with action buttons; rows are measured once rendered, this only places unseen ones. */
export const ROW_HEIGHT_ESTIMATE = 37;
/** The sticky header's height: a row scrolled to the top stops below it, not under it. */
const HEADER_CLEARANCE = 48;
/** Rows rendered beyond each edge of the screen, so a quick scroll does not show blank space. */
const OVERSCAN = 8;

export type RowSlot =
  | { kind: 'row'; index: number }
  /** Empty space standing for rows not rendered, so the scroll bar and positions stay right. */
  | { kind: 'gap'; key: string; height: number };

interface Options {
  count: number;
  /** The tbody: its distance from the top of the page places the rows in the page's scroll. */
  bodyRef: RefObject<HTMLTableSectionElement | null>;
  /** Stable per agent, so measured heights follow agents across sorts. */
  keyOf: (index: number) => string;
  /** A row kept rendered wherever the page is scrolled: the one holding the keyboard focus. */
  keepIndex: number;
}

export interface VirtualRows {
  virtualized: boolean;
  slots: RowSlot[];
  /** Ref for each rendered row (with `data-index`), to measure its real height. */
  measureRow: (element: HTMLTableRowElement | null) => void;
  /** Scrolls a row into view, following its measured place; false when rows are not virtual. */
  scrollToRow: (index: number) => boolean;
}

/** The body's top in page coordinates (the window virtualizer's scroll margin). */
function pageTop(element: Element): number {
  return Math.round(element.getBoundingClientRect().top + window.scrollY);
}

export function useVirtualRows({ count, bodyRef, keyOf, keepIndex }: Options): VirtualRows {
  const virtualized = count > VIRTUALIZE_ABOVE;
  const [scrollMargin, setScrollMargin] = useState(0);

  // Content above the table (notices, errors, another team) moves it: follow the body's place.
  useLayoutEffect(() => {
    const body = bodyRef.current;
    if (!virtualized || !body) return;
    const update = () => {
      const top = pageTop(body);
      setScrollMargin((current) => (current === top ? current : top));
    };
    update();
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(update);
    observer?.observe(document.body);
    return () => observer?.disconnect();
  }, [bodyRef, virtualized]);

  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (keepIndex < 0 || keepIndex >= range.count || indexes.includes(keepIndex)) return indexes;
      return [...indexes, keepIndex].sort((a, b) => a - b);
    },
    [keepIndex],
  );

  const virtualizer = useWindowVirtualizer<HTMLTableRowElement>({
    count,
    enabled: virtualized,
    estimateSize: () => ROW_HEIGHT_ESTIMATE,
    overscan: OVERSCAN,
    scrollMargin,
    getItemKey: keyOf,
    rangeExtractor,
    scrollPaddingStart: HEADER_CLEARANCE,
    scrollPaddingEnd: 8,
  });
  const { scrollToIndex } = virtualizer;
  const scrollToRow = useCallback(
    (index: number) => {
      if (!virtualized) return false;
      scrollToIndex(index, { align: 'auto' });
      return true;
    },
    [scrollToIndex, virtualized],
  );

  if (!virtualized) {
    return {
      virtualized,
      slots: Array.from({ length: count }, (_, index) => ({ kind: 'row', index })),
      measureRow: noMeasure,
      scrollToRow,
    };
  }
  const slots: RowSlot[] = [];
  let cursor = scrollMargin;
  for (const item of virtualizer.getVirtualItems()) {
    if (item.start > cursor) {
      slots.push({ kind: 'gap', key: `gap-${String(item.key)}`, height: item.start - cursor });
    }
    slots.push({ kind: 'row', index: item.index });
    cursor = Math.max(cursor, item.end);
  }
  const end = scrollMargin + virtualizer.getTotalSize();
  if (end > cursor) slots.push({ kind: 'gap', key: 'gap-end', height: end - cursor });
  return { virtualized, slots, measureRow: virtualizer.measureElement, scrollToRow };
}

const noMeasure = () => {};
