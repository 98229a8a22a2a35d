// SystemInfo: deployment type decides the transition rules, so an unknown one is an error.
import { describe, expect, it } from 'vitest';
import { fixture } from '../../test/fixtures/fixtures.ts';
import { parseSystemInfo } from './systemInfo.ts';
import { XmlParseError } from './xml.ts';

describe('parseSystemInfo', () => {
  it('reads a UCCE system in service', () => {
    expect(parseSystemInfo(fixture('systeminfo.xml'))).toEqual({
      deploymentType: 'UCCE',
      systemAuthMode: 'NON_SSO',
      currentTimestamp: new Date('2020-04-15T13:24:25.654Z'),
      status: 'IN_SERVICE',
      statusReason: '',
      xmppDomain: 'finesse1.example.com',
      xmppPubSubDomain: 'pubsub.finesse1.example.com',
      primaryNode: 'finesse1.example.com',
      secondaryNode: 'finesse2.example.com',
    });
  });

  it('reads a UCCX system in partial service with no timestamp', () => {
    expect(parseSystemInfo(fixture('systeminfo-uccx-partial.xml'))).toEqual({
      deploymentType: 'UCCX',
      systemAuthMode: 'SSO',
      currentTimestamp: null,
      status: 'PARTIAL_SERVICE',
      statusReason: 'CTI link down',
      xmppDomain: '',
      xmppPubSubDomain: '',
      // A single node: no secondaryNode (finesse-10.5.1.js SystemInfo.isSingleNode).
      primaryNode: '',
      secondaryNode: '',
    });
  });

  it('refuses an unknown or missing deployment type', () => {
    expect(() =>
      parseSystemInfo('<SystemInfo><deploymentType>XYZ</deploymentType></SystemInfo>'),
    ).toThrow(XmlParseError);
    expect(() => parseSystemInfo('<SystemInfo/>')).toThrow(/deploymentType/);
  });
});
