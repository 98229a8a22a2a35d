// Tells the user, well before their SSO sign-in runs out, that it needs them, with a Renew button
// (a window can only be opened from a click). Nothing on the page stops meanwhile.
import { activeLanguage, t } from '../../i18n/messages.ts';
import { ErrorPanel } from '../common/ErrorPanel.tsx';
import { formatDuration, useNow } from '../common/time.ts';
import type { RenewalState } from '../../host/ssoRenewal.ts';
import type { WindowRenewal } from './useBrowserSession.ts';

interface Props {
  renewal: RenewalState;
  windowRenewal: WindowRenewal;
  onRenew: () => void;
}

const why = {
  needsBrowser: 'session.needsBrowser',
  failing: 'session.failing',
  noRenewal: 'session.noRenewal',
} as const;

function Countdown({ expiresAt }: { expiresAt: number }) {
  const now = useNow();
  // Not a live region: read once with the notice, not every second.
  return (
    <>{t('session.endsIn', { time: formatDuration(expiresAt - now, activeLanguage().locale) })}</>
  );
}

export function RenewBanner({ renewal, windowRenewal, onRenew }: Props) {
  if (renewal.kind !== 'attention' && windowRenewal.kind !== 'waiting') return null;
  return (
    <section className="notice renew" aria-labelledby="renew-heading">
      {renewal.kind === 'attention' && (
        <p id="renew-heading" className="renew-countdown">
          <Countdown expiresAt={renewal.expiresAt} />
        </p>
      )}
      <p role="status">
        {renewal.kind === 'attention' ? t(why[renewal.why]) : ''}
        {windowRenewal.kind === 'waiting' ? ` ${t('signin.ssoWaiting')}` : ''}
      </p>
      <button type="button" onClick={onRenew} disabled={windowRenewal.kind === 'waiting'}>
        {t('session.renew')}
      </button>
      {windowRenewal.kind === 'failed' && <ErrorPanel message={windowRenewal.message} />}
    </section>
  );
}
