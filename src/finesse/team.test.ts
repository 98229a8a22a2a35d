// Team parsing: lower-case <reasonCode>, trailing '/' in uris, members without a reason; structural sharing.
import { describe, expect, it } from 'vitest';
import { fixture } from '../../test/fixtures/fixtures.ts';
import { applyMemberUpdate, keepUnchangedMembers, parseTeam, type Team } from './team.ts';
import { parseUpdate } from './update.ts';
import { XmlParseError } from './xml.ts';

describe('parseTeam', () => {
  it('reads the guide sample', () => {
    expect(parseTeam(fixture('team.xml'))).toEqual({
      id: '34',
      uri: '/finesse/api/Team/34',
      name: 'My Team',
      members: [
        {
          id: '1234',
          uri: '/finesse/api/User/1234/',
          firstName: 'Charles',
          lastName: 'Brown',
          extension: '1001001',
          state: 'LOGOUT',
          pendingState: null,
          stateChangeTime: new Date('2012-03-01T17:58:21.345Z'),
          reasonCode: null,
        },
        {
          id: '1235',
          uri: '/finesse/api/User/1235/',
          firstName: 'Jack',
          lastName: 'Brawn',
          extension: '1001002',
          state: 'NOT_READY',
          pendingState: null,
          stateChangeTime: new Date('2012-03-01T18:22:25.123Z'),
          reasonCode: {
            id: '1',
            uri: '/finesse/api/ReasonCode/1',
            code: '12',
            label: 'Lunch Break',
            category: 'NOT_READY',
            forAll: false,
            systemCode: false,
          },
        },
      ],
    });
  });

  it('accepts <ReasonCode> as in notifications, one member, mediaState, id from a trailing-slash uri', () => {
    const team = parseTeam(
      '<Team><uri>/finesse/api/Team/7/</uri><name>Night</name><users><User>' +
        '<uri>/finesse/api/User/99/</uri><state>NOT_READY</state><pendingState>READY</pendingState>' +
        '<mediaState>IDLE</mediaState><ReasonCode><uri>/finesse/api/ReasonCode/33</uri>' +
        '<code>33</code><label>Not Ready - Supervisor Initiated</label><systemCode>true</systemCode>' +
        '</ReasonCode></User></users></Team>',
    );
    expect(team.id).toBe('7');
    expect(team.members).toHaveLength(1);
    expect(team.members[0]).toMatchObject({
      id: '99',
      pendingState: 'READY',
      mediaState: 'IDLE',
      reasonCode: {
        id: '33',
        label: 'Not Ready - Supervisor Initiated',
        systemCode: true,
        category: 'NOT_READY',
      },
    });
  });

  it('reads a team with no members', () => {
    expect(parseTeam('<Team><id>8</id><name>Empty</name><users/></Team>').members).toEqual([]);
  });

  it('throws XmlParseError for another root', () => {
    expect(() => parseTeam(fixture('user-supervisor.xml'))).toThrow(XmlParseError);
  });
});

describe('applyMemberUpdate (a team node’s Update changes its row only)', () => {
  const team = parseTeam(fixture('team.xml'));
  const [first, second] = team.members;
  if (!first || !second) throw new Error('team.xml needs two members');
  const updateFor = (loginId: string, state: string, extra = '', event = 'PUT') =>
    parseUpdate(
      `<Update><event>${event}</event><requestId/><source>/finesse/api/User/${loginId}</source>` +
        `<data><user><loginId>${loginId}</loginId><firstName>New</firstName><lastName>Person</lastName>` +
        `<state>${state}</state><stateChangeTime>2024-01-02T03:04:05.000Z</stateChangeTime>` +
        `<uri>/finesse/api/User/${loginId}</uri>${extra}</user></data></Update>`,
    );

  it('replaces the changed member and keeps every other member object', () => {
    const next = applyMemberUpdate(team, updateFor(first.id, 'READY'));
    expect(next.members[0]).toMatchObject({ id: first.id, state: 'READY', pendingState: null });
    expect(next.members[1]).toBe(second);
    expect(next.members).toHaveLength(team.members.length);
  });

  it('adds a member it does not list, and removes one who left or moved team', () => {
    const added = applyMemberUpdate(team, updateFor('77777', 'NOT_READY', '', 'POST'));
    expect(added.members.at(-1)).toMatchObject({ id: '77777', state: 'NOT_READY' });
    const deleted = applyMemberUpdate(team, updateFor(first.id, 'READY', '', 'DELETE'));
    expect(deleted.members.map((m) => m.id)).not.toContain(first.id);
    const moved = applyMemberUpdate(
      team,
      updateFor(second.id, 'READY', `<teamId>${team.id}-other</teamId>`),
    );
    expect(moved.members.map((m) => m.id)).not.toContain(second.id);
    const stays = applyMemberUpdate(
      team,
      updateFor(second.id, 'READY', `<teamId>${team.id}</teamId>`),
    );
    expect(stays.members.map((m) => m.id)).toContain(second.id);
  });

  it('ignores Updates that are not about a user', () => {
    const errors = parseUpdate(fixture('update-async-error.xml'));
    expect(applyMemberUpdate(team, errors)).toBe(team);
  });
});

describe('keepUnchangedMembers (structural sharing with Dates)', () => {
  const xml = fixture('team.xml');

  it('keeps the previous team object when nothing changed', () => {
    const a = parseTeam(xml);
    const b = parseTeam(xml);
    expect(b.members[0]).not.toBe(a.members[0]);
    expect(keepUnchangedMembers(a, b)).toBe(a);
  });

  it('keeps unchanged members by reference and takes changed ones', () => {
    const a = parseTeam(xml);
    const b: Team = parseTeam(xml);
    const changed = { ...b.members[0]!, stateChangeTime: new Date(0) };
    b.members[0] = changed;
    const shared = keepUnchangedMembers(a, b);
    expect(shared).not.toBe(a);
    expect(shared.members[0]).toBe(changed);
    shared.members.slice(1).forEach((m, i) => expect(m).toBe(a.members[i + 1]));
  });

  it('notices a member leaving, and a new order', () => {
    const a = parseTeam(xml);
    const fewer = { ...parseTeam(xml), members: parseTeam(xml).members.slice(1) };
    expect(keepUnchangedMembers(a, fewer).members).toHaveLength(a.members.length - 1);
    const reversed = { ...parseTeam(xml), members: parseTeam(xml).members.reverse() };
    const shared = keepUnchangedMembers(a, reversed);
    expect(shared.members.map((m) => m.id)).toEqual([...a.members].reverse().map((m) => m.id));
    expect(shared.members[0]).toBe(a.members[a.members.length - 1]);
  });
});
