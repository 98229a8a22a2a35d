// The one parser configuration: strings stay strings, lists stay lists, broken input is a typed error; and every fixture is exercised.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../test/fixtures/fixtures.ts';
import { parseApiErrors } from './errors.ts';
import { parseReasonCodes } from './reasonCodes.ts';
import { parseSystemInfo } from './systemInfo.ts';
import { parseTeam } from './team.ts';
import { parseUpdate } from './update.ts';
import { parseUser } from './user.ts';
import {
  XmlParseError,
  buildXml,
  decodeEntities,
  excerptOf,
  lastUriSegment,
  list,
  parseXml,
  text,
} from './xml.ts';

describe('parseXml', () => {
  it('keeps ids and codes as strings, including leading zeros', () => {
    expect(parseXml('<A><code>007</code><id>10</id><flag>true</flag></A>')).toEqual({
      A: { code: '007', id: '10', flag: 'true' },
    });
  });

  it('makes one-entry lists arrays and keeps attributes', () => {
    expect(parseXml(fixture('reasoncodes-team-uccx-2019.xml'))).toMatchObject({
      ReasonCodes: { '@_category': 'NOT_READY', ReasonCode: [{ code: '151' }] },
    });
    expect(parseXml('<User><roles><role>Agent</role></roles></User>')).toEqual({
      User: { roles: { role: ['Agent'] } },
    });
  });

  it('decodes entities', () => {
    expect(
      text((parseXml('<A><label>Tea &amp; Cake</label></A>') as { A: unknown }).A, 'label'),
    ).toBe('Tea & Cake');
  });

  const broken: [string, string][] = [
    ['empty', ''],
    ['whitespace', '  \n '],
    ['truncated', fixture('user-truncated.xml')],
    ['HTML page', fixture('error-page-tomcat.html')],
    ['garbage', 'Service Temporarily Unavailable'],
    ['two roots', '<A/><B/>'],
    ['prototype-polluting name', '<A><__proto__>x</__proto__></A>'],
  ];
  it.each(broken)('throws XmlParseError for %s', (_name, input) => {
    expect(() => parseXml(input)).toThrow(XmlParseError);
  });

  it('puts a collapsed excerpt of broken input on the error', () => {
    try {
      parseXml(fixture('user-truncated.xml'));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(XmlParseError);
      expect((error as XmlParseError).excerpt).toMatch(
        /^<User> <uri>\/finesse\/api\/User\/1001001<\/uri> <roles>/,
      );
    }
  });
});

describe('helpers', () => {
  it('excerptOf collapses whitespace and cuts at 200 characters', () => {
    expect(excerptOf('  a \n\t b  ')).toBe('a b');
    const long = excerptOf('x'.repeat(500));
    expect(long).toHaveLength(201);
    expect(long.endsWith('…')).toBe(true);
  });

  it('list accepts one entry, many or none', () => {
    expect(list({ a: 'x' }, 'a')).toEqual(['x']);
    expect(list({ a: ['x', 'y'] }, 'a')).toEqual(['x', 'y']);
    expect(list({}, 'a')).toEqual([]);
    expect(list({ a: '' }, 'a')).toEqual([]);
  });

  it('lastUriSegment tolerates a trailing slash', () => {
    expect(lastUriSegment('/finesse/api/User/1234/')).toBe('1234');
    expect(lastUriSegment('')).toBe('');
  });

  it('buildXml escapes text', () => {
    expect(buildXml({ User: { state: 'a<b&c' } })).toBe('<User><state>a&lt;b&amp;c</state></User>');
  });

  it('buildXml writes nested elements in order, empty text as an empty element', () => {
    expect(buildXml({ User: { state: 'LOGIN', extension: '', n: { a: '"\'>' } } })).toBe(
      '<User><state>LOGIN</state><extension></extension><n><a>&quot;&apos;&gt;</a></n></User>',
    );
  });

  it('buildXml refuses what is not an element name or not text', () => {
    expect(() => buildXml({ 'a b': 'x' })).toThrow(TypeError);
    expect(() => buildXml({ '<x>': 'x' })).toThrow(TypeError);
    expect(() => buildXml({ User: { state: 7 } })).toThrow(TypeError);
    expect(() => buildXml({ User: ['x'] })).toThrow(TypeError);
  });
});

describe('entities', () => {
  it("decodes XML's five entities and character references, once, in text and attributes", () => {
    expect(
      parseXml('<A a="&lt;&#233;">&lt;&gt;&amp;&quot;&apos; &#233;&#x41; &amp;lt;</A>'),
    ).toEqual({ A: { '#text': '<>&"\' éA &lt;', '@_a': '<é' } });
  });

  it('leaves other entities, references to no XML character, and CDATA as written', () => {
    expect(decodeEntities('&nbsp;&copy;&#0;&#xD800;&#1114112;&foo')).toBe(
      '&nbsp;&copy;&#0;&#xD800;&#1114112;&foo',
    );
    expect(parseXml('<A><![CDATA[&amp;]]></A>')).toEqual({ A: '&amp;' });
  });

  it('refuses a DOCTYPE, so no declared entity is ever expanded', () => {
    const laughs =
      '<!DOCTYPE A [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><A>&b;</A>';
    expect(() => parseXml(laughs)).toThrow(XmlParseError);
    expect(() => parseXml('<!DOCTYPE User><User><id>1</id></User>')).toThrow(/DOCTYPE/);
  });
});

// Each fixture with the parser that must read it; a fixture added without a test fails here.
const readers: Record<string, (xml: string) => unknown> = {
  'apierrors-authorization-failure.xml': parseApiErrors,
  'apierrors-not-allowed.xml': parseApiErrors,
  'apierrors-one-line.xml': parseApiErrors,
  'apierrors-parameter-missing.xml': parseApiErrors,
  'apierrors-peripheral.xml': parseApiErrors,
  'apierrors-reasoncode-not-valid-uccx.xml': parseApiErrors,
  'apierrors-service-unavailable.xml': parseApiErrors,
  'reasoncodes-capitalised-boolean.xml': (xml) => parseReasonCodes(xml, 'NOT_READY'),
  'reasoncodes-logout-empty.xml': (xml) => parseReasonCodes(xml, 'LOGOUT'),
  'reasoncodes-not-ready-uccx-2017.xml': (xml) => parseReasonCodes(xml, 'NOT_READY'),
  'reasoncodes-problems.xml': (xml) => parseReasonCodes(xml, 'NOT_READY'),
  'reasoncodes-team-uccx-2019.xml': (xml) => parseReasonCodes(xml, 'NOT_READY'),
  'reasoncodes-with-declaration.xml': (xml) => parseReasonCodes(xml, 'NOT_READY'),
  'systeminfo-uccx-partial.xml': parseSystemInfo,
  'systeminfo.xml': parseSystemInfo,
  'team.xml': parseTeam,
  'update-async-error.xml': parseUpdate,
  'update-user.xml': parseUpdate,
  'user-supervisor.xml': parseUser,
};
const unreadable = ['error-page-tomcat.html', 'user-truncated.xml'];

describe('fixtures', () => {
  const files = readdirSync(new URL('../../test/fixtures/', import.meta.url)).filter(
    (name) => name.endsWith('.xml') || name.endsWith('.html'),
  );

  it('are all accounted for', () => {
    expect(files.sort()).toEqual([...Object.keys(readers), ...unreadable].sort());
  });

  it.each(Object.entries(readers))('%s parses', (name, read) => {
    expect(() => read(fixture(name))).not.toThrow();
  });

  it.each(unreadable)('%s is refused by every reader', (name) => {
    for (const read of Object.values(readers)) {
      expect(() => read(fixture(name))).toThrow(XmlParseError);
    }
  });
});
