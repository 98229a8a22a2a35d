// Says how the page is kept current: live from Finesse's notifications, or refreshing every few
// seconds and why; and when it last heard from Finesse.
import { t } from '../../i18n/messages.ts';
import type { LiveMode } from '../../host/tabLive.ts';
import { formatTime, useNow } from '../common/time.ts';
import { useLocale } from '../language/LanguageContext.tsx';
import { useServicePause } from '../service/ServiceContext.tsx';

interface Props {
  mode: LiveMode;
  /** The polling interval in force when not live. */
  pollingSeconds: number;
  /** Epoch ms of the last thing heard from Finesse (an event, a ping answer, a read); null if none. */
  lastHeard: () => number | null;
}

export function LiveStatus({ mode, pollingSeconds, lastHeard }: Props) {
  const locale = useLocale();
  // Re-rendered each second so "last heard" follows pings and reads without its own listener.
  useNow();
  const { paused } = useServicePause();
  const heard = lastHeard();
  // While changes are paused the page reads nothing but its service checks (TanStack's online
  // manager holds every poll): saying "Refreshing every … s" then would not be true.
  const text =
    mode.kind === 'live'
      ? t('live.on')
      : mode.kind === 'connecting'
        ? t('live.connecting')
        : paused
          ? t('live.paused')
          : t('live.polling', {
              seconds: pollingSeconds,
              reason: t(`live.reason.${mode.reason}`),
            });
  // Only the mode is a live region: "last heard" changes with every ping and is not news.
  return (
    <div className={`live-status live-${mode.kind}`} data-mode={mode.kind}>
      <span className="live-dot" aria-hidden="true" />
      <p role="status">{text}</p>
      {heard !== null && (
        <p className="live-heard">
          {t('live.lastHeard', { time: formatTime(new Date(heard), locale) })}
        </p>
      )}
    </div>
  );
}
