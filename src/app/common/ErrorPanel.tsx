// The one component that shows errors: plain-language explanation first, every ApiError field, then details.
import { useId } from 'react';
import { FinesseError, explanationKey, type ApiError } from '../../finesse/errors.ts';
import { explanationAction, explanationTitle, t } from '../../i18n/messages.ts';
import { useHostKind } from '../finesseContext.tsx';

interface Props {
  /** What failed; omit for a problem told in words alone (`message`). */
  error?: unknown;
  /** A problem in plain words with nothing technical to show (a wrong password, no user). */
  message?: string;
  /** What the user was doing, e.g. "Finesse did not change your state to Ready." */
  context?: string;
  onDismiss?: () => void;
  onRetry?: () => void;
  /** Smaller, for an error shown inside a table row. */
  compact?: boolean;
}

function Explanation({ error, apiError }: { error: FinesseError; apiError?: ApiError }) {
  const hostKind = useHostKind();
  const found = explanationKey(error, apiError);
  // In the desktop there is no sign-in form here: the desktop's own sign-in has to be renewed.
  const key =
    found === 'authorizationFailure' && hostKind === 'desktop' ? 'desktopSignInExpired' : found;
  return (
    <div className="error-explanation">
      <p className="error-title">{explanationTitle(key)}</p>
      <p>{explanationAction(key)}</p>
    </div>
  );
}

function ApiErrorFields({ apiError }: { apiError: ApiError }) {
  const rows: [string, string | undefined][] = [
    [t('error.type'), apiError.errorType],
    [t('error.message'), apiError.errorMessage],
    [t('error.data'), apiError.errorData],
    ['peripheralErrorCode', apiError.peripheralErrorCode],
    ['peripheralErrorMsg', apiError.peripheralErrorMsg],
    ['peripheralErrorText', apiError.peripheralErrorText],
  ];
  return (
    <dl className="error-fields">
      {rows
        .filter(([, value]) => value !== undefined && value !== '')
        .map(([name, value]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
}

function Actions({ onRetry, onDismiss }: Pick<Props, 'onRetry' | 'onDismiss'>) {
  if (!onRetry && !onDismiss) return null;
  return (
    <div className="error-actions">
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('app.retry')}
        </button>
      )}
      {onDismiss && (
        <button type="button" onClick={onDismiss}>
          {t('app.dismiss')}
        </button>
      )}
    </div>
  );
}

export function ErrorPanel({ error, message, context, onDismiss, onRetry, compact }: Props) {
  const headingId = useId();
  const finesseError = error instanceof FinesseError ? error : null;
  const className = compact ? 'error-panel error-panel-compact' : 'error-panel';
  if (message !== undefined) {
    return (
      <div className={className} role="alert">
        {context && <p className="error-context">{context}</p>}
        <p>{message}</p>
        <Actions onRetry={onRetry} onDismiss={onDismiss} />
      </div>
    );
  }
  return (
    <div className={className} role="alert" aria-labelledby={headingId}>
      <p id={headingId} className="error-context">
        {context ?? t('error.heading')}
      </p>
      {finesseError ? (
        finesseError.errors.length > 0 ? (
          finesseError.errors.map((apiError, index) => (
            <div className="error-item" key={index}>
              <Explanation error={finesseError} apiError={apiError} />
              <ApiErrorFields apiError={apiError} />
            </div>
          ))
        ) : (
          <Explanation error={finesseError} />
        )
      ) : (
        <div className="error-explanation">
          <p className="error-title">{explanationTitle('generic')}</p>
          <p>{explanationAction('generic')}</p>
        </div>
      )}
      <details className="error-details">
        <summary>{t('error.details')}</summary>
        <dl className="error-fields">
          {finesseError?.status != null && (
            <div>
              <dt>{t('error.status')}</dt>
              <dd>{finesseError.status}</dd>
            </div>
          )}
          {finesseError && (
            <div>
              <dt>{t('error.request')}</dt>
              <dd>
                {finesseError.method} {finesseError.path}
              </dd>
            </div>
          )}
          {finesseError?.requestId && (
            <div>
              <dt>{t('error.requestId')}</dt>
              <dd>{finesseError.requestId}</dd>
            </div>
          )}
          {finesseError?.excerpt && (
            <div>
              <dt>{t('error.excerpt')}</dt>
              <dd>
                <code>{finesseError.excerpt}</code>
              </dd>
            </div>
          )}
          {!finesseError && (
            <div>
              <dt>{t('error.message')}</dt>
              <dd>{error instanceof Error ? error.message : String(error)}</dd>
            </div>
          )}
        </dl>
      </details>
      <Actions onRetry={onRetry} onDismiss={onDismiss} />
    </div>
  );
}
