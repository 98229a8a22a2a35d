// User parsing over the real samples, and the exact state-change bodies the client sends.
import { describe, expect, it } from 'vitest';
import { fixture } from '../../test/fixtures/fixtures.ts';
import { parseUser, stateChangeBody, userFromNode } from './user.ts';
import { XmlParseError } from './xml.ts';

describe('parseUser', () => {
  it('reads the supervisor sample: roles, pending state, embedded reason, teams', () => {
    const user = parseUser(fixture('user-supervisor.xml'));
    expect(user).toEqual({
      id: '1001001',
      uri: '/finesse/api/User/1001001',
      loginName: 'csmith',
      firstName: 'Chris',
      lastName: 'Smith',
      extension: '1001001',
      roles: ['Agent', 'Supervisor'],
      state: 'NOT_READY',
      stateChangeTime: new Date('2012-03-01T17:58:21.234Z'),
      pendingState: 'NOT_READY',
      reasonCodeId: '16',
      reasonCode: {
        id: '16',
        uri: '/finesse/api/ReasonCode/16',
        code: '10',
        label: 'Team Meeting',
        category: 'NOT_READY',
        forAll: true,
        systemCode: false,
      },
      teamId: '500',
      teamName: 'Sales',
      teams: [
        { id: '2001', name: 'First Line Support', uri: '/finesse/api/Team/2001' },
        { id: '2002', name: 'Second Line Support', uri: '/finesse/api/Team/2002' },
      ],
    });
  });

  it('reads a minimal agent: no teams, empty pending state and time, -1 reason', () => {
    const user = parseUser(
      '<User><uri>/finesse/api/User/42/</uri><roles><role>Agent</role></roles><state>LOGOUT</state>' +
        '<stateChangeTime/><pendingState/><reasonCodeId>-1</reasonCodeId></User>',
    );
    expect(user).toMatchObject({
      id: '42',
      roles: ['Agent'],
      state: 'LOGOUT',
      stateChangeTime: null,
      pendingState: null,
      reasonCodeId: null,
      reasonCode: null,
      teams: [],
    });
  });

  it('throws XmlParseError for truncated XML, another root, or a user without id', () => {
    expect(() => parseUser(fixture('user-truncated.xml'))).toThrow(XmlParseError);
    expect(() => parseUser(fixture('team.xml'))).toThrow(/Expected <User>/);
    expect(() => parseUser('<User><state>READY</state></User>')).toThrow(XmlParseError);
    expect(() => userFromNode('')).toThrow(XmlParseError);
  });
});

describe('stateChangeBody', () => {
  it('builds READY without a reason', () => {
    expect(stateChangeBody({ state: 'READY' })).toBe('<User><state>READY</state></User>');
  });

  it('sends the reason id when given and leaves it out otherwise', () => {
    expect(stateChangeBody({ state: 'NOT_READY', reasonCodeId: '56' })).toBe(
      '<User><state>NOT_READY</state><reasonCodeId>56</reasonCodeId></User>',
    );
    expect(stateChangeBody({ state: 'LOGOUT', reasonCodeId: '2' })).toBe(
      '<User><state>LOGOUT</state><reasonCodeId>2</reasonCodeId></User>',
    );
    expect(stateChangeBody({ state: 'NOT_READY' })).toBe('<User><state>NOT_READY</state></User>');
    expect(stateChangeBody({ state: 'LOGOUT' })).toBe('<User><state>LOGOUT</state></User>');
    expect(stateChangeBody({ state: 'NOT_READY', reasonCodeId: '' })).toBe(
      '<User><state>NOT_READY</state></User>',
    );
  });

  it('builds LOGIN with the extension', () => {
    expect(stateChangeBody({ state: 'LOGIN', extension: '1001001' })).toBe(
      '<User><state>LOGIN</state><extension>1001001</extension></User>',
    );
  });

  it('escapes values so they cannot change the body structure', () => {
    expect(stateChangeBody({ state: 'NOT_READY', reasonCodeId: '1</reasonCodeId><x>&' })).toBe(
      '<User><state>NOT_READY</state><reasonCodeId>1&lt;/reasonCodeId&gt;&lt;x&gt;&amp;</reasonCodeId></User>',
    );
    expect(stateChangeBody({ state: 'LOGIN', extension: '"a\'' })).toBe(
      '<User><state>LOGIN</state><extension>&quot;a&apos;</extension></User>',
    );
  });
});
