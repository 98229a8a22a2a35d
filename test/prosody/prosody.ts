// A throwaway Prosody for tests (free loopback ports, temp folder, restartable) and raw strophe.js helpers for its other parties.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { $iq, Strophe } from 'strophe.js';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));

export const DOMAIN = 'finesse.test';
export const PUBSUB_SERVICE = `pubsub.${DOMAIN}`;
export const NS_PUBSUB = 'http://jabber.org/protocol/pubsub';
/** The accounts prosody-start.sh registers: an agent, a supervisor, and the publisher (a pubsub owner). */
export const USERS = {
  agent: { id: '1001', password: '1001pw' },
  supervisor: { id: '2001', password: '2001pw' },
  publisher: { id: 'admin', password: 'adminpw' },
  /** Finesse's own account: its presence says whether the web services are up (failover.md). */
  finesse: { id: 'finesse', password: 'finessepw' },
} as const;

const INSTALL_HINT =
  'The XMPP notification test needs Prosody: run `bash scripts/ensure-prosody.sh` as root ' +
  '(or `sudo apt-get install -y prosody`).';

export interface ProsodyServer {
  dir: string;
  httpPort: number;
  c2sPort: number;
  /** XMPP over WebSocket (RFC 7395). */
  wsUrl: string;
  /** Stops and starts Prosody again on the same ports and data (subscriptions survive). */
  restart(): Promise<void>;
  /** Stops Prosody and removes its folder. */
  stop(): Promise<void>;
}

/** A port that was free a moment ago; Prosody's start script fails loudly if it was taken since. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Starts Prosody in a new temp folder; rejects with the script's output and how to install it. */
export async function startProsody(): Promise<ProsodyServer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'prosody-test-'));
  const httpPort = await freePort();
  let c2sPort = await freePort();
  while (c2sPort === httpPort) c2sPort = await freePort();
  const script = (name: string) => path.join(here, name);
  const env = { ...process.env, PROSODY_WATCH_PID: String(process.pid) };

  async function start(): Promise<void> {
    try {
      await run('bash', [script('prosody-start.sh'), dir, String(httpPort), String(c2sPort)], {
        env,
        timeout: 20000,
      });
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr ?? '';
      throw new Error(`Prosody did not start.\n${stderr.trim()}\n${INSTALL_HINT}`, {
        cause: error,
      });
    }
  }
  const stopProsody = () => run('bash', [script('prosody-stop.sh'), dir], { timeout: 20000 });

  try {
    await start();
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    dir,
    httpPort,
    c2sPort,
    wsUrl: `ws://127.0.0.1:${httpPort}/ws`,
    async restart() {
      await stopProsody();
      await start();
    },
    async stop() {
      try {
        await stopProsody();
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

export type RawConnection = InstanceType<typeof Strophe.Connection>;

/** A plain strophe.js connection (PLAIN), for the publisher and for clients other than the one under test. */
export function connectAs(
  server: ProsodyServer,
  user: { id: string; password: string },
  resource: string,
): Promise<RawConnection> {
  return new Promise((resolve, reject) => {
    const conn = new Strophe.Connection(server.wsUrl, { mechanisms: [Strophe.SASLPlain] });
    conn.connect(`${user.id}@${DOMAIN}/${resource}`, user.password, (status, condition) => {
      if (status === Strophe.Status.CONNECTED) resolve(conn);
      else if (status === Strophe.Status.AUTHFAIL || status === Strophe.Status.CONNFAIL) {
        reject(new Error(`${user.id} could not connect: ${status} ${condition ?? ''}`));
      }
    });
  });
}

export function sendIq(conn: RawConnection, stanza: Element, timeoutMs = 5000): Promise<Element> {
  return new Promise((resolve, reject) => {
    conn.sendIQ(
      stanza,
      resolve,
      (answer) =>
        reject(new Error(answer ? `iq error: ${Strophe.serialize(answer)}` : 'iq timed out')),
      timeoutMs,
    );
  });
}

/** A pubsub publish of one item to `node`, positioned inside its `<notification>`. */
function publishIq(node: string) {
  return $iq({ type: 'set', to: PUBSUB_SERVICE })
    .c('pubsub', { xmlns: NS_PUBSUB })
    .c('publish', { node })
    .c('item')
    .c('notification', { xmlns: NS_PUBSUB });
}

/** Publishes as Finesse does: the Update XML-escaped as the text of `<notification>`. */
export function publishUpdate(
  conn: RawConnection,
  node: string,
  updateXml: string,
): Promise<Element> {
  return sendIq(conn, publishIq(node).t(updateXml).tree());
}

/** Publishes the Update as a child element of `<notification>`, the other shape a client must accept. */
export function publishUpdateElement(
  conn: RawConnection,
  node: string,
  updateXml: string,
): Promise<Element> {
  const update = new DOMParser().parseFromString(updateXml, 'text/xml').documentElement;
  return sendIq(conn, publishIq(node).cnode(update).tree());
}

export function subscribeRaw(conn: RawConnection, node: string, jid: string): Promise<Element> {
  return sendIq(
    conn,
    $iq({ type: 'set', to: PUBSUB_SERVICE })
      .c('pubsub', { xmlns: NS_PUBSUB })
      .c('subscribe', { node, jid })
      .tree(),
  );
}

/** This account's subscriptions as 'node jid' strings, sorted. */
export async function subscriptionsOf(conn: RawConnection): Promise<string[]> {
  const answer = await sendIq(
    conn,
    $iq({ type: 'get', to: PUBSUB_SERVICE })
      .c('pubsub', { xmlns: NS_PUBSUB })
      .c('subscriptions')
      .tree(),
  );
  return Array.from(answer.getElementsByTagName('subscription'))
    .map((s) => `${s.getAttribute('node')} ${s.getAttribute('jid')}`)
    .sort();
}
