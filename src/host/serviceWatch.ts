// Finesse's service, as the page knows it: in service, out of service (SystemInfo), web services
// down (the `finesse` user's presence, or Tomcat's own error pages), or not answering at all; and
// the checks that bring the page back as soon as Finesse is (Cisco's recovery steps).
//
// Facts (../shared/finesse/failover.md, from Cisco's "Failure Scenarios" and "SystemInfo"):
// - Finesse losing its CTI server shows as a SystemInfo Update with status OUT_OF_SERVICE;
//   PARTIAL_SERVICE also answers 503 to requests; while not in service REST answers 503.
// - Tomcat (the web services) down: the `finesse` user's presence becomes UNAVAILABLE while XMPP
//   stays up, and REST fails. Whether a page outside the desktop receives that presence is unknown,
//   so REST failures and SystemInfo are the signal where it does not.
// - Recovery: XMPP down → check SystemInfo periodically for IN_SERVICE, then re-establish XMPP;
//   OUT_OF_SERVICE received while connected → wait for IN_SERVICE; presence UNAVAILABLE → wait for
//   AVAILABLE, then check for IN_SERVICE.
import { FinesseError } from '../finesse/errors.ts';
import type { SystemInfo } from '../finesse/systemInfo.ts';
import { listeners } from '../utils/listeners.ts';

export type Service =
  | { kind: 'inService' }
  /** SystemInfo says so (OUT_OF_SERVICE or PARTIAL_SERVICE); `reason` is its statusReason. */
  | { kind: 'outOfService'; partial: boolean; reason: string }
  /** The web services are down: the `finesse` user UNAVAILABLE, or an error page instead of Finesse's answer. */
  | { kind: 'webServicesDown' }
  /** No answer at all from this Finesse server. */
  | { kind: 'unreachable' };

export const IN_SERVICE: Service = { kind: 'inService' };

/**
 * How soon a tab checks again while Finesse is down, and the longest wait as checks keep finding
 * it down (or its XMPP still down): short, so "Finesse back → live" takes seconds, and jittered
 * (×0.75–1.25) so a site's tabs do not ask at once. A tab is a supervisor's: few per site.
 */
export const CHECK_BASE_MS = 2_000;
export const CHECK_MAX_MS = 5_000;
/**
 * The same inside the desktop, where every agent runs the gadget and the desktop itself recovers
 * and fails over (failover.md): thousands of gadgets must not ask every few seconds ("keep
 * requests few: load slows failover", desktop.md).
 */
export const DESKTOP_CHECK_BASE_MS = 5_000;
export const DESKTOP_CHECK_MAX_MS = 30_000;
/** A failed request right after a check asks for no other. */
export const SUSPECT_GAP_MS = 1_000;
/** While live notifications will announce IN_SERVICE (Cisco's step 2), a check only now and then in case one is lost. */
export const CHECK_WHILE_LIVE_MS = 15_000;

export interface ServiceWatchOptions {
  /** GET /finesse/api/SystemInfo. */
  read: () => Promise<SystemInfo>;
  /** Every SystemInfo read, e.g. to keep the page's copy current. */
  onSystemInfo?: (info: SystemInfo) => void;
  /** The wait between checks while down: first, and the most it grows to. Default: a tab's. */
  checkMs?: { base: number; max: number };
  random?: () => number;
  now?: () => number;
  setTimeout?: (callback: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
}

export interface ServiceWatch {
  current(): Service;
  subscribe(listener: (service: Service) => void): () => void;
  /** Since when (epoch ms) the service has not been in service; null while it is. */
  downSince(): number | null;
  /** A status from a SystemInfo Update (or a read known to be newer than anything heard). */
  status(status: string, reason: string): void;
  /**
   * A SystemInfo read elsewhere (the sign-in's, the views' first): taken only while the watch has
   * heard nothing itself, since a read answered after an Update may have been sent before it.
   */
  seed(status: string, reason: string): void;
  /** The `finesse` user's presence, where the page's XMPP session receives it; null: no longer known. */
  presence(available: boolean | null): void;
  /**
   * A check found Finesse in service while the page's live link is down: reconnect it now
   * (Cisco's step 1), rather than at the link's own next retry.
   */
  onInServiceWhileLinkDown(listener: () => void): () => void;
  /** A REST answer was 503 or did not come: check SystemInfo now (once for many). */
  suspect(): void;
  /** Whether the page's live link (XMPP) is up: while it is down, checks are short. */
  linkUp(up: boolean): void;
  stop(): void;
}

/** What a failed SystemInfo read says about the service; null when it says nothing about it (401…). */
export function serviceOfFailure(error: unknown): Service | null {
  if (!(error instanceof FinesseError)) return null;
  if (error.kind === 'network' || error.kind === 'timeout') return { kind: 'unreachable' };
  if (error.status === 503 && error.kind === 'api') {
    // Finesse itself answered 503 (api.md §5 SERVER_OUT_OF_SERVICE: start-up, failover).
    return { kind: 'outOfService', partial: false, reason: '' };
  }
  // An error page in place of Finesse's own answer: Tomcat, or a proxy in front of it, is down.
  if (error.kind === 'http' && [502, 503, 504].includes(error.status ?? 0)) {
    return { kind: 'webServicesDown' };
  }
  return null;
}

/** The service a SystemInfo status stands for. An unknown status is taken as in service: no source lists others. */
export function serviceOfStatus(status: string, reason: string): Service {
  switch (status.trim().toUpperCase()) {
    case 'OUT_OF_SERVICE':
      return { kind: 'outOfService', partial: false, reason };
    case 'PARTIAL_SERVICE':
      return { kind: 'outOfService', partial: true, reason };
    default:
      return IN_SERVICE;
  }
}

// Services are flat records of strings and booleans, built in one key order.
const same = (a: Service, b: Service): boolean => JSON.stringify(a) === JSON.stringify(b);

export function createServiceWatch(options: ServiceWatchOptions): ServiceWatch {
  const random = options.random ?? Math.random;
  const now = options.now ?? (() => Date.now());
  const setTimer = options.setTimeout ?? ((callback, ms) => setTimeout(callback, ms));
  const clearTimer =
    options.clearTimeout ??
    ((handle) => clearTimeout(handle as Parameters<typeof clearTimeout>[0]));
  const checkMs = options.checkMs ?? { base: CHECK_BASE_MS, max: CHECK_MAX_MS };
  const changed = listeners<[Service]>({ isolated: true });
  const reconnect = listeners({ isolated: true });

  /** What SystemInfo (read or pushed) last said. */
  let fromSystemInfo: Service = IN_SERVICE;
  /** What the last read's failure said, until a read succeeds. */
  let fromReads: Service | null = null;
  /** The `finesse` user's presence: null until (unless) it arrives. */
  let finesseAvailable: boolean | null = null;
  let link = true;
  let current: Service = IN_SERVICE;
  let downAt: number | null = null;
  let timer: unknown = null;
  let reading = false;
  let again = false;
  let lastCheckAt = -Infinity;
  /** Checks in a row that found Finesse down, or in service with the link still down: the wait grows. */
  let misses = 0;
  let stopped = false;
  /** Whether anything newer than a seed has been heard (an Update, a read of its own, presence). */
  let heard = false;

  function derive(): Service {
    // The web services' own signal first: while they are down SystemInfo cannot be read (step 3).
    if (finesseAvailable === false) return { kind: 'webServicesDown' };
    return fromReads ?? fromSystemInfo;
  }

  function update(): void {
    const next = derive();
    if (!same(next, current)) {
      current = next;
      if (next.kind === 'inService') downAt = null;
      else downAt ??= now();
      changed.emit(next);
    }
    schedule();
  }

  function waitMs(): number {
    const jitter = 0.75 + random() * 0.5;
    const base = Math.min(checkMs.base * 1.5 ** misses, checkMs.max);
    return Math.round(base * jitter);
  }

  /** One check pending at most; none while nothing is wrong or while presence says to wait. */
  function schedule(): void {
    if (timer !== null) clearTimer(timer);
    timer = null;
    if (stopped) return;
    const down = current.kind !== 'inService';
    // Step 3: presence UNAVAILABLE → wait for AVAILABLE (it comes on the live link), then check.
    if (finesseAvailable === false) return;
    if (!down && link) return;
    // Step 2: out of service while live → the IN_SERVICE Update is awaited; a slow check meanwhile.
    const ms =
      down && link && current.kind === 'outOfService'
        ? Math.max(CHECK_WHILE_LIVE_MS, checkMs.max)
        : waitMs();
    timer = setTimer(() => {
      timer = null;
      check();
    }, ms);
  }

  function check(): void {
    if (stopped) return;
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    options
      .read()
      .then(
        (info) => {
          if (stopped) return;
          heard = true;
          options.onSystemInfo?.(info);
          fromReads = null;
          fromSystemInfo = serviceOfStatus(info.status, info.statusReason);
          if (fromSystemInfo.kind === 'inService' && !link) {
            misses += 1;
            reconnect.emit();
          } else {
            misses = fromSystemInfo.kind === 'inService' ? 0 : misses + 1;
          }
        },
        (error: unknown) => {
          if (stopped) return;
          const said = serviceOfFailure(error);
          if (said) fromReads = said;
          misses += 1;
        },
      )
      .finally(() => {
        reading = false;
        lastCheckAt = now();
        if (stopped) return;
        if (again) {
          again = false;
          check();
          return;
        }
        update();
      });
  }

  return {
    current: () => current,
    subscribe: changed.add,
    downSince: () => downAt,
    seed(status, reason) {
      if (heard) return;
      fromSystemInfo = serviceOfStatus(status, reason);
      update();
    },
    status(status, reason) {
      heard = true;
      fromSystemInfo = serviceOfStatus(status, reason);
      // A status that arrived is an answer from Finesse: whatever reads said before is past.
      fromReads = null;
      if (fromSystemInfo.kind === 'inService') misses = 0;
      update();
    },
    onInServiceWhileLinkDown: reconnect.add,
    presence(available) {
      heard = true;
      const before = finesseAvailable;
      finesseAvailable = available;
      if (available && before === false) {
        // Step 3: AVAILABLE again → check for IN_SERVICE before carrying on: still down until a
        // read says otherwise (what SystemInfo said before the outage is no answer).
        misses = 0;
        fromReads = { kind: 'webServicesDown' };
        update();
        check();
        return;
      }
      update();
    },
    suspect() {
      // Presence already says why; SystemInfo cannot say more until it is back. One check answers
      // for every failure around it: none while one is under way or has just been made.
      if (finesseAvailable === false || reading || now() - lastCheckAt < SUSPECT_GAP_MS) return;
      check();
    },
    linkUp(up) {
      if (up === link) return;
      link = up;
      if (up) misses = 0;
      update();
    },
    stop() {
      stopped = true;
      if (timer !== null) clearTimer(timer);
      timer = null;
      changed.clear();
      reconnect.clear();
    },
  };
}
