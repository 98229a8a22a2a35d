// The one line that says Finesse is not in service and that changes are paused; nothing otherwise.
import { t } from '../../i18n/messages.ts';
import { SERVICE_LINE_ID, useService } from './ServiceContext.tsx';

export function ServiceLine() {
  const service = useService();
  let text = '';
  switch (service.kind) {
    case 'inService':
      break;
    case 'outOfService':
      text = t(service.partial ? 'service.partial' : 'service.out', {
        // The message ends the sentence itself: a reason's own full stop would double it.
        reason: service.reason.replace(/[.。]+$/, '') || t('service.noReason'),
      });
      break;
    case 'webServicesDown':
      text = t('service.webDown');
      break;
    case 'unreachable':
      text = t('service.unreachable');
      break;
  }
  // The region is always there, so a change of it is announced; empty while in service.
  return (
    <p id={SERVICE_LINE_ID} className={text ? 'service-line' : undefined} role="status">
      {text}
    </p>
  );
}
