// The simulator's live state: model, config, faults, request log, notifications and timed changes.
import {
  NO_REASON,
  createBigTeam,
  isAgentState,
  isoTime,
  seedModel,
  type AgentState,
  type Category,
  type Flavour,
  type Model,
  findUser,
  type ReasonCode,
  type User,
} from './model.ts';
import { SimNodes, type NodeName } from './pair.ts';
import { SSO_DEFAULTS, SsoState, type AuthMode, type SsoConfig } from './sso.ts';
import {
  decideCall,
  decideTransition,
  type AsyncError,
  type CallAction,
  type ChangeRequest,
} from './stateMachine.ts';
import { asyncApiErrorsXml, teamUsersNode, updateXml, userUri, userXml } from './xml.ts';

export type { AuthMode, SsoConfig } from './sso.ts';

export interface SimConfig {
  /** Delay before every /finesse/api answer. */
  latencyMs: number;
  /** Time between a 202 and the change taking effect. */
  applyDelayMs: number;
}

/** Defaults: what `reset()` returns to (HYBRID, 300 s tokens, an hour's refresh tokens). */
export interface SimOptions extends Partial<SimConfig>, Partial<SsoConfig> {
  flavour?: Flavour;
}

export const FAULT_KINDS = [
  'status503',
  'html500',
  'truncated',
  'empty',
  'hang',
  'apiError',
  'oversized',
  'status429',
  'changedMeanwhile',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** For `apiError`: an error Finesse can answer that the model cannot reach by itself. */
export interface InjectedApiError {
  status: number;
  errorType: string;
  errorData: string;
  errorMessage: string;
}

export interface Fault {
  /** `path` is a substring of the pathname; `pathEquals` the whole pathname. */
  match: { method?: string; path?: string; pathEquals?: string };
  kind: FaultKind;
  apiError?: InjectedApiError;
  /** For `oversized`: how many reason codes the list answer carries. */
  entries?: number;
  /** For `status429`: the `Retry-After` it sends, in seconds (2 by default). */
  retryAfterS?: number;
  /** How many more matching requests get this fault. */
  remaining: number;
}

export interface RequestLogEntry {
  seq: number;
  time: string;
  method: string;
  path: string;
  search: string;
  requestId: string | null;
  authUser: string | null;
  /** The Bearer token the request carried (test data here): proves which token was sent. */
  bearer: string | null;
  body: string;
  /** null while unanswered, and for a request left hanging. */
  status: number | null;
  /** The node that received it (`a` on a single-node simulator). */
  node: NodeName;
}

type Listener = (updateXml: string) => void;

export class Simulator {
  model: Model;
  config: SimConfig;
  faults: Fault[] = [];
  requestLog: RequestLogEntry[] = [];
  ssoConfig: SsoConfig;
  /** Grants, sign-ins under way, IdP sessions and SSO faults (`sso.ts`). */
  sso = new SsoState();
  /** The deployment's nodes (`pair.ts`): node `a` alone, or `a` and `b` sharing this state. */
  readonly nodes = new SimNodes();
  private readonly defaults: { flavour: Flavour } & SimConfig;
  private readonly ssoDefaults: SsoConfig;
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private seq = 0;
  private tokenRenewals = 0;
  /** How far the simulated server's clock is ahead of this machine's (a PC with a wrong clock). */
  clockOffsetMs = 0;

  constructor(options: SimOptions = {}) {
    this.defaults = {
      flavour: options.flavour ?? 'UCCX',
      latencyMs: options.latencyMs ?? 0,
      applyDelayMs: options.applyDelayMs ?? 300,
    };
    this.ssoDefaults = {
      authMode: options.authMode ?? SSO_DEFAULTS.authMode,
      systemInfoNeedsAuth: options.systemInfoNeedsAuth ?? SSO_DEFAULTS.systemInfoNeedsAuth,
      ssoUserId: options.ssoUserId ?? SSO_DEFAULTS.ssoUserId,
      tokenLifetimeS: options.tokenLifetimeS ?? SSO_DEFAULTS.tokenLifetimeS,
      refreshLifetimeS: options.refreshLifetimeS ?? SSO_DEFAULTS.refreshLifetimeS,
    };
    this.ssoConfig = { ...this.ssoDefaults };
    this.model = seedModel(this.defaults.flavour);
    this.config = { latencyMs: this.defaults.latencyMs, applyDelayMs: this.defaults.applyDelayMs };
  }

  /** The server's clock: every time Finesse writes (stateChangeTime, currentTimestamp). */
  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  /** What SystemInfo reports as `systemAuthMode`, and what sign-ins are accepted. */
  get authMode(): AuthMode {
    return this.ssoConfig.authMode;
  }

  set authMode(mode: AuthMode) {
    this.ssoConfig.authMode = mode;
  }

  get flavour(): Flavour {
    return this.model.flavour;
  }

  /**
   * Back to the seed: flavour (default: the one the simulator was created with, UCCX unless
   * told otherwise), config (SSO's too), faults and log. Changes not yet applied are dropped.
   * SSO grants, sign-ins under way and IdP sessions end: the users they belong to are re-seeded.
   * Subscribers stay subscribed: an open desktop page keeps its stream.
   */
  reset(opts: { flavour?: Flavour } = {}): void {
    this.cancelTimers();
    this.clockOffsetMs = 0;
    this.model = seedModel(opts.flavour ?? this.defaults.flavour);
    this.config = { latencyMs: this.defaults.latencyMs, applyDelayMs: this.defaults.applyDelayMs };
    this.ssoConfig = { ...this.ssoDefaults };
    this.sso = new SsoState();
    this.faults = [];
    this.requestLog = [];
    this.seq = 0;
    // Every node back in service, up and reachable; the pair's switches to their defaults.
    this.nodes.reset();
  }

  setConfig(config: Partial<SimConfig>): void {
    if (config.latencyMs !== undefined) this.config.latencyMs = Math.max(0, config.latencyMs);
    if (config.applyDelayMs !== undefined) {
      this.config.applyDelayMs = Math.max(0, config.applyDelayMs);
    }
  }

  setSsoConfig(config: Partial<SsoConfig>): void {
    for (const [key, value] of Object.entries(config)) {
      if (value !== undefined) Object.assign(this.ssoConfig, { [key]: value });
    }
  }

  // ---- sign-in: one place decides, for /finesse/api and the Notification Service ---------

  /**
   * Whether the system's mode lets this user sign in this way. NON_SSO: passwords only; SSO:
   * tokens only; HYBRID: per user (`user.authKind`). Decision: a HYBRID user without a kind
   * may use both, so the demo shows both ways; Cisco does not say how a HYBRID user's mode is
   * set (sso.md "Modes": the per-user query's URI is unknown).
   */
  allows(user: User, kind: 'sso' | 'password'): boolean {
    switch (this.ssoConfig.authMode) {
      case 'NON_SSO':
        return kind === 'password';
      case 'SSO':
        return kind === 'sso';
      case 'HYBRID':
        return user.authKind === undefined || user.authKind === kind;
    }
  }

  /** The user this loginId or loginName and password sign in, if the mode allows it. */
  passwordOwner(idOrName: string, password: string): User | null {
    const user = findUser(this.model, idOrName);
    return user && password !== '' && user.password === password && this.allows(user, 'password')
      ? user
      : null;
  }

  /**
   * The user a Bearer token belongs to: a grant's current, unexpired access token (the IdS
   * flow, `sso.ts`), or the desktop double's static `user.ssoToken` (`sso-<loginId>`, renewed
   * by `renewSsoToken`), if the mode allows SSO for that user.
   */
  bearerOwner(token: string): User | null {
    if (token === '') return null;
    const grant = this.sso.current(token, this.now());
    let user: User | undefined;
    if (grant) user = this.model.users.get(grant.loginId);
    else for (const u of this.model.users.values()) if (u.ssoToken === token) user = u;
    return user && this.allows(user, 'sso') ? user : null;
  }

  /**
   * The identity provider issues the user a new SSO access token (the desktop renews it before it
   * expires); the previous one is refused from now on.
   */
  renewSsoToken(userId: string): string {
    const user = this.model.users.get(userId);
    if (!user) throw new Error(`no user ${userId}`);
    this.tokenRenewals += 1;
    user.ssoToken = `sso-${user.loginId}-r${this.tokenRenewals}`;
    return user.ssoToken;
  }

  // ---- notifications -------------------------------------------------------------------

  /** Listen to a pubsub node, e.g. `/finesse/api/User/1001` or `/finesse/api/Team/10/Users`. */
  subscribe(node: string, listener: Listener): () => void {
    let set = this.listeners.get(node);
    if (!set) {
      set = new Set();
      this.listeners.set(node, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(node);
    };
  }

  private publish(node: string, xml: string): void {
    for (const listener of [...(this.listeners.get(node) ?? [])]) {
      try {
        listener(xml);
      } catch {
        // A failing subscriber must not stop the others, nor the state change.
      }
    }
  }

  /**
   * The whole user on its own node, and on its team's Users node.
   * Decision: the team notification's `<source>` is the user's uri (the object that changed).
   * `requestId` belongs to whoever asked: for a change a supervisor made, the agent's own
   * node sees it unsolicited (empty requestId) and the team node — the supervisor's view —
   * carries the supervisor's requestId.
   */
  publishUser(user: User, requestId: string, actorId = user.loginId, extraTeamIds: string[] = []) {
    const source = userUri(user.loginId);
    const data = userXml(this.model, user, 'user');
    const forAgent = actorId === user.loginId ? requestId : '';
    this.publish(source, updateXml(source, forAgent, data));
    const teams = new Set([user.teamId, ...extraTeamIds].filter((id) => id !== ''));
    for (const teamId of teams)
      this.publish(teamUsersNode(teamId), updateXml(source, requestId, data));
  }

  /**
   * A User Update padded to `chars` with an element Finesse does not document (parsers must
   * ignore unknown fields: api.md §3), on the user's own node: a notification far larger than any
   * Finesse sends, to check a client refuses it before parsing. The user is unchanged.
   */
  publishOversized(userId: string, chars: number): string | null {
    const user = this.model.users.get(userId);
    if (!user) return `no user ${userId}`;
    const source = userUri(user.loginId);
    const data = userXml(this.model, user, 'user').replace(
      '</user>',
      `<padding>${'x'.repeat(Math.max(0, chars))}</padding></user>`,
    );
    this.publish(source, updateXml(source, '', data));
    return null;
  }

  /**
   * An accepted request that failed later. Decision: published on the node of the user who
   * asked (who holds the requestId; for an agent that is their own node), with the target's
   * uri as source. A supervisor's failed request is not shown to the agent: nothing changed.
   */
  private publishAsyncError(target: User, actorId: string, requestId: string, error: AsyncError) {
    const xml = updateXml(userUri(target.loginId), requestId, asyncApiErrorsXml([error]));
    this.publish(userUri(actorId), xml);
  }

  // ---- timers ---------------------------------------------------------------------------

  schedule(fn: () => void, ms: number): ReturnType<typeof setTimeout> {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
    return timer;
  }

  cancel(timer: ReturnType<typeof setTimeout>): void {
    clearTimeout(timer);
    this.timers.delete(timer);
  }

  cancelTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  // ---- request log and faults -----------------------------------------------------------

  logRequest(entry: Omit<RequestLogEntry, 'seq' | 'time' | 'status'>): RequestLogEntry {
    this.seq += 1;
    const logged: RequestLogEntry = {
      seq: this.seq,
      time: new Date().toISOString(),
      ...entry,
      status: null,
    };
    this.requestLog.push(logged);
    return logged;
  }

  addFault(fault: Fault): void {
    this.faults.push(fault);
  }

  /** The first fault matching this request, counted down. */
  takeFault(method: string, pathname: string): Fault | undefined {
    const index = this.faults.findIndex(
      (f) =>
        (f.match.method === undefined || f.match.method.toUpperCase() === method.toUpperCase()) &&
        (f.match.path === undefined || pathname.includes(f.match.path)) &&
        (f.match.pathEquals === undefined || pathname === f.match.pathEquals),
    );
    const fault = this.faults[index];
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.splice(index, 1);
    return fault;
  }

  // ---- state changes --------------------------------------------------------------------

  private setState(user: User, state: AgentState, reasonCodeId: number): void {
    user.state = state;
    user.reasonCodeId = reasonCodeId;
    user.stateChangeTime = isoTime(this.now());
    user.pendingState = '';
    user.pendingReasonCodeId = NO_REASON;
  }

  /**
   * A change that passed validation (and got its 202): applied after `applyDelayMs`.
   * The transition is decided again then, against the state at that moment.
   */
  acceptChange(
    actorId: string,
    targetId: string,
    request: ChangeRequest & { extension?: string },
    requestId: string,
  ): void {
    this.schedule(() => {
      const target = this.model.users.get(targetId);
      if (!target) return;
      const outcome = decideTransition(this.model.flavour, target, request);
      switch (outcome.kind) {
        case 'invalidState':
          this.publishAsyncError(target, actorId, requestId, {
            errorType: 'Invalid State',
            errorData: '',
            errorMessage: `Cannot change state from ${target.state} to ${request.state}`,
          });
          return;
        case 'asyncError':
          this.publishAsyncError(target, actorId, requestId, outcome.error);
          return;
        case 'pending':
          target.pendingState = outcome.pendingState;
          target.pendingReasonCodeId = outcome.reasonCodeId;
          this.publishUser(target, requestId, actorId);
          return;
        case 'apply':
          if (request.state === 'LOGIN' && request.extension) target.extension = request.extension;
          this.setState(target, outcome.state, outcome.reasonCodeId);
          target.preCall = null;
          this.publishUser(target, requestId, actorId);
          return;
      }
    }, this.config.applyDelayMs);
  }

  /** A simulated (routed) call; the result is an unsolicited notification. */
  call(
    userId: string,
    action: CallAction,
    wrapUp = false,
  ): { ok: true; user: User } | { ok: false; error: string } {
    const user = this.model.users.get(userId);
    if (!user) return { ok: false, error: `no user ${userId}` };
    const outcome = decideCall(this.model.flavour, user, action, wrapUp);
    if (!outcome.ok) return { ok: false, error: outcome.reason };
    if (action === 'hold') {
      // Decision: hold/resume is a state event, so stateChangeTime moves; pending survives.
      user.state = outcome.state;
      user.stateChangeTime = isoTime(this.now());
    } else {
      this.setState(user, outcome.state, outcome.reasonCodeId);
    }
    user.preCall = outcome.preCall;
    this.publishUser(user, '');
    return { ok: true, user };
  }

  /** A system-initiated change (RONA, phone down…): no rules, no reason-code checks. */
  systemSetState(userId: string, state: string, reasonCodeId = NO_REASON): string | null {
    const user = this.model.users.get(userId);
    if (!user) return `no user ${userId}`;
    if (!isAgentState(state)) return `unknown state ${state}`;
    this.setState(user, state, reasonCodeId);
    user.preCall = null;
    this.publishUser(user, '');
    return null;
  }

  addReasonCode(input: {
    category: Category;
    id?: number;
    code: number;
    label: string;
    forAll: boolean;
    systemCode?: boolean;
    teams?: string[];
  }): ReasonCode | string {
    const codes = [...this.model.reasonCodes.values()];
    const id = input.id ?? Math.max(0, ...codes.map((rc) => rc.id)) + 1;
    if (this.model.reasonCodes.has(id)) return `reason code id ${id} exists`;
    if ([...input.label].length > 40) return 'label longer than 40 characters';
    if (codes.some((rc) => rc.category === input.category && rc.code === input.code)) {
      return `code ${input.code} exists in ${input.category}`;
    }
    if (codes.some((rc) => rc.category === input.category && rc.label === input.label)) {
      return `label "${input.label}" exists in ${input.category}`;
    }
    const rc: ReasonCode = {
      id,
      category: input.category,
      code: input.code,
      label: input.label,
      forAll: input.forAll,
      systemCode: input.systemCode ?? false,
      teams: input.teams ?? [],
    };
    this.model.reasonCodes.set(id, rc);
    return rc;
  }

  /** Users who have it as their reason keep the id; their User then carries no ReasonCode. */
  deleteReasonCode(id: number): boolean {
    return this.model.reasonCodes.delete(id);
  }

  reassignTeam(userId: string, teamId: string): string | null {
    const user = this.model.users.get(userId);
    if (!user) return `no user ${userId}`;
    if (!this.model.teams.has(teamId)) return `no team ${teamId}`;
    const previous = user.teamId;
    user.teamId = teamId;
    this.publishUser(user, '', user.loginId, [previous]);
    return null;
  }

  /** A new name, published to the user's and team's nodes as an Update. */
  rename(userId: string, firstName: string, lastName: string): void {
    const user = this.model.users.get(userId);
    if (!user) return;
    user.firstName = firstName;
    user.lastName = lastName;
    this.publishUser(user, '');
  }

  bigTeam(size: number): void {
    createBigTeam(this.model, size, this.now());
  }

  /** `GET /sim/sso`: times as ISO strings on the server's clock. */
  ssoSnapshot() {
    const iso = (ms: number) => new Date(ms).toISOString();
    return {
      ...this.ssoConfig,
      grants: this.sso.grants.map((g) => ({
        loginId: g.loginId,
        token: g.accessToken,
        expiresAt: iso(g.accessExpiresAt),
        refreshToken: g.refreshToken,
        refreshExpiresAt: iso(g.refreshExpiresAt),
      })),
      faults: this.sso.faults.map((f) => ({ ...f })),
    };
  }

  snapshot() {
    return {
      flavour: this.model.flavour,
      config: { ...this.config },
      sso: this.ssoSnapshot(),
      faults: this.faults.map((f) => ({ ...f })),
      teams: [...this.model.teams.values()],
      reasonCodes: [...this.model.reasonCodes.values()],
      users: [...this.model.users.values()].map((u) => ({
        loginId: u.loginId,
        loginName: u.loginName,
        firstName: u.firstName,
        lastName: u.lastName,
        roles: u.roles,
        extension: u.extension,
        teamId: u.teamId,
        supervisedTeamIds: u.supervisedTeamIds,
        state: u.state,
        stateChangeTime: u.stateChangeTime,
        pendingState: u.pendingState,
        pendingReasonCodeId: u.pendingReasonCodeId,
        reasonCodeId: u.reasonCodeId,
      })),
    };
  }
}
