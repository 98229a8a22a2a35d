// The words for a team action's phase, for the row and for the team's announcement.
import { describe, expect, it } from 'vitest';
import { actionPhaseWords } from './actionPhase.ts';

describe('actionPhaseWords', () => {
  it('words each phase for the row and, with whose row it is, for the announcement', () => {
    const sending = actionPhaseWords({ phase: 'sending', target: 'READY' }, 'Ana');
    expect(sending.announcement).toBe(`Ana: ${sending.row}`);
    const accepted = actionPhaseWords({ phase: 'accepted', target: 'READY', deadline: 0 }, 'Ana');
    expect(accepted.announcement).toBe(`Ana: ${accepted.row}`);
    expect(accepted.row).not.toBe(sending.row);
  });

  it('leaves a refusal to the row’s error panel, and announces it', () => {
    const failed = actionPhaseWords(
      { phase: 'failed', target: 'LOGOUT', error: new Error('x') },
      'Ana',
    );
    expect(failed.row).toBeNull();
    expect(failed.announcement).toContain('Ana');
  });

  it('says the same of a change not confirmed in both places', () => {
    const words = actionPhaseWords(
      { phase: 'unconfirmed', target: 'NOT_READY', seconds: 10, state: 'TALKING' },
      'Ana',
    );
    expect(words.row).toBe(words.announcement);
    expect(words.row).toContain('10');
  });
});
