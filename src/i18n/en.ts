// The English catalogue: every piece of UI text, keyed by id. English is built into every bundle
// and is the reference the other catalogues (src/i18n/catalogues/*.json) must match key for key,
// placeholder for placeholder (src/i18n/catalogues.test.ts).
//
// Format: `{name}` is replaced by a value; numbers are written in the page's locale.
// `{count, plural, one {# agent} other {# agents}}` picks a form by Intl.PluralRules; `#` is the
// number. A catalogue gives every plural category its language has (Russian: one, few, many, other).
import type { ExplanationKey } from '../finesse/errors.ts';

export const en = {
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
    'Finesse accepted the change to {target} but has not applied it after {seconds, plural, one {# second} other {# seconds}}. The state shown is what Finesse reports now; try again if it is still wrong.',
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
    'The server sent {count, plural, one {# {category} reason code} other {# {category} reason codes}}, more than Finesse allows; only the first {offered} are offered.',
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
  'team.shown': 'Showing {shown} of {total, plural, one {# agent} other {# agents}}',
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
    'Finesse accepted {target} for {name}, but after {seconds, plural, one {# second} other {# seconds}} the team still shows {state}. A change Finesse has accepted can still fail later (for example while the agent is on a call), and this page gets no notifications to hear about it. Check the row and try again if needed.',
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

  // Plain-language explanations of Finesse errors: what went wrong, then what to do.
  'explain.reasonRequired.title': 'A reason is required for this change.',
  'explain.reasonRequired.action': 'Pick a reason from the list and try again.',
  'explain.reasonNotValid.title': 'Finesse does not recognise the reason that was sent.',
  'explain.reasonNotValid.action':
    "The reason may have been removed or changed by an administrator, or the gadget sent the reason's code instead of its id (the number at the end of its uri). Reload the reasons and pick again; if it keeps failing, tell your administrator.",
  'explain.reasonNotAllowed.title': 'A reason cannot be sent with this change.',
  'explain.reasonNotAllowed.action':
    'Supervisors and administrator accounts cannot send a reason code when changing another user\'s state: Finesse records its own "Supervisor Initiated" reason. Try again without a reason; if it keeps failing, tell your administrator.',
  'explain.invalidState.title': 'That change is not possible from the current state.',
  'explain.invalidState.action':
    'The state may have changed in the meantime. Wait for the state shown to update, then choose again.',
  'explain.stateMissing.title': 'The request did not say which state to change to.',
  'explain.stateMissing.action':
    'Try again. If it keeps happening, tell your administrator: the gadget sent an incomplete request.',
  'explain.stateInvalidValue.title': 'Finesse does not know the state that was requested.',
  'explain.stateInvalidValue.action':
    'Try again. If it keeps happening, tell your administrator: the gadget sent an unknown state.',
  'explain.authorizationFailure.title': 'Finesse did not accept your sign-in.',
  'explain.authorizationFailure.action':
    'Sign in again. If your password was changed or your account is locked, contact your administrator.',
  'explain.tooLarge.title':
    'Finesse sent a far larger answer than it ever should, so it was not read.',
  'explain.tooLarge.action':
    'Nothing was changed. Try again; if it keeps happening, tell your administrator: the server or something between it and you is sending too much.',
  'explain.forbidden.title': 'Finesse accepted your sign-in but does not permit this.',
  'explain.forbidden.action':
    'Your account or role is not allowed to do it. Ask your administrator if you think it should be.',
  'explain.tooManyRequests.title': 'Finesse is busy and asked for fewer requests.',
  'explain.tooManyRequests.action':
    'Nothing was changed. The page tries again by itself after the wait Finesse asked for.',
  'explain.desktopSignInExpired.title': 'Finesse no longer accepts your desktop sign-in.',
  'explain.desktopSignInExpired.action':
    'Your password may have been changed or your session has expired. Sign out of the Finesse desktop and sign in again; if it keeps happening, contact your administrator.',
  'explain.wrongUser.title':
    'You are signed in as a different user from the one you tried to change.',
  'explain.wrongUser.action': 'Sign out and sign in with your own account, or reload the page.',
  'explain.invalidSupervisor.title': 'You do not supervise this agent.',
  'explain.invalidSupervisor.action':
    "Only supervisors of the agent's team can change their state. Reload the team list; if the agent should be on your team, tell your administrator.",
  'explain.notFound.title': 'Finesse could not find this user or team.',
  'explain.notFound.action':
    'It may have been removed or renamed. Reload the page; if it keeps happening, tell your administrator.',
  'explain.serverError.title':
    'Finesse had an internal problem and could not complete the request.',
  'explain.serverError.action':
    'Try again in a moment. If it keeps happening, tell your administrator.',
  'explain.outOfService.title': 'Finesse is not in service right now.',
  'explain.outOfService.action':
    'Finesse is starting up or failing over to another server. Try again in a few seconds.',
  'explain.workModeConflict.title': 'Only one pending Not Ready is allowed per call.',
  'explain.workModeConflict.action':
    'A change is already waiting for this call to end. Wait until the call ends, then choose again.',
  'explain.resourceBusy.title': 'The phone is busy, so the change cannot be queued.',
  'explain.resourceBusy.action': 'Wait until the call ends, then try again.',
  'explain.timeout.title': 'Finesse did not answer in time.',
  'explain.timeout.action':
    'Check your network connection. The change may or may not have been made: the state shown will update, so check it before trying again.',
  'explain.network.title': 'Finesse could not be reached.',
  'explain.network.action':
    'Check your network connection and try again. Nothing was changed, or it may have been if the connection dropped mid-way: the state shown will update.',
  'explain.badResponse.title': 'Finesse sent an answer the gadget could not read.',
  'explain.badResponse.action':
    'Reload the page and try again. If it keeps happening, tell your administrator; the answer may come from a proxy or sign-in page instead of Finesse.',
  'explain.generic.title': 'Finesse refused the request.',
  'explain.generic.action':
    'Try again. If it keeps happening, tell your administrator and mention the details shown.',

  'language.label': 'Language',
  'language.loadFailed':
    'The {language} text could not be loaded, so the page stays in {current}. Choose it again to retry.',
  // Every ExplanationKey has its two texts: a missing one fails the typecheck.
} as const satisfies Record<`explain.${ExplanationKey}.${'title' | 'action'}`, string> &
  Record<string, string>;

export type MessageId = keyof typeof en;
export type Catalogue = Record<MessageId, string>;
