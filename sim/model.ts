// The simulated Finesse's data: seed users, teams and reason codes, and queries over them.
import type { SsoConfig } from './sso.ts';

export type Flavour = 'UCCE' | 'UCCX';
export type Category = 'NOT_READY' | 'LOGOUT';
export type Role = 'Agent' | 'Supervisor' | 'Administrator';

export const AGENT_STATES = [
  'LOGOUT',
  'NOT_READY',
  'READY',
  'RESERVED',
  'RESERVED_OUTBOUND',
  'RESERVED_OUTBOUND_PREVIEW',
  'TALKING',
  'HOLD',
  'WORK',
  'WORK_READY',
  'UNKNOWN',
] as const;
export type AgentState = (typeof AGENT_STATES)[number];

export function isAgentState(value: string): value is AgentState {
  return (AGENT_STATES as readonly string[]).includes(value);
}

/** "No reason", as Finesse writes it in `<reasonCodeId>`. */
export const NO_REASON = -1;

export interface ReasonCode {
  /** Finesse database id: the last segment of the uri, and what a PUT carries. */
  id: number;
  category: Category;
  /** The number reported to UCCE/UCCX; deliberately different from `id` in the seed. */
  code: number;
  label: string;
  forAll: boolean;
  systemCode: boolean;
  /** Team ids a non-global code is assigned to. */
  teams: string[];
}

export interface Team {
  id: string;
  name: string;
}

export interface User {
  loginId: string;
  loginName: string;
  password: string;
  /** The desktop double's static Bearer token (`sso-<loginId>`); IdS grants are in `sso.ts`. */
  ssoToken: string;
  /**
   * In HYBRID mode, how this user signs in; absent: either way (a simulator decision, see
   * `Simulator.allows`). Ignored in SSO and NON_SSO modes.
   */
  authKind?: 'sso' | 'password';
  firstName: string;
  lastName: string;
  roles: Role[];
  extension: string;
  teamId: string;
  supervisedTeamIds: string[];
  state: AgentState;
  /** ISO-8601 UTC with milliseconds; empty before the first state event. */
  stateChangeTime: string;
  pendingState: AgentState | '';
  pendingReasonCodeId: number;
  reasonCodeId: number;
  /** State and reason before the current simulated call: where the call returns to. */
  preCall: { state: AgentState; reasonCodeId: number } | null;
}

export interface Model {
  flavour: Flavour;
  users: Map<string, User>;
  teams: Map<string, Team>;
  reasonCodes: Map<number, ReasonCode>;
}

export const DEMO_PASSWORD = 'demo';
export const ssoTokenFor = (loginId: string): string => `sso-${loginId}`;

/** Ids of the system codes Finesse stamps on supervisor-initiated changes. */
export const SUPERVISOR_NOT_READY_ID = 60;
export const SUPERVISOR_LOGOUT_ID = 61;

export const BIG_TEAM_ID = '40';
export const BIG_TEAM_FIRST_ID = 50001;

function reasonCodeSeed(flavour: Flavour): ReasonCode[] {
  const nr = (id: number, code: number, label: string, extra: Partial<ReasonCode> = {}) => ({
    id,
    category: 'NOT_READY' as const,
    code,
    label,
    forAll: true,
    systemCode: false,
    teams: [],
    ...extra,
  });
  const lo = (id: number, code: number, label: string, extra: Partial<ReasonCode> = {}) => ({
    ...nr(id, code, label, extra),
    category: 'LOGOUT' as const,
  });
  return [
    // The 2017 UCCX list (test/fixtures/reasoncodes-not-ready-uccx-2017.xml): id ≠ code from 10 on.
    nr(1, 1, 'Break'),
    nr(2, 2, 'Lunch'),
    nr(3, 3, 'Project'),
    nr(4, 4, 'Out of the Office'),
    nr(5, 5, 'Busy'),
    nr(10, 6, 'Meeting'),
    nr(11, 7, 'Away'),
    // A team code, as in reasoncodes-team-uccx-2019.xml: visible to team 10 only.
    nr(56, 151, 'Coaching & Training', { forAll: false, teams: ['10'] }),
    // Exactly 40 characters, the documented maximum, with non-ASCII and typographic quotes.
    nr(57, 152, 'Pause café – réunion d’équipe générale!!'),
    // System codes: listed by real servers, never selectable, shown as a current reason.
    flavour === 'UCCX'
      ? nr(SUPERVISOR_NOT_READY_ID, 33, 'Not Ready - Supervisor Initiated', { systemCode: true })
      : nr(SUPERVISOR_NOT_READY_ID, 999, 'Supervisor Initiated', { systemCode: true }),
    lo(20, 1, 'End of Shift'),
    lo(21, 2, 'Training'),
    lo(22, 3, 'Personal & Family'),
    flavour === 'UCCX'
      ? lo(SUPERVISOR_LOGOUT_ID, 22, 'Logged Out - Supervisor Initiated', { systemCode: true })
      : lo(SUPERVISOR_LOGOUT_ID, 999, 'Supervisor Initiated', { systemCode: true }),
  ];
}

interface UserSeed {
  loginId: string;
  loginName: string;
  firstName: string;
  lastName: string;
  roles: Role[];
  extension: string;
  teamId: string;
  supervisedTeamIds?: string[];
  state: AgentState;
  reasonCodeId?: number;
  /** Minutes in the current state at reset; null: no state event yet. */
  minutesAgo: number | null;
}

const USER_SEED: UserSeed[] = [
  {
    loginId: '1001',
    loginName: 'aalvarez',
    firstName: 'Ana',
    lastName: 'Álvarez',
    roles: ['Agent'],
    extension: '5001',
    teamId: '10',
    state: 'NOT_READY',
    minutesAgo: 3,
  },
  {
    loginId: '1002',
    loginName: 'bokafor',
    firstName: 'Ben',
    lastName: 'Okafor',
    roles: ['Agent'],
    extension: '5002',
    teamId: '20',
    state: 'READY',
    minutesAgo: 12,
  },
  {
    loginId: '1003',
    loginName: 'cdubois',
    firstName: 'Chloé',
    lastName: 'Dubois',
    roles: ['Agent'],
    extension: '5003',
    teamId: '30',
    state: 'NOT_READY',
    reasonCodeId: 2,
    minutesAgo: 25,
  },
  {
    loginId: '1004',
    loginName: 'divanov',
    firstName: 'Dmitri',
    lastName: 'Ivanov',
    roles: ['Agent'],
    extension: '5004',
    teamId: '10',
    state: 'LOGOUT',
    minutesAgo: 600,
  },
  {
    loginId: '1005',
    loginName: 'etan',
    firstName: 'Eve',
    lastName: 'Tan',
    roles: ['Agent'],
    extension: '5005',
    teamId: '10',
    state: 'READY',
    minutesAgo: 1,
  },
  {
    loginId: '2001',
    loginName: 'srivera',
    firstName: 'Sam',
    lastName: 'Rivera',
    roles: ['Agent', 'Supervisor'],
    extension: '5101',
    teamId: '10',
    supervisedTeamIds: ['10', '20'],
    state: 'NOT_READY',
    minutesAgo: 7,
  },
  {
    // Administrators have no agent state; the User object still exists.
    loginId: '9001',
    loginName: 'padmin',
    firstName: 'Pat',
    lastName: 'Admin',
    roles: ['Administrator'],
    extension: '',
    teamId: '',
    state: 'LOGOUT',
    minutesAgo: null,
  },
];

const TEAM_SEED: Team[] = [
  { id: '10', name: 'Sales & Service' },
  { id: '20', name: 'Billing' },
  { id: '30', name: 'Retention' },
];

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

function makeUser(seed: UserSeed, now: number): User {
  return {
    loginId: seed.loginId,
    loginName: seed.loginName,
    password: DEMO_PASSWORD,
    ssoToken: ssoTokenFor(seed.loginId),
    firstName: seed.firstName,
    lastName: seed.lastName,
    roles: seed.roles,
    extension: seed.extension,
    teamId: seed.teamId,
    supervisedTeamIds: seed.supervisedTeamIds ?? [],
    state: seed.state,
    stateChangeTime: seed.minutesAgo === null ? '' : isoTime(now - seed.minutesAgo * 60_000),
    pendingState: '',
    pendingReasonCodeId: NO_REASON,
    reasonCodeId: seed.reasonCodeId ?? NO_REASON,
    preCall: null,
  };
}

export function seedModel(flavour: Flavour = 'UCCX', now: number = Date.now()): Model {
  return {
    flavour,
    users: new Map(USER_SEED.map((seed) => [seed.loginId, makeUser(seed, now)])),
    teams: new Map(TEAM_SEED.map((team) => [team.id, { ...team }])),
    reasonCodes: new Map(reasonCodeSeed(flavour).map((rc) => [rc.id, rc])),
  };
}

/** By loginId, or by loginName (`GET /User/{loginName}` resolves, as on UCCE). */
export function findUser(model: Model, idOrName: string): User | undefined {
  const byId = model.users.get(idOrName);
  if (byId) return byId;
  for (const user of model.users.values()) if (user.loginName === idOrName) return user;
  return undefined;
}

export const hasRole = (user: User, role: Role): boolean => user.roles.includes(role);

/** True when `supervisor` supervises the team `target` belongs to. */
export function supervises(supervisor: User, target: User): boolean {
  return (
    hasRole(supervisor, 'Supervisor') &&
    target.teamId !== '' &&
    supervisor.supervisedTeamIds.includes(target.teamId)
  );
}

function visibleTo(rc: ReasonCode, user: User): boolean {
  return rc.forAll || (user.teamId !== '' && rc.teams.includes(user.teamId));
}

/**
 * What `GET /User/{id}/ReasonCodes?category=` lists: global codes plus the user's team's,
 * including system codes that are global — real servers list them although the guide says
 * they do not, and a client must not offer them.
 */
export function listedReasonCodes(model: Model, user: User, category: Category): ReasonCode[] {
  return [...model.reasonCodes.values()]
    .filter((rc) => rc.category === category && visibleTo(rc, user))
    .sort((a, b) => a.id - b.id);
}

/** The codes a user may send in a PUT: the listed ones minus system codes. */
export function selectableReasonCodes(model: Model, user: User, category: Category): ReasonCode[] {
  return listedReasonCodes(model, user, category).filter((rc) => !rc.systemCode);
}

export function teamMembers(model: Model, teamId: string): User[] {
  return [...model.users.values()].filter((user) => user.teamId === teamId);
}

const FIRST_NAMES = ['Aiko', 'Bruno', 'Carmen', 'Dev', 'Elif', 'Femi', 'Greta', 'Hugo', 'Ines'];
const LAST_NAMES = ['Nakamura', 'Silva', 'Ortega', 'Patel', 'Yılmaz', 'Adeyemi', 'Berg', 'Roy'];
const BIG_STATES: AgentState[] = ['READY', 'NOT_READY', 'TALKING', 'NOT_READY', 'WORK', 'LOGOUT'];

/**
 * Team 40 "Big Floor" with `size` agents (ids 50001…) in mixed states and reasons, supervised
 * by 2001. Replaces a previous big team. Deterministic, so benchmarks compare like with like.
 */
export function createBigTeam(model: Model, size: number, now: number = Date.now()): void {
  for (const [id, user] of model.users) if (user.teamId === BIG_TEAM_ID) model.users.delete(id);
  model.teams.set(BIG_TEAM_ID, { id: BIG_TEAM_ID, name: 'Big Floor' });
  const notReadyIds = [...model.reasonCodes.values()]
    .filter((rc) => rc.category === 'NOT_READY' && rc.forAll && !rc.systemCode)
    .map((rc) => rc.id);
  for (let i = 0; i < size; i += 1) {
    const loginId = String(BIG_TEAM_FIRST_ID + i);
    const state = BIG_STATES[i % BIG_STATES.length] ?? 'READY';
    const firstName = FIRST_NAMES[i % FIRST_NAMES.length] ?? 'Agent';
    const lastName = `${LAST_NAMES[i % LAST_NAMES.length] ?? 'Smith'} ${i + 1}`;
    model.users.set(loginId, {
      loginId,
      loginName: `agent${loginId}`,
      password: DEMO_PASSWORD,
      ssoToken: ssoTokenFor(loginId),
      firstName,
      lastName,
      roles: ['Agent'],
      extension: String(70000 + i),
      teamId: BIG_TEAM_ID,
      supervisedTeamIds: [],
      state,
      stateChangeTime: isoTime(now - ((i * 37) % 3600) * 1000),
      pendingState: '',
      pendingReasonCodeId: NO_REASON,
      reasonCodeId:
        state === 'NOT_READY' ? (notReadyIds[i % notReadyIds.length] ?? NO_REASON) : NO_REASON,
      preCall: state === 'TALKING' ? { state: 'READY', reasonCodeId: NO_REASON } : null,
    });
  }
  const supervisor = model.users.get('2001');
  if (supervisor && !supervisor.supervisedTeamIds.includes(BIG_TEAM_ID)) {
    supervisor.supervisedTeamIds.push(BIG_TEAM_ID);
  }
}

/** The demo sign-ins, as printed by `npm run sim` and the Vite plugin. */
export function describeSignIns(
  baseUrl: string,
  model: Model = seedModel(),
  /** With `idp`: the simulated IdS/IdP's base URL (another origin, `otherHost` in sso.ts). */
  sso?: Pick<SsoConfig, 'authMode' | 'tokenLifetimeS'> & { idp: string },
): string {
  const lines = [
    `Simulated Finesse (${model.flavour}) at ${baseUrl}/finesse/api — control endpoints at ${baseUrl}/sim`,
    `Demo sign-ins (password "${DEMO_PASSWORD}", or Authorization: Bearer sso-<loginId>):`,
  ];
  if (sso) {
    const { idp } = sso;
    lines.splice(
      1,
      0,
      `Auth mode ${sso.authMode}${sso.authMode === 'NON_SSO' ? '' : ` — single sign-on: ${baseUrl}/desktop/sso/token?cc_username=<loginName>&return_refresh_token=true`}`,
      ...(sso.authMode === 'NON_SSO'
        ? []
        : [
            `  the simulated IdS/IdP answer on ${idp} (another origin); IdP password "${DEMO_PASSWORD}"; access tokens last ${sso.tokenLifetimeS} s`,
          ]),
    );
  }
  for (const user of model.users.values()) {
    const team = model.teams.get(user.teamId);
    const supervised = user.supervisedTeamIds
      .map((id) => `${id} ${model.teams.get(id)?.name ?? ''}`)
      .join(', ');
    lines.push(
      `  ${user.loginId.padEnd(5)} ${user.loginName.padEnd(9)} ${`${user.firstName} ${user.lastName}`.padEnd(14)} ` +
        `${user.roles.join('+').padEnd(17)} ${team ? `team ${team.id} ${team.name}` : 'no team'}` +
        `${supervised ? `; supervises ${supervised}` : ''}; ${user.state}`,
    );
  }
  return lines.join('\n');
}
