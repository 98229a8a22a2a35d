// @vitest-environment jsdom
// The team table's keyboard: where each key moves, the one tabbable cell, and focus kept on its
// agent (not its row index) when rows re-order or go.
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useRef } from 'react';
import { describe, expect, it } from 'vitest';
import { moveCell, useRovingCells } from './tableKeyboard.ts';

const bounds = { rows: 100, cols: 9, page: 10 };

describe('moveCell', () => {
  it('arrows move one cell and stop at the edges', () => {
    expect(moveCell({ row: 5, col: 3 }, { key: 'ArrowDown' }, bounds)).toEqual({ row: 6, col: 3 });
    expect(moveCell({ row: 5, col: 3 }, { key: 'ArrowUp' }, bounds)).toEqual({ row: 4, col: 3 });
    expect(moveCell({ row: 5, col: 3 }, { key: 'ArrowRight' }, bounds)).toEqual({ row: 5, col: 4 });
    expect(moveCell({ row: 5, col: 3 }, { key: 'ArrowLeft' }, bounds)).toEqual({ row: 5, col: 2 });
    expect(moveCell({ row: 0, col: 0 }, { key: 'ArrowUp' }, bounds)).toEqual({ row: 0, col: 0 });
    expect(moveCell({ row: 99, col: 8 }, { key: 'ArrowDown' }, bounds)).toEqual({
      row: 99,
      col: 8,
    });
    expect(moveCell({ row: 99, col: 8 }, { key: 'ArrowRight' }, bounds)).toEqual({
      row: 99,
      col: 8,
    });
  });

  it('Home/End in the row, Ctrl+Home/End to the first/last cell, PageUp/PageDown by a page', () => {
    expect(moveCell({ row: 5, col: 3 }, { key: 'Home' }, bounds)).toEqual({ row: 5, col: 0 });
    expect(moveCell({ row: 5, col: 3 }, { key: 'End' }, bounds)).toEqual({ row: 5, col: 8 });
    expect(moveCell({ row: 5, col: 3 }, { key: 'Home', ctrlKey: true }, bounds)).toEqual({
      row: 0,
      col: 0,
    });
    expect(moveCell({ row: 5, col: 3 }, { key: 'End', metaKey: true }, bounds)).toEqual({
      row: 99,
      col: 8,
    });
    expect(moveCell({ row: 5, col: 3 }, { key: 'PageDown' }, bounds)).toEqual({ row: 15, col: 3 });
    expect(moveCell({ row: 95, col: 3 }, { key: 'PageDown' }, bounds)).toEqual({ row: 99, col: 3 });
    expect(moveCell({ row: 5, col: 3 }, { key: 'PageUp' }, bounds)).toEqual({ row: 0, col: 3 });
  });

  it('other keys, and an empty table, move nothing', () => {
    expect(moveCell({ row: 5, col: 3 }, { key: 'a' }, bounds)).toBeNull();
    expect(moveCell({ row: 0, col: 0 }, { key: 'ArrowDown' }, { ...bounds, rows: 0 })).toBeNull();
  });
});

const COLS = 3;

/** A table using the hook as TeamTable does: rows by agent id, cells with data-col. */
function Table({ ids }: { ids: string[] }) {
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const roving = useRovingCells({ bodyRef, rowIds: ids, cols: COLS, pageSize: () => 2 });
  return (
    <table>
      <tbody
        ref={bodyRef}
        onKeyDown={roving.onKeyDown}
        onFocus={roving.onFocus}
        onBlur={roving.onBlur}
      >
        {ids.map((id, index) => (
          <tr key={id} data-member-id={id}>
            {Array.from({ length: COLS }, (_, col) => (
              <td key={col} data-col={col} tabIndex={roving.activeColFor(index) === col ? 0 : -1}>
                {id}:{col}
                {col === COLS - 1 && <button type="button">act {id}</button>}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const focused = () => {
  const cell = document.activeElement?.closest('[data-col]');
  return `${cell?.closest('tr')?.getAttribute('data-member-id')}:${cell?.getAttribute('data-col')}`;
};
const tabbable = () =>
  [...document.querySelectorAll('tbody [data-col][tabindex="0"]')].map(
    (cell) =>
      `${cell.closest('tr')?.getAttribute('data-member-id')}:${cell.getAttribute('data-col')}`,
  );

describe('useRovingCells', () => {
  it('one cell is in the tab order; Tab enters there and the keys move it', async () => {
    const user = userEvent.setup();
    render(<Table ids={['a', 'b', 'c', 'd', 'e']} />);
    expect(tabbable()).toEqual(['a:0']);
    await user.tab();
    expect(focused()).toBe('a:0');
    await user.keyboard('{ArrowDown}{ArrowRight}');
    expect(focused()).toBe('b:1');
    expect(tabbable()).toEqual(['b:1']);
    await user.keyboard('{PageDown}');
    expect(focused()).toBe('d:1');
    await user.keyboard('{End}');
    expect(focused()).toBe('d:2');
    await user.keyboard('{Control>}{Home}{/Control}');
    expect(focused()).toBe('a:0');
    await user.keyboard('{Control>}{End}{/Control}');
    expect(focused()).toBe('e:2');
  });

  it('from a button in a cell, up and down move between rows; left and right stay the button’s', async () => {
    const user = userEvent.setup();
    const { getByRole } = render(<Table ids={['a', 'b', 'c']} />);
    getByRole('button', { name: 'act b' }).focus();
    await user.keyboard('{ArrowLeft}');
    expect(document.activeElement).toBe(getByRole('button', { name: 'act b' }));
    await user.keyboard('{ArrowDown}');
    expect(focused()).toBe('c:2');
  });

  it('focus stays on its agent when the rows re-order, and moves to the row in its place when the agent goes', async () => {
    const user = userEvent.setup();
    const { rerender } = render(<Table ids={['a', 'b', 'c', 'd']} />);
    await user.tab();
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowRight}');
    expect(focused()).toBe('c:1');
    rerender(<Table ids={['d', 'c', 'b', 'a']} />);
    expect(focused()).toBe('c:1');
    expect(tabbable()).toEqual(['c:1']);
    // The next key goes from the agent's new place.
    await user.keyboard('{ArrowUp}');
    expect(focused()).toBe('d:1');
    rerender(<Table ids={['c', 'b', 'a']} />);
    // d left the table: the row now where d was (first) takes the focus, same column.
    expect(focused()).toBe('c:1');
    expect(tabbable()).toEqual(['c:1']);
  });

  it('does not pull focus back once it has left the table on purpose', async () => {
    const user = userEvent.setup();
    const { rerender, getByRole } = render(
      <>
        <Table ids={['a', 'b']} />
        <button type="button">elsewhere</button>
      </>,
    );
    await user.tab();
    expect(focused()).toBe('a:0');
    const elsewhere = getByRole('button', { name: 'elsewhere' });
    await user.click(elsewhere);
    rerender(
      <>
        <Table ids={['b', 'a']} />
        <button type="button">elsewhere</button>
      </>,
    );
    expect(document.activeElement).toBe(elsewhere);
  });
});
