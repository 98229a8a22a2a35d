// The one message catalogue: every piece of UI text, keyed by id (English complete).
import { explanations, type ExplanationKey } from './finesse/explanations.ts';
import type { EntryName, ReasonCodeProblem } from './finesse/reasonCodes.ts';
import type { UserState } from './finesse/states.ts';

const en = {
  'app.title': 'Agent state',
  'app.loading': 'Loading your state…',
  'app.retry': 'Try again',
  'app.dismiss': 'Dismiss',

  'gadget.outsideDesktop':
    'This page is a Cisco Finesse gadget: add gadget.xml to the Finesse desktop layout, or open index.html to use it in a browser tab.',
  'gadget.noUser':
    'The Finesse desktop did not say who is signed in, so your state cannot be shown. Reload the desktop; if this stays, ask your administrator to check the gadget in the desktop layout.',

  'gadget.noCredentials':
    'The Finesse desktop did not give this gadget your sign-in, so it cannot show or change your state. Sign out of the desktop and sign in again; if this stays, ask your administrator to check that the gadget loads the desktop’s finesse.js.',

  'live.connecting': 'Connecting to live updates from Finesse…',
  'live.on': 'Live: changes show as Finesse makes them.',
  'live.polling':
    'Refreshing every {seconds} s: live updates are unavailable. {reason} The page goes live again by itself when it can.',
  'live.reason.auth': 'Finesse’s notification service did not accept your sign-in.',
  'live.reason.unreachable': 'Finesse’s notification service cannot be reached.',
  'live.reason.dropping': 'The connection to Finesse’s notification service keeps dropping.',
  'live.reason.reconnecting': 'The connection to Finesse’s notification service was lost.',
  'live.reason.unavailable': 'This Finesse server does not offer them to this page.',
  'live.lastHeard': 'Last heard from Finesse at {time}.',

  'signin.expired':
    'Finesse no longer accepts your sign-in: the password was changed or the SSO token expired. Sign in again to carry on.',

  'signin.heading': 'Sign in to Finesse',
  'signin.userId': 'User ID',
  'signin.password': 'Password',
  'signin.useToken': 'Use SSO token',
  'signin.token': 'SSO token',
  'signin.submit': 'Sign in',
  'signin.submitting': 'Signing in…',
  'signin.badCredentials':
    'Finesse did not accept this user ID and password. It gives the same answer for a user ID it does not know as for a wrong password, so check both and try again (user IDs are numeric on UCCE).',
  'signin.unknownUser':
    'Finesse has no user with the ID {id}. Check the user ID and try again (user IDs are numeric on UCCE).',
  'signin.tokenOtherUser':
    'This SSO token belongs to a different user than {id}. Enter the user ID the token was issued for.',
  'signin.badToken':
    'The SSO token was not accepted. It may have expired: get a new one and try again.',
  'signin.notAgent':
    'This account is neither an agent nor a supervisor, so it has no state to change here. Sign in with an agent or supervisor account.',
  'signin.unreachable':
    'The Finesse server did not answer. Check your network connection, or that Finesse is running, and try again.',
  'signin.signOutPage': 'Sign out of this page',
  'signin.signedInAs': 'Signed in as {name} ({id})',

  'state.heading': 'My state',
  'state.current': 'Current state',
  'state.withReason': '{state} – {reason}',
  'state.timeInState': 'for {duration}',
  'state.pending': '{state} after this call',
  'state.changing': 'Changing to {target}…',
  'state.notConfirmed':
    'Finesse accepted the change to {target} but has not applied it after {seconds} seconds. The state shown is what Finesse reports now; try again if it is still wrong.',
  'state.refused': 'Finesse did not change your state to {target}.',
  'state.noChanges': 'No state change can be requested from this state.',
  'state.signedOut':
    'You are signed out of Finesse. To take calls again, sign in to the Finesse desktop with your extension.',
  'state.reasonCodeProblems': 'Some reason codes could not be shown: {problems}',
  'reasonProblem.noId':
    'Reason code {name} has no numeric id in its uri {uri}, so it cannot be sent.',
  'reasonProblem.unknownCategory': 'Reason code {name} has an unknown category "{category}".',
  'reasonProblem.listCategory':
    'Asked for {asked} reason codes but the server\'s list says "{listed}".',
  'reasonProblem.tooMany':
    'The server sent {count} {category} reason codes, more than Finesse allows; only the first {offered} are offered.',
  'reasonProblem.wrongCategory':
    'Reason code "{label}" is a {category} reason in the {list} list; left out.',
  'reasonProblem.duplicateId':
    'Reason code "{label}" shares its id {id} with another reason in the list; left out.',
  'reasonProblem.named': '"{label}"',
  'reasonProblem.byCode': 'code {code}',
  'reasonProblem.unnamed': 'an unnamed entry',
  'reasonProblem.noUri': '(missing)',
  'state.refreshFailed': 'Your state could not be refreshed; what is shown may be out of date.',
  'state.reasonsUnavailable':
    'Reason codes could not be loaded, so Not Ready and Sign Out are unavailable.',
  'state.reconnecting':
    'Reconnecting to Finesse… State changes are paused until the connection is back.',

  'action.ready': 'Ready',
  'action.notReady': 'Not Ready',
  'action.logout': 'Sign Out',
  'action.notReadyMenu': 'Not Ready: choose a reason',
  'action.logoutMenu': 'Sign Out: choose a reason',
  'action.noReason': 'No reason',

  'team.heading': 'My teams',
  'team.picker': 'Team',
  'team.allTeams': 'All teams',
  'team.filter': 'Show',
  'team.filterAll': 'All states',
  'team.search': 'Search by name or ID',
  'team.refreshEvery': 'Refresh every',
  'team.seconds': '{seconds} s',
  'team.none': 'You do not supervise any team.',
  'team.loading': 'Loading {team}…',
  'team.loadFailed': 'The team {team} could not be loaded.',
  'team.empty': 'Nobody is on this team.',
  'team.noMatch': 'No agent on this team matches the filter or search.',
  'team.shown': 'Showing {shown} of {total} agents',
  'team.counts': 'Agents by state in {team}',
  'team.count': '{state}: {count}',
  'team.col.name': 'Name',
  'team.col.id': 'Login ID',
  'team.col.extension': 'Extension',
  'team.col.state': 'State',
  'team.col.reason': 'Reason',
  'team.col.timeInState': 'Time in state',
  'team.col.pendingState': 'Pending',
  'team.col.actions': 'Actions',
  'team.actionFor': '{action} for {name}',
  'team.actionsFor': 'Actions for {name}',
  'team.self': 'You: use My state',
  'team.sending': 'Sending {target}…',
  'team.pending': '{target} pending',
  'team.confirmed': '{name} is now {target}.',
  'team.refused': 'Finesse did not change {name} to {target}.',
  'team.notConfirmed':
    'Finesse accepted {target} for {name}, but after {seconds} seconds the team still shows {state}. A change Finesse has accepted can still fail later (for example while the agent is on a call), and this page gets no notifications to hear about it. Check the row and try again if needed.',
  'team.lastUpdated': 'Last updated {time}.',
  'team.refreshFailed':
    'Could not refresh {team}. Showing it as last updated at {time}; trying again automatically.',

  'error.heading': 'What went wrong',
  'error.details': 'Details',
  'error.status': 'HTTP status',
  'error.requestId': 'Request ID',
  'error.request': 'Request',
  'error.type': 'Type',
  'error.message': 'Message',
  'error.data': 'Data',
  'error.excerpt': 'The server answered',

  'stateName.LOGIN': 'Signing in',
  'stateName.LOGOUT': 'Signed Out',
  'stateName.NOT_READY': 'Not Ready',
  'stateName.READY': 'Ready',
  'stateName.RESERVED': 'Reserved',
  'stateName.RESERVED_OUTBOUND': 'Reserved (outbound)',
  'stateName.RESERVED_OUTBOUND_PREVIEW': 'Reserved (outbound preview)',
  'stateName.TALKING': 'Talking',
  'stateName.HOLD': 'On hold',
  'stateName.WORK': 'Wrap-up',
  'stateName.WORK_READY': 'Wrap-up (then Ready)',
  'stateName.UNKNOWN': 'Unknown',

  // Time-in-state limits and the large-team table (issue 11)
  'team.searchHint':
    'Finds any agent on the team. Large teams show only the rows near the screen, so the browser’s own find (Ctrl+F) sees only those: search here instead.',
  'limits.col': 'Limit',
  'limits.cellLimit': '{minutes} min',
  'limits.cellOver': 'Over limit by {duration}',
  'limits.overCount': '{count} over limit',
  'limits.crossedOne': '{name} is now over the time-in-state limit.',
  'limits.crossedMany': '{count} agents are now over their time-in-state limit: {names}.',
  'limits.crossedMore':
    '{count} agents are now over their time-in-state limit: {names} and {more} more.',
  'limits.edit': 'Time-in-state limits',
  'limits.hint':
    'Whole minutes, from 1 to {max}; leave a field empty for no limit. A reason’s own limit wins over “Not Ready – any reason”. Kept in this browser for your user ID only.',
  'limits.byState': 'Limit by state',
  'limits.byReason': 'Limit by Not Ready reason',
  'limits.notReadyAny': 'Not Ready – any reason',
  'limits.field': '{name} (minutes)',
  'limits.invalid': 'Enter whole minutes from 1 to {max}, or leave it empty for no limit.',
  'limits.unknownReason': 'Reason {id}',
  'limits.noReasons': 'No Not Ready reasons are known yet.',
  'limits.save': 'Save limits',
  'limits.cancel': 'Cancel',
  'limits.saved': 'Time-in-state limits saved: {count} set.',
  'limits.notStored':
    'The limits apply on this page, but this browser refused to keep them for next time.',
} as const;

type BaseId = keyof typeof en;
type ExplanationId = `explain.${ExplanationKey}.title` | `explain.${ExplanationKey}.action`;
export type MessageId = BaseId | ExplanationId;

const catalogue: Record<string, string> = { ...en };
for (const [key, { title, action }] of Object.entries(explanations)) {
  catalogue[`explain.${key}.title`] = title;
  catalogue[`explain.${key}.action`] = action;
}

/** Looks up a message and fills `{name}` placeholders. */
export function t(id: MessageId, values: Record<string, string | number> = {}): string {
  const text = catalogue[id] ?? id;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

export function stateName(state: UserState): string {
  return t(`stateName.${state}`);
}

export function explanationTitle(key: ExplanationKey): string {
  return t(`explain.${key}.title`);
}

export function explanationAction(key: ExplanationKey): string {
  return t(`explain.${key}.action`);
}

/** A reason-list problem in words. */
export function reasonProblemText(problem: ReasonCodeProblem): string {
  const name = (entry: EntryName) =>
    entry.label !== ''
      ? t('reasonProblem.named', { label: entry.label })
      : entry.code !== ''
        ? t('reasonProblem.byCode', { code: entry.code })
        : t('reasonProblem.unnamed');
  switch (problem.kind) {
    case 'noId':
      return t('reasonProblem.noId', {
        name: name(problem.entry),
        uri: problem.uri === '' ? t('reasonProblem.noUri') : `"${problem.uri}"`,
      });
    case 'unknownCategory':
      return t('reasonProblem.unknownCategory', {
        name: name(problem.entry),
        category: problem.category,
      });
    case 'listCategory':
      return t('reasonProblem.listCategory', { asked: problem.asked, listed: problem.listed });
    case 'tooMany':
      return t('reasonProblem.tooMany', {
        count: problem.count,
        category: problem.category,
        offered: problem.offered,
      });
    case 'wrongCategory':
      return t('reasonProblem.wrongCategory', {
        label: problem.label,
        category: problem.category,
        list: problem.list,
      });
    case 'duplicateId':
      return t('reasonProblem.duplicateId', { label: problem.label, id: problem.id });
  }
}
