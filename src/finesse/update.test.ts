// Update notifications: a user, an asynchronous apiErrors failure, anything else.
import { describe, expect, it } from 'vitest';
import { fixture } from '../../test/fixtures/fixtures.ts';
import { FinesseError, explanationKey } from './errors.ts';
import { asyncErrorFromUpdate, parseUpdate } from './update.ts';
import { XmlParseError } from './xml.ts';

describe('parseUpdate', () => {
  it('reads a user update with a lower-case <user> root and reasonCodeId -1', () => {
    const update = parseUpdate(fixture('update-user.xml'));
    expect(update.event).toBe('PUT');
    expect(update.requestId).toBe('xyz');
    expect(update.source).toBe('/finesse/api/User/1234');
    if (update.data.kind !== 'user') throw new Error('expected a user update');
    expect(update.data.user).toEqual({
      id: '1234',
      uri: '/finesse/api/User/1234',
      loginName: 'jsmith',
      firstName: 'John',
      lastName: 'Smith',
      extension: '1001',
      roles: ['Agent'],
      state: 'NOT_READY',
      stateChangeTime: new Date('2014-05-27T00:33:44.836Z'),
      pendingState: null,
      reasonCodeId: null,
      reasonCode: null,
      teamId: '1',
      teamName: 'Default',
      teams: [],
    });
    expect(asyncErrorFromUpdate(update)).toBeNull();
  });

  it('reads an asynchronous CTI failure', () => {
    const update = parseUpdate(fixture('update-async-error.xml'));
    expect(update).toEqual({
      event: 'PUT',
      requestId: 'xyz',
      source: '/finesse/api/User/1234',
      data: {
        kind: 'apiErrors',
        errors: [
          {
            errorType: 'Invalid State',
            errorData: '265',
            errorMessage: 'CF_INVALID_AGENT_WORKMODE',
          },
        ],
      },
    });
    const error = asyncErrorFromUpdate(update);
    expect(error).toBeInstanceOf(FinesseError);
    expect(error).toMatchObject({ kind: 'async', status: null, requestId: 'xyz', method: 'PUT' });
    expect(error && explanationKey(error)).toBe('workModeConflict');
  });

  it('normalises the event case, an empty requestId, and unknown data', () => {
    const update = parseUpdate(
      '<Update><event>post</event><requestId></requestId><source>/finesse/api/Team/1/Users</source><data><dialog/></data></Update>',
    );
    expect(update).toEqual({
      event: 'POST',
      requestId: null,
      source: '/finesse/api/Team/1/Users',
      data: { kind: 'other' },
    });
  });

  it('throws XmlParseError for something that is not an Update', () => {
    expect(() => parseUpdate(fixture('user-supervisor.xml'))).toThrow(XmlParseError);
  });
});
