// Update notifications: a user, an asynchronous apiErrors failure, anything else.
import { describe, expect, it } from 'vitest';
import { fixture } from '../../test/fixtures/fixtures.ts';
import { FinesseError, explanationKey } from './errors.ts';
import {
  NOTIFICATION_LIMIT,
  UpdateTooLarge,
  asyncErrorFromUpdate,
  parseNotification,
  parseUpdate,
  updateFromObject,
} from './update.ts';
import { XmlParseError } from './xml.ts';

describe('SystemInfo Updates and the size limit', () => {
  // The SystemInfo node's Update (failover.md): its data is the SystemInfo; only the status is read.
  const systemInfoUpdate =
    '<Update><data><SystemInfo><deploymentType>UCCE</deploymentType><status>partial_service</status>' +
    '<statusReason>CTI link down</statusReason></SystemInfo></data><event>PUT</event><requestId/>' +
    '<source>/finesse/api/SystemInfo</source></Update>';

  it('reads the status of a SystemInfo Update, as XMPP and as the desktop’s hub deliver it', () => {
    expect(parseUpdate(systemInfoUpdate).data).toEqual({
      kind: 'systemInfo',
      status: 'PARTIAL_SERVICE',
      statusReason: 'CTI link down',
    });
    const tunnelled = parseNotification(`/finesse/api/SystemInfo${systemInfoUpdate}`);
    expect(tunnelled.node).toBe('/finesse/api/SystemInfo');
    expect(tunnelled.update.data.kind).toBe('systemInfo');
    // finesse.js's own conversion of the same XML.
    const object = {
      Update: { event: 'PUT', data: { SystemInfo: { status: 'OUT_OF_SERVICE' } } },
    };
    expect(updateFromObject(object).data).toEqual({
      kind: 'systemInfo',
      status: 'OUT_OF_SERVICE',
      statusReason: '',
    });
  });

  it('refuses a notification over the limit before parsing it', () => {
    const over = `/finesse/api/User/1234<Update>${' '.repeat(NOTIFICATION_LIMIT)}</Update>`;
    expect(() => parseNotification(over)).toThrow(UpdateTooLarge);
    const atLimit = fixture('update-user.xml').padEnd(NOTIFICATION_LIMIT, ' ');
    expect(parseNotification(atLimit).update.data.kind).toBe('user');
  });
});

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

describe('updateFromObject and parseNotification (the desktop hub’s shapes)', () => {
  const node = '/finesse/api/User/1234';

  it('reads finesse.js’s object for an asynchronous failure: one apiError, not a list', () => {
    const object = {
      Update: {
        data: {
          apiErrors: {
            apiError: {
              errorData: 265,
              errorMessage: 'CF_INVALID_AGENT_WORKMODE',
              errorType: 'Invalid State',
            },
          },
        },
        event: 'put',
        requestId: 'xyz',
        source: node,
      },
    };
    expect(updateFromObject(object)).toEqual(parseUpdate(fixture('update-async-error.xml')));
  });

  it('accepts an Update’s content without the wrapper, numbers as text, @attributes', () => {
    const update = updateFromObject({
      event: 'PUT',
      requestId: null,
      source: node,
      data: {
        user: {
          '@xmlns': 'http://jabber.org/protocol/pubsub',
          loginId: 1234,
          state: 'READY',
          extension: 1001,
          reasonCodeId: -1,
        },
      },
    });
    expect(update.requestId).toBeNull();
    if (update.data.kind !== 'user') throw new Error('expected a user update');
    expect(update.data.user).toMatchObject({ id: '1234', extension: '1001', state: 'READY' });
  });

  it('refuses objects that are not Updates, and ignores prototype-polluting keys', () => {
    expect(() => updateFromObject(null)).toThrow(XmlParseError);
    expect(() => updateFromObject({ Dialogs: {} })).toThrow(XmlParseError);
    const hostile = JSON.parse(
      '{"Update":{"event":"PUT","data":{"__proto__":{"polluted":"yes"}},"source":"x"}}',
    ) as unknown;
    expect(updateFromObject(hostile).data.kind).toBe('other');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('splits node path and payload, XML or JSON, and takes a bare payload', () => {
    const xml = fixture('update-user.xml');
    const bare = parseNotification(xml);
    expect(bare.node).toBeNull();
    expect(parseNotification(node + xml)).toEqual({ node, update: bare.update });
    const json = JSON.stringify({
      Update: { event: 'PUT', requestId: 'r1', source: node, data: {} },
    });
    expect(parseNotification(node + json)).toMatchObject({ node, update: { requestId: 'r1' } });
    // A `{` in the XML's text does not make it JSON: the first of `<` and `{` decides.
    const braces = xml.replace('<firstName>John</firstName>', '<firstName>{John}</firstName>');
    expect(parseNotification(node + braces).update.data.kind).toBe('user');
    expect(() => parseNotification(`${node}{"Update": `)).toThrow(XmlParseError);
    expect(() => parseNotification(node)).toThrow(XmlParseError);
  });
});
