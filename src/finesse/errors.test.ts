// ApiErrors in both spellings, FinesseError, and which explanation each error gets.
import { describe, expect, it } from 'vitest';
import { fixture } from '../../test/fixtures/fixtures.ts';
import {
  FinesseError,
  explanationKey,
  parseApiErrors,
  parseRetryAfter,
  type ApiError,
  type ExplanationKey,
  type FinesseErrorKind,
} from './errors.ts';
import { en } from '../i18n/en.ts';
import { XmlParseError } from './xml.ts';

const notAllowed: ApiError = {
  errorType: 'Invalid Input',
  errorData: 'finesse.api.reasoncode.not_allowed',
  errorMessage: 'For this operation, Reason Codes are not allowed.',
};

describe('parseApiErrors', () => {
  it('reads the multi-line and one-line not_allowed samples alike', () => {
    expect(parseApiErrors(fixture('apierrors-not-allowed.xml'))).toEqual([notAllowed]);
    expect(parseApiErrors(fixture('apierrors-one-line.xml'))).toEqual([notAllowed]);
  });

  it('reads other shapes and element orders', () => {
    expect(parseApiErrors(fixture('apierrors-parameter-missing.xml'))).toEqual([
      {
        errorType: 'Parameter Missing',
        errorData: 'state',
        errorMessage: 'State Parameter missing',
      },
    ]);
    expect(parseApiErrors(fixture('apierrors-authorization-failure.xml'))).toEqual([
      { errorType: 'Authorization Failure', errorData: '1234', errorMessage: 'UNAUTHORIZED' },
    ]);
    expect(parseApiErrors(fixture('apierrors-service-unavailable.xml'))).toEqual([
      { errorType: 'Service Unavailable', errorData: '', errorMessage: 'SERVER_OUT_OF_SERVICE' },
    ]);
    expect(parseApiErrors(fixture('apierrors-reasoncode-not-valid-uccx.xml'))).toEqual([
      {
        errorType: 'Invalid Input',
        errorData: '',
        errorMessage: 'ReasonCode does not exist, codeId=12321321321',
      },
    ]);
  });

  it('reads several errors and the peripheral fields', () => {
    expect(parseApiErrors(fixture('apierrors-peripheral.xml'))).toEqual([
      {
        errorType: 'Parameter Missing',
        errorData: 'finesse.api.reasoncode.require_reasoncode',
        errorMessage: 'The state change requires a valid reason code.',
        peripheralErrorCode: '0',
        peripheralErrorMsg: 'NONE',
        peripheralErrorText: 'No reason code supplied',
      },
      { errorType: 'Invalid State', errorData: '', errorMessage: '' },
    ]);
  });

  it('reads the camelCase asynchronous form', () => {
    expect(
      parseApiErrors(
        '<apiErrors><apiError><errorType>Invalid State</errorType><errorData>33</errorData><errorMessage>CF_RESOURCE_BUSY</errorMessage></apiError></apiErrors>',
      ),
    ).toEqual([{ errorType: 'Invalid State', errorData: '33', errorMessage: 'CF_RESOURCE_BUSY' }]);
  });

  it('throws XmlParseError for an HTML page, empty body or another root', () => {
    expect(() => parseApiErrors(fixture('error-page-tomcat.html'))).toThrow(XmlParseError);
    expect(() => parseApiErrors('')).toThrow(XmlParseError);
    expect(() => parseApiErrors(fixture('user-supervisor.xml'))).toThrow(XmlParseError);
  });
});

describe('FinesseError', () => {
  it('keeps every field and says what happened in its message', () => {
    const error = new FinesseError({
      kind: 'api',
      status: 400,
      errors: [notAllowed],
      requestId: 'r-1',
      method: 'PUT',
      path: '/finesse/api/User/1234',
    });
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'FinesseError',
      kind: 'api',
      status: 400,
      errors: [notAllowed],
      requestId: 'r-1',
      method: 'PUT',
      path: '/finesse/api/User/1234',
      excerpt: null,
    });
    expect(error.timeoutMs).toBeUndefined();
    expect(error.message).toContain('PUT /finesse/api/User/1234 (HTTP 400)');
    expect(error.message).toContain('finesse.api.reasoncode.not_allowed');
  });

  it('builds async errors from an Update', () => {
    const error = FinesseError.fromAsync([notAllowed], 'r-2', 'PUT', '/finesse/api/User/1');
    expect(error).toMatchObject({
      kind: 'async',
      status: null,
      requestId: 'r-2',
      errors: [notAllowed],
    });
  });
});

function apiError(
  errorType: string,
  errorData = '',
  errorMessage = '',
  status: number | null = 400,
  kind: FinesseErrorKind = 'api',
): FinesseError {
  return new FinesseError({
    kind,
    status,
    errors: [{ errorType, errorData, errorMessage }],
    method: 'PUT',
    path: '/finesse/api/User/1',
  });
}

function bare(kind: FinesseErrorKind, status: number | null = null): FinesseError {
  return new FinesseError({ kind, status, method: 'GET', path: '/finesse/api/User/1' });
}

describe('explanationKey', () => {
  const fromFixture = (name: string, status: number) =>
    new FinesseError({
      kind: 'api',
      status,
      errors: parseApiErrors(fixture(name)),
      method: 'PUT',
      path: '/x',
    });

  const cases: [string, FinesseError, ExplanationKey][] = [
    [
      'require_reasoncode',
      apiError(
        'Parameter Missing',
        'finesse.api.reasoncode.require_reasoncode',
        'The state change requires a valid reason code.',
      ),
      'reasonRequired',
    ],
    ['not_valid', apiError('Invalid Input', 'finesse.api.reasoncode.not_valid'), 'reasonNotValid'],
    [
      'UCCX codeId wording',
      fromFixture('apierrors-reasoncode-not-valid-uccx.xml', 400),
      'reasonNotValid',
    ],
    ['not_allowed', fromFixture('apierrors-not-allowed.xml', 400), 'reasonNotAllowed'],
    [
      'dotted key in ErrorType',
      apiError('finesse.api.reasoncode.not_allowed', ''),
      'reasonNotAllowed',
    ],
    ['Invalid State', apiError('Invalid State'), 'invalidState'],
    ['state missing', fromFixture('apierrors-parameter-missing.xml', 400), 'stateMissing'],
    [
      'invalid state value',
      apiError('Invalid Input', 'state', 'Invalid State specified for user'),
      'stateInvalidValue',
    ],
    [
      'Authorization Failure',
      fromFixture('apierrors-authorization-failure.xml', 401),
      'authorizationFailure',
    ],
    ['wrong user', apiError('Invalid Authorization User Specified', '1234', '', 401), 'wrongUser'],
    ['Invalid Supervisor', apiError('Invalid Supervisor', '', '', 401), 'invalidSupervisor'],
    ['Not Found', apiError('Not Found', '', '', 404), 'notFound'],
    ['User Not Found', apiError('User Not Found', '', '', 404), 'notFound'],
    [
      'Internal Server Error',
      apiError('Internal Server Error', '', 'RUNTIME_EXCEPTION', 500),
      'serverError',
    ],
    ['DB runtime exception', apiError('', '', 'DB_RUNTIME_EXCEPTION', 500), 'serverError'],
    ['out of service', fromFixture('apierrors-service-unavailable.xml', 503), 'outOfService'],
    [
      'CF_INVALID_AGENT_WORKMODE',
      apiError('Invalid State', '265', 'CF_INVALID_AGENT_WORKMODE', null, 'async'),
      'workModeConflict',
    ],
    ['bare 265 async', apiError('Invalid State', '265', '', null, 'async'), 'workModeConflict'],
    [
      'CF_RESOURCE_BUSY',
      apiError('Invalid State', '33', 'CF_RESOURCE_BUSY', null, 'async'),
      'resourceBusy',
    ],
    ['bare 33 async', apiError('', '33', '', null, 'async'), 'resourceBusy'],
    // A user id of 33 in an Authorization Failure is not a CTI code.
    [
      'user id 33',
      apiError('Authorization Failure', '33', 'UNAUTHORIZED', 401),
      'authorizationFailure',
    ],
    ['unknown ApiError, status 400', apiError('Something New', 'x', 'y', 400), 'generic'],
    ['unknown ApiError, status 503', apiError('Something New', '', '', 503), 'outOfService'],
    ['unknown ApiError, status 502', apiError('Something New', '', '', 502), 'serverError'],
    [
      'unknown ApiError, status 401',
      apiError('Something New', '', '', 401),
      'authorizationFailure',
    ],
    ['unknown ApiError, status 404', apiError('Something New', '', '', 404), 'notFound'],
    ['timeout', bare('timeout'), 'timeout'],
    ['network', bare('network'), 'network'],
    ['parse', bare('parse', 200), 'badResponse'],
    ['http 500 page', bare('http', 500), 'serverError'],
    ['http 503 page', bare('http', 503), 'outOfService'],
    ['http 401 page', bare('http', 401), 'authorizationFailure'],
    // Signed in but not permitted: not a failed sign-in.
    ['http 403 page', bare('http', 403), 'forbidden'],
    ['http 429 page', bare('http', 429), 'tooManyRequests'],
    ['http 404 page', bare('http', 404), 'notFound'],
    ['http 400 page', bare('http', 400), 'badResponse'],
    ['api without errors', bare('api', 400), 'generic'],
    ['too large', bare('tooLarge', 200), 'tooLarge'],
  ];

  it.each(cases)('%s', (_name, error, key) => {
    expect(explanationKey(error)).toBe(key);
  });

  it('explains the chosen ApiError when there are several', () => {
    const error = new FinesseError({
      kind: 'api',
      status: 400,
      errors: parseApiErrors(fixture('apierrors-peripheral.xml')),
      method: 'PUT',
      path: '/x',
    });
    expect(explanationKey(error)).toBe('reasonRequired');
    expect(explanationKey(error, error.errors[1])).toBe('invalidState');
  });

  it('covers every explanation key', () => {
    const covered = new Set(cases.map(([, error]) => explanationKey(error)));
    // desktopSignInExpired is authorizationFailure as the error panel words it inside the desktop.
    covered.add('desktopSignInExpired');
    const explained = Object.keys(en).flatMap(
      (id) => /^explain\.(\w+)\.title$/.exec(id)?.[1] ?? [],
    );
    expect([...covered].sort()).toEqual(explained.sort());
  });
});

describe('explanations (English)', () => {
  const explanation = (key: ExplanationKey) => ({
    title: en[`explain.${key}.title`],
    action: en[`explain.${key}.action`],
  });

  it('says what the field needs to know', () => {
    const reasonNotValid = explanation('reasonNotValid');
    const reasonNotAllowed = explanation('reasonNotAllowed');
    const outOfService = explanation('outOfService');
    const workModeConflict = explanation('workModeConflict');
    const timeout = explanation('timeout');
    const network = explanation('network');
    expect(reasonNotValid.action).toMatch(/id/);
    expect(reasonNotValid.action).toMatch(/code/);
    expect(reasonNotValid.action).toMatch(/removed/);
    expect(reasonNotValid.action).toMatch(/[Rr]eload the reasons/);
    expect(reasonNotValid.action).toMatch(/administrator/);
    expect(reasonNotAllowed.action).toMatch(/[Ss]upervisors and administrator accounts/);
    expect(reasonNotAllowed.action).toMatch(/another user/);
    expect(outOfService.action).toMatch(/starting up or failing over/);
    expect(outOfService.action).toMatch(/few seconds/);
    expect(workModeConflict.title).toMatch(/one pending Not Ready.* per call/);
    expect(workModeConflict.action).toMatch(/call ends/);
    for (const { action } of [timeout, network]) {
      expect(action).toMatch(/connection/);
      expect(action).toMatch(/state shown will update/);
    }
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-29T10:00:00Z');
  it('reads seconds and HTTP dates, caps at an hour, and ignores nonsense', () => {
    expect(parseRetryAfter('30', now)).toBe(30_000);
    expect(parseRetryAfter('Sun, 29 Nov 2026 10:00:45 GMT', now)).toBe(45_000);
    expect(parseRetryAfter('Sun, 29 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('999999', now)).toBe(3_600_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});
