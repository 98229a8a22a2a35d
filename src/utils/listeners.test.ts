// Listener sets: added, told in order, removed, cleared; an isolated set survives a throwing listener.
import { describe, expect, it, vi } from 'vitest';
import { listeners } from './listeners.ts';

describe('listeners', () => {
  it('tells every listener present when it starts, and forgets a removed one', () => {
    const set = listeners<[number]>();
    const heard: string[] = [];
    const removeA = set.add((n) => heard.push(`a${n}`));
    set.add((n) => {
      heard.push(`b${n}`);
      set.add((m) => heard.push(`late${m}`));
    });
    set.emit(1);
    expect(heard).toEqual(['a1', 'b1']);
    expect(set.size).toBe(3);
    removeA();
    expect(set.size).toBe(2);
    set.clear();
    set.emit(2);
    expect(heard).toEqual(['a1', 'b1']);
  });

  it('lets a throwing listener stop the others unless isolated, where its error comes later', async () => {
    const plain = listeners();
    const after = vi.fn();
    plain.add(() => {
      throw new Error('plain');
    });
    plain.add(after);
    expect(() => plain.emit()).toThrow('plain');
    expect(after).not.toHaveBeenCalled();

    const reported: unknown[] = [];
    const queue = vi.spyOn(globalThis, 'queueMicrotask').mockImplementation((task) => {
      try {
        task();
      } catch (error) {
        reported.push(error);
      }
    });
    const isolated = listeners({ isolated: true });
    isolated.add(() => {
      throw new Error('isolated');
    });
    isolated.add(after);
    expect(() => isolated.emit()).not.toThrow();
    expect(after).toHaveBeenCalledTimes(1);
    expect(reported).toEqual([new Error('isolated')]);
    queue.mockRestore();
  });
});
