// Finesse SystemInfo: deployment type (which transition rules apply), sign-in mode, server clock, service status.
import type { DeploymentType } from './states.ts';
import {
  XmlParseError,
  child,
  excerptOf,
  parseTimestamp,
  parseXml,
  rootNode,
  text,
  type XmlNode,
} from './xml.ts';

export interface SystemInfo {
  deploymentType: DeploymentType;
  /** SSO, NON_SSO or HYBRID: which sign-in to offer. */
  systemAuthMode: string;
  /** The server's clock, for a correct time in state when the local clock is off. */
  currentTimestamp: Date | null;
  /** IN_SERVICE, PARTIAL_SERVICE or OUT_OF_SERVICE. */
  status: string;
  statusReason: string;
  /** The Notification Service's XMPP domain (the JID's domain); '' when not given. */
  xmppDomain: string;
  /** Its pubsub service, e.g. 'pubsub.<domain>'; '' when not given. */
  xmppPubSubDomain: string;
  /**
   * The pair's hosts, `primaryNode/host` and `secondaryNode/host` ('' when not given; a
   * single-node deployment has no secondaryNode: finesse-10.5.1.js `SystemInfo.isSingleNode`).
   * Cisco gives FQDNs; a host may carry a port (the simulated pair on one machine does).
   */
  primaryNode: string;
  secondaryNode: string;
}

/** Parses a GET /SystemInfo body. An unknown deploymentType is an error: guessing would apply the wrong state rules. */
export function parseSystemInfo(xml: string): SystemInfo {
  return systemInfoFromNode(rootNode(parseXml(xml), ['SystemInfo'], xml), xml);
}

/** Reads a `<SystemInfo>` element: a GET's body, or the data of a SystemInfo node Update. */
export function systemInfoFromNode(root: XmlNode, xml: string): SystemInfo {
  const deploymentText = text(root, 'deploymentType').toUpperCase();
  // PCCE and HCS are UCCE underneath; should a server name them, UCCE's rules are the right ones.
  const deploymentType: DeploymentType | null = deploymentText.includes('UCCX')
    ? 'UCCX'
    : /UCCE|PCCE|HCS/.test(deploymentText)
      ? 'UCCE'
      : null;
  if (deploymentType === null) {
    throw new XmlParseError(
      `SystemInfo has an unknown deploymentType "${deploymentText}"`,
      excerptOf(xml),
    );
  }
  return {
    deploymentType,
    systemAuthMode: text(root, 'systemAuthMode'),
    currentTimestamp: parseTimestamp(text(root, 'currentTimestamp')),
    status: text(root, 'status'),
    statusReason: text(root, 'statusReason'),
    xmppDomain: text(root, 'xmppDomain'),
    xmppPubSubDomain: text(root, 'xmppPubSubDomain'),
    primaryNode: text(child(root, 'primaryNode'), 'host'),
    secondaryNode: text(child(root, 'secondaryNode'), 'host'),
  };
}
