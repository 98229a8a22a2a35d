// Keeps a tab's SSO access token alive: renews it at 75% of its life, retries what failed, says
// in time when the user's browser is needed, and ends the session when renewal is refused.
import type { RenewOutcome } from '../finesse/sso.ts';
import { grantWith, type BrowserSession, type EndReason, type SsoGrant } from './browserSession.ts';

/** Cisco: "Third-party applications have to refresh the access token after 75% of the token expiry time is elapsed." (sso.md) */
export const RENEW_AT = 0.75;
/**
 * A tab that shares its grant with another tab leaves the renewing to that one (see
 * `sessionChannel`); if by this share of the token's life no renewed token has reached it, it
 * asks its user instead.
 */
export const FOLLOWER_ASKS_AT = 0.9;
/**
 * When a renewal fails for want of an answer, it is tried again after these delays: the desktop
 * itself retries 3 times before giving up (TAC 212067, "Unable to refresh access token after 3
 * retries"). Never past the token's expiry.
 */
export const RETRY_DELAYS_MS = [5_000, 15_000, 30_000] as const;

/** What the page shows about its sign-in. */
export type RenewalState =
  | { kind: 'quiet' }
  | { kind: 'renewing' }
  /**
   * The user's help is needed before `expiresAt`: IdS wants the browser again, renewal keeps
   * failing, or (in a tab that leaves renewing to another) no renewed token came.
   */
  | { kind: 'attention'; expiresAt: number; why: 'needsBrowser' | 'failing' | 'noRenewal' };

export interface RenewalOptions {
  session: BrowserSession;
  /** One renewal attempt (POST /desktop/sso/token). */
  renew: (grant: SsoGrant, token: string) => Promise<RenewOutcome>;
  onState: (state: RenewalState) => void;
  /** A renewal is on its way: the token in use is about to be replaced. */
  onRenewing?: () => void;
  /** A new token is in use: tell the other tabs that share the grant. */
  onRenewed: () => void;
  onEnded: (reason: EndReason) => void;
  now?: () => number;
}

export interface Renewal {
  /** Whether this tab renews (true) or waits for another tab's renewal (false). */
  setRenewer(renewer: boolean): void;
  /** The session's token changed from outside (another tab, the browser): plan from it. */
  reschedule(): void;
  state(): RenewalState;
  stop(): void;
}

export function createSsoRenewal(options: RenewalOptions): Renewal {
  const now = options.now ?? Date.now;
  const { session } = options;
  let renewer = true;
  let state: RenewalState = { kind: 'quiet' };
  let failures = 0;
  let stopped = false;
  let attempt = 0;
  const timers = new Set<ReturnType<typeof setTimeout>>();

  const setState = (next: RenewalState) => {
    state = next;
    options.onState(next);
  };
  const at = (time: number, run: () => void) => {
    const timer = setTimeout(
      () => {
        timers.delete(timer);
        if (!stopped) run();
      },
      Math.max(0, time - now()),
    );
    timers.add(timer);
  };
  const clear = () => {
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
  };
  const expiresAt = (grant: SsoGrant) => grant.obtainedAt + grant.expiresInS * 1000;
  const attention = (why: 'needsBrowser' | 'failing' | 'noRenewal') => {
    const grant = session.current().sso;
    if (grant) setState({ kind: 'attention', expiresAt: expiresAt(grant), why });
  };

  const renewNow = async () => {
    const { auth, sso: grant } = session.current();
    if (!grant || auth.scheme !== 'Bearer') return;
    if (!grant.refreshToken) return attention('needsBrowser');
    const mine = ++attempt;
    if (state.kind !== 'attention') setState({ kind: 'renewing' });
    options.onRenewing?.();
    const outcome = await options.renew(grant, auth.token);
    // Stopped, or overtaken by a token from elsewhere while this one was on its way.
    if (stopped || mine !== attempt) return;
    switch (outcome.kind) {
      case 'renewed': {
        const current = session.current();
        session.adopt({
          ...current,
          auth: { scheme: 'Bearer', token: outcome.token.token },
          sso: grantWith(grant, outcome.token, now()),
        });
        options.onRenewed();
        failures = 0;
        plan();
        return;
      }
      case 'needsBrowser':
        return attention('needsBrowser');
      case 'refused':
        clear();
        return options.onEnded('refreshExpired');
      case 'failed': {
        attention('failing');
        const delay = RETRY_DELAYS_MS[failures];
        failures += 1;
        if (delay !== undefined && now() + delay < expiresAt(grant))
          at(now() + delay, () => void renewNow());
        return;
      }
    }
  };

  /** Timers from the session's current token: renewal (or asking), and the end of the token. */
  function plan() {
    clear();
    attempt += 1;
    const grant = session.current().sso;
    if (!grant) return;
    const lifeMs = grant.expiresInS * 1000;
    setState({ kind: 'quiet' });
    if (renewer) at(grant.obtainedAt + lifeMs * RENEW_AT, () => void renewNow());
    else at(grant.obtainedAt + lifeMs * FOLLOWER_ASKS_AT, () => attention('noRenewal'));
    // Never let it lapse silently: past expiry every request would be refused anyway.
    at(expiresAt(grant), () => {
      clear();
      options.onEnded('lapsed');
    });
  }

  plan();
  return {
    setRenewer(next) {
      if (next === renewer) return;
      renewer = next;
      failures = 0;
      plan();
    },
    reschedule() {
      failures = 0;
      plan();
    },
    state: () => state,
    stop() {
      stopped = true;
      clear();
    },
  };
}
