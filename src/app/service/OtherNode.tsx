// In a Finesse pair, when this page's node has not been in service for a while: the offer to carry
// on on the other node, said in the page and never done silently (the user chooses; a sign-in there
// is needed, with the user ID carried over and no credentials in the address).
import { useEffect, useState } from 'react';
import type { SystemInfo } from '../../finesse/systemInfo.ts';
import {
  checkOtherNode,
  continueUrl,
  otherNodeOf,
  type Here,
  type OtherNodeCheck,
} from '../../host/otherNode.ts';
import { t } from '../../i18n/messages.ts';
import { useFinesse } from '../finesseContext.tsx';
import { useServiceState } from './ServiceContext.tsx';

/**
 * How long this node may be out of service or unanswered before the other is offered. Long
 * enough for a Tomcat or CTI link to come back by itself (the page carries on by itself then),
 * short enough that a supervisor is not left waiting: the desktop itself moves when its XMPP
 * connection "cannot be re-established" (failover.md), and gives no figure.
 */
export const OTHER_NODE_AFTER_MS = 20_000;

function here(): Here {
  const { protocol, host, hostname, port, pathname } = window.location;
  return { protocol, host, hostname, port, pathname };
}

export function OtherNode({
  systemInfo,
  userId,
}: {
  systemInfo: SystemInfo | undefined;
  userId: string;
}) {
  const { session } = useFinesse();
  const { service, downSince } = useServiceState();
  const [due, setDue] = useState(false);
  const [check, setCheck] = useState<OtherNodeCheck | 'checking'>('checking');
  const node = systemInfo ? otherNodeOf(systemInfo, here()) : null;
  const origin = node?.origin;

  useEffect(() => {
    // Back in service (or a single node): nothing to offer, and the next outage waits afresh.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setDue(false);
    if (downSince === null || !origin) return;
    const timer = setTimeout(
      () => setDue(true),
      Math.max(0, downSince + OTHER_NODE_AFTER_MS - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [downSince, origin]);

  useEffect(() => {
    if (!due || !origin) return;
    let current = true;
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setCheck('checking');
    void checkOtherNode(origin).then((result) => {
      if (current) setCheck(result);
    });
    return () => {
      current = false;
    };
  }, [due, origin]);

  if (!due || !node || service.kind === 'inService') return null;
  const via = session.getAuth()?.scheme === 'Bearer' ? 'sso' : 'password';
  const other = node.otherHost;
  return (
    <div className="other-node" role="status">
      <p>
        {t(service.kind === 'outOfService' ? 'node.out' : 'node.down', { host: node.thisHost })}{' '}
        {check === 'checking'
          ? t('node.checking', { other })
          : check === 'inService'
            ? t('node.otherIn', { other })
            : check === 'notInService'
              ? t('node.otherOut', { other })
              : t('node.otherUnchecked', { other })}
      </p>
      <p>
        <a href={continueUrl(node, here(), { userId, via })}>{t('node.continue', { other })}</a>{' '}
        {t(via === 'sso' ? 'node.signInSso' : 'node.signInPassword')}
      </p>
    </div>
  );
}
