// Team parsing: lower-case <reasonCode>, trailing '/' in uris, members without a reason.
import { describe, expect, it } from 'vitest';
import { fixture } from '../../test/fixtures/fixtures.ts';
import { parseTeam } from './team.ts';
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
