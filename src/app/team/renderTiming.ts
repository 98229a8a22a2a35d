// Performance entries for the benchmark (bench/): from a team's data landing in the cache to the
// rows being committed to the DOM ("team-commit") and painted ("team-paint").
import { useLayoutEffect, useRef } from 'react';

export interface RenderTimingDetail {
  teamId: string;
  rows: number;
  kind: 'first' | 'refresh';
}

function measure(name: string, start: number, detail: RenderTimingDetail): void {
  try {
    // Only the latest of each is kept: a shift of refreshes must not pile up entries.
    performance.clearMeasures(name);
    performance.measure(name, { start, end: performance.now(), detail });
  } catch {
    // No User Timing (old browser, test DOM): nothing to record.
  }
}

/**
 * Only for the benchmark, which sets `window.__agentStateBench` before the page loads: in
 * ordinary use nothing is measured (no frame callbacks, no timers, no entries).
 */
const benchmarking = (): boolean =>
  typeof window !== 'undefined' &&
  (window as unknown as { __agentStateBench?: unknown }).__agentStateBench === true;

/** `dataUpdatedAt` is TanStack's epoch-ms time of the data shown; each new value is measured. */
export function useRenderTiming(teamId: string, dataUpdatedAt: number, rows: number): void {
  const first = useRef(true);
  useLayoutEffect(() => {
    if (dataUpdatedAt === 0 || typeof performance === 'undefined' || !benchmarking()) return;
    const start = Math.max(0, dataUpdatedAt - performance.timeOrigin);
    const detail: RenderTimingDetail = { teamId, rows, kind: first.current ? 'first' : 'refresh' };
    first.current = false;
    measure('team-commit', start, detail);
    // After the next frame's paint: a task queued from requestAnimationFrame runs after it.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => measure('team-paint', start, detail), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
    // rows is read for the record only; the measure is per data update.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dataUpdatedAt, teamId]);
}
