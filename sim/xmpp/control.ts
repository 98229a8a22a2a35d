// The /sim/xmpp control API (JSON, no auth): connections, subscriptions and faults of the
// simulated Notification Service. Routed from handler.ts; XMPP traffic is not request-logged.
import type { XmppService } from './service.ts';

export interface ControlAnswer {
  status: number;
  value: unknown;
}

/**
 * `GET /sim/xmpp`, `POST /sim/xmpp/drop {user?}`, `POST /sim/xmpp/refuse {auth?, count?}`,
 * `POST /sim/xmpp/delay {ms}`, `POST /sim/xmpp/down {down}`, `DELETE /sim/xmpp/subscriptions`.
 * `path` has no trailing slash.
 */
export function xmppControl(
  xmpp: XmppService,
  method: string,
  path: string,
  body: Record<string, unknown>,
): ControlAnswer {
  const ok = (value: unknown): ControlAnswer => ({ status: 200, value });
  const bad = (error: string): ControlAnswer => ({ status: 400, value: { error } });
  const route = `${method} ${path}`;

  switch (route) {
    case 'GET /sim/xmpp':
      return ok(xmpp.snapshot());
    case 'POST /sim/xmpp/drop': {
      const user = body.user;
      if (user !== undefined && typeof user !== 'string') return bad('user must be a string');
      return ok({ dropped: xmpp.drop(user) });
    }
    case 'POST /sim/xmpp/refuse': {
      // {auth: true} refuses every authentication until {auth: false}; {count: n} the next n.
      const { auth, count } = body;
      if (count !== undefined) {
        if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
          return bad('count must be an integer ≥ 0');
        }
        xmpp.faults.refuseAuth = count;
      } else if (typeof auth === 'boolean') {
        xmpp.faults.refuseAuth = auth ? Infinity : 0;
      } else {
        return bad('{auth: true|false} or {count: n} expected');
      }
      return ok(xmpp.snapshot().faults);
    }
    case 'POST /sim/xmpp/delay': {
      const ms = body.ms;
      if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0 || ms > 600_000) {
        return bad('ms must be a number 0…600000');
      }
      xmpp.faults.delayMs = ms;
      return ok(xmpp.snapshot().faults);
    }
    case 'POST /sim/xmpp/down': {
      if (typeof body.down !== 'boolean') return bad('down (boolean) expected');
      xmpp.setDown(body.down);
      return ok(xmpp.snapshot().faults);
    }
    case 'DELETE /sim/xmpp/subscriptions':
      xmpp.subscriptions.clear();
      return ok({ ok: true });
  }
  return { status: 404, value: { error: `no control endpoint ${route}` } };
}
