// The English catalogue, part shared by the gadget and the tab: UI text keyed by id. English is
// built into every bundle and is the reference the other catalogues (src/i18n/catalogues/*.json)
// must match key for key, placeholder for placeholder (src/i18n/catalogues.test.ts). Text only
// the tab shows is in enTab.ts, so the gadget's bundle does not carry it.
//
// Format: `{name}` is replaced by a value; numbers are written in the page's locale.
// `{count, plural, one {# agent} other {# agents}}` picks a form by Intl.PluralRules; `#` is the
// number. A catalogue gives every plural category its language has (Russian: one, few, many, other).
import type { ExplanationKey } from '../finesse/errors.ts';
import type { enTab } from './enTab.ts';

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

  'service.out': 'Finesse is out of service: {reason}. Changes are paused.',
  'service.partial': 'Finesse is partly out of service: {reason}. Changes are paused.',
  'service.noReason': 'no reason given',
  'service.webDown': 'Finesse’s web services are down. Changes are paused until they are back.',
  'service.unreachable': 'Finesse is not answering. Changes are paused until it is back.',
  'service.refused':
    'Finesse sent {count, plural, one {# update} other {# updates}} too large to read; the page read the data again instead.',

  // Every ExplanationKey has its two texts: a missing one fails the typecheck.
} as const satisfies Record<`explain.${ExplanationKey}.${'title' | 'action'}`, string> &
  Record<string, string>;

export type MessageId = keyof typeof en | keyof typeof enTab;
export type Catalogue = Record<MessageId, string>;
