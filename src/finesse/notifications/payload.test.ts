// @vitest-environment node
// Notifications out of pubsub event messages: escaped text and child element, any namespace, several items.
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../test/fixtures/fixtures.ts';
import { notificationsOf } from './payload.ts';

const update = fixture('update-user.xml').trim();
const escape = (xml: string) =>
  xml.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** Parsed as strophe hands stanzas over: a DOM element (xmldom under Node, the browser's DOM in a tab). */
function message(inner: string): Element {
  const xml =
    `<message xmlns="jabber:client" from="pubsub.finesse.test" to="1001@finesse.test/tab">` +
    `${inner}</message>`;
  return new DOMParser().parseFromString(xml, 'text/xml').documentElement;
}

const event = (items: string) =>
  `<event xmlns="http://jabber.org/protocol/pubsub#event">${items}</event>`;
const items = (node: string, ...notifications: string[]) =>
  `<items node="${node}">${notifications.map((n, i) => `<item id="i${i}">${n}</item>`).join('')}</items>`;

describe('notificationsOf', () => {
  it('decodes the escaped Update text, as Finesse sends it', () => {
    const stanza = message(
      event(
        items(
          '/finesse/api/User/1234',
          `<notification xmlns="http://jabber.org/protocol/pubsub">${escape(update)}</notification>`,
        ),
      ),
    );
    expect(notificationsOf(stanza)).toEqual([{ node: '/finesse/api/User/1234', payload: update }]);
  });

  it('serializes an Update sent as a child element', () => {
    const child =
      '<Update><event>PUT</event><requestId></requestId><source>/finesse/api/User/1001</source>' +
      '<data><user><loginId>1001</loginId><state>READY</state><note>a &amp; b</note></user></data></Update>';
    const stanza = message(
      event(
        items(
          '/finesse/api/User/1001',
          `<notification xmlns="http://jabber.org/protocol/pubsub">\n  ${child}\n</notification>`,
        ),
      ),
    );
    expect(notificationsOf(stanza)).toEqual([
      // An empty element comes back self-closed: the same document.
      {
        node: '/finesse/api/User/1001',
        payload: child.replace('<requestId></requestId>', '<requestId/>'),
      },
    ]);
  });

  it('does not depend on the namespace or prefix of <notification>', () => {
    const stanza = message(
      event(
        items(
          '/finesse/api/Team/10/Users',
          `<notification>${escape('<Update>a</Update>')}</notification>`,
          `<x:notification xmlns:x="urn:other">${escape('<Update>b</Update>')}</x:notification>`,
        ),
      ),
    );
    expect(notificationsOf(stanza).map((n) => n.payload)).toEqual([
      '<Update>a</Update>',
      '<Update>b</Update>',
    ]);
  });

  it('reads every item of every items element, each with its own node', () => {
    const stanza = message(
      event(
        items(
          '/finesse/api/User/1',
          `<notification>${escape('<Update>1</Update>')}</notification>`,
        ) +
          items(
            '/finesse/api/User/2',
            `<notification>${escape('<Update>2</Update>')}</notification>`,
          ),
      ),
    );
    expect(notificationsOf(stanza)).toEqual([
      { node: '/finesse/api/User/1', payload: '<Update>1</Update>' },
      { node: '/finesse/api/User/2', payload: '<Update>2</Update>' },
    ]);
  });

  it('yields nothing for retractions, empty notifications, items without a node or other messages', () => {
    expect(notificationsOf(message(event('<items node="/n"><retract id="1"/></items>')))).toEqual(
      [],
    );
    expect(notificationsOf(message(event(items('/n', '<notification>  </notification>'))))).toEqual(
      [],
    );
    expect(
      notificationsOf(message(event('<items><item><notification>x</notification></item></items>'))),
    ).toEqual([]);
    expect(notificationsOf(message('<body>hello</body>'))).toEqual([]);
  });
});
