// @vitest-environment jsdom
// The team table's virtual rows: which rows are rendered, and the gaps standing for the rest.
import { render } from '@testing-library/react';
import { useRef } from 'react';
import { describe, expect, it } from 'vitest';
import { useVirtualRows, VIRTUALIZE_ABOVE } from './virtualRows.ts';

function Virtual({ count, keep }: { count: number; keep: number }) {
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const { virtualized, slots } = useVirtualRows({
    count,
    bodyRef,
    keyOf: (index) => `agent-${index}`,
    keepIndex: keep,
  });
  return (
    <table data-virtualized={virtualized}>
      <tbody ref={bodyRef}>
        {slots.map((slot) =>
          slot.kind === 'gap' ? (
            <tr key={slot.key} className="gap" data-height={slot.height} />
          ) : (
            <tr key={slot.index} data-index={slot.index} />
          ),
        )}
      </tbody>
    </table>
  );
}

describe('useVirtualRows', () => {
  it('renders every row of a small team (the browser’s find sees them all)', () => {
    const { container } = render(<Virtual count={VIRTUALIZE_ABOVE} keep={0} />);
    expect(container.querySelectorAll('tr[data-index]')).toHaveLength(VIRTUALIZE_ABOVE);
    expect(container.querySelectorAll('tr.gap')).toHaveLength(0);
  });

  it('renders a screenful of a large one, gaps standing for the rest, and always the focused row', () => {
    const { container } = render(<Virtual count={5000} keep={4000} />);
    const rendered = [...container.querySelectorAll('tr[data-index]')].map((r) =>
      Number(r.getAttribute('data-index')),
    );
    expect(rendered.length).toBeGreaterThan(1);
    expect(rendered.length).toBeLessThan(100);
    expect(rendered[0]).toBe(0);
    expect(rendered).toContain(4000);
    const gaps = [...container.querySelectorAll('tr.gap')].map((g) =>
      Number(g.getAttribute('data-height')),
    );
    // Before 4000 and after it: each gap stands for whole rows at the estimated height.
    expect(gaps).toHaveLength(2);
    expect(gaps.every((height) => height > 0)).toBe(true);
  });
});
