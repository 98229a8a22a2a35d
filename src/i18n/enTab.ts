// English text only the browser tab shows (sign-in, live status, teams, the language switch):
// kept out of the gadget's bundle. The tab's entry adds it to English (src/i18n/english.ts).
export const enTab = {
  'live.connecting': 'Connecting to live updates from Finesse…',
  'live.on': 'Live: changes show as Finesse makes them.',
  'live.polling':
    'Refreshing every {seconds} s: live updates are unavailable. {reason} The page goes live again by itself when it can.',
  'live.reason.auth': 'Finesse’s notification service did not accept your sign-in.',
  'live.reason.unreachable': 'Finesse’s notification service cannot be reached.',
  'live.reason.dropping': 'The connection to Finesse’s notification service keeps dropping.',
  'live.reason.reconnecting': 'The connection to Finesse’s notification service was lost.',
  'live.reason.unavailable': 'This Finesse server does not offer them to this page.',
  'live.paused':
    'Not refreshing while changes are paused; everything is read again when Finesse is back.',
  'live.lastHeard': 'Last heard from Finesse at {time}.',
  'signin.expired':
    'Finesse no longer accepts your sign-in: the password was changed or the SSO token expired. Sign in again to carry on.',
  'signin.heading': 'Sign in to Finesse',
  'signin.userId': 'User ID',
  'signin.password': 'Password',
  'signin.submit': 'Sign in',
  'signin.submitting': 'Signing in…',
  'signin.badCredentials':
    'Finesse did not accept this user ID and password. It gives the same answer for a user ID it does not know as for a wrong password, so check both and try again (user IDs are numeric on UCCE).',
  'signin.unknownUser':
    'Finesse has no user with the ID {id}. Check the user ID and try again (user IDs are numeric on UCCE).',
  'signin.notAgent':
    'This account is neither an agent nor a supervisor, so it has no state to change here. Sign in with an agent or supervisor account.',
  'signin.unreachable':
    'The Finesse server did not answer. Check your network connection, or that Finesse is running, and try again.',
  'signin.checking': 'Checking how this Finesse server signs users in…',
  'signin.modeUnknown':
    'This Finesse server did not say how it signs users in, so both ways are offered: use the one your account is set up for.',
  'signin.sso': 'Sign in with single sign-on',
  'signin.ssoHint': 'Your identity provider’s sign-in opens in a new window.',
  'signin.or': 'or',
  'signin.ssoWaiting':
    'Finish signing in in the window that opened. This page carries on by itself when you are done.',
  'signin.ssoCancel': 'Cancel single sign-on',
  'signin.ssoBlocked':
    'Your browser blocked the sign-in window. Allow pop-ups for this site, then select “Sign in with single sign-on” again.',
  'signin.ssoClosed':
    'The sign-in window was closed before single sign-on finished. Select “Sign in with single sign-on” to try again.',
  'signin.ssoRefused':
    'Single sign-on did not sign you in as {id}. The identity provider or Finesse said: {detail}',
  'signin.ssoRefusedNoDetail':
    'Single sign-on did not sign you in as {id}. Check the user name and try again; if it keeps happening, ask your administrator.',
  'signin.ssoServerError':
    'Finesse could not complete single sign-on (HTTP {status}). Try again in a moment; if it keeps failing, tell your administrator.',
  'signin.ssoNotJson':
    'Finesse’s single sign-on did not return a sign-in token. Try again; if it keeps happening, tell your administrator that /desktop/sso/token did not answer with a token.',
  'signin.ssoOtherUser':
    'Single sign-on signed you in as {other}, not as {id}. Enter the user name you signed in with, or sign out of the identity provider and try again.',
  'signin.trySso':
    'If your account uses single sign-on, select “Sign in with single sign-on” instead.',
  'signin.tryPassword':
    'If your account signs in with a password, enter it above and select “Sign in” instead.',
  'session.endsIn': 'Your sign-in ends in {time}.',
  'session.renew': 'Renew',
  'session.needsBrowser':
    'Finesse needs you to sign in again, in a window, to keep this page signed in. The page keeps working meanwhile.',
  'session.failing':
    'Your sign-in could not be renewed yet; the page keeps trying. You can renew it yourself, in a window.',
  'session.noRenewal':
    'Your sign-in has not been renewed by your other tab of this page. Renew it here, in a window.',
  'session.refreshExpired':
    'Your single sign-on session has ended: the identity provider no longer renews it. Sign in again to carry on.',
  'session.lapsed': 'Your sign-in ran out before it was renewed. Sign in again to carry on.',
  'signin.signOutPage': 'Sign out of this page',
  'signin.signedInAs': 'Signed in as {name} ({id})',
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
  'language.label': 'Language',
  'language.loadFailed':
    'The {language} text could not be loaded, so the page stays in {current}. Choose it again to retry.',

  // Time-in-state limits and the large-team table.
  'team.searchHint':
    'Finds any agent on the team. Large teams show only the rows near the screen, so the browser’s own find (Ctrl+F) sees only those: search here instead.',
  'limits.col': 'Limit',
  'limits.cellLimit': '{minutes} min',
  'limits.cellOver': 'Over limit by {duration}',
  'limits.overCount': '{count, plural, one {# over limit} other {# over limit}}',
  'limits.crossedOne': '{name} is now over the time-in-state limit.',
  'limits.crossedMany':
    '{count, plural, one {# agent is} other {# agents are}} now over their time-in-state limit: {names}.',
  'limits.crossedMore':
    '{count, plural, one {# agent is} other {# agents are}} now over their time-in-state limit: {names} and {more} more.',
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
  'limits.saved':
    'Time-in-state limits saved: {count, plural, =0 {none set} one {# limit set} other {# limits set}}.',
  'limits.notStored':
    'The limits apply on this page, but this browser refused to keep them for next time.',
  'node.down': 'Finesse {host} is not answering.',
  'node.out': 'Finesse {host} is out of service.',
  'node.checking': 'Checking whether {other} is in service…',
  'node.otherIn': '{other} is in service.',
  'node.otherOut': '{other} is not in service either.',
  'node.otherUnchecked': 'Whether {other} is in service could not be checked from this page.',
  'node.continue': 'Continue on {other}',
  'node.signInPassword': 'You sign in again there with your password; your user ID is filled in.',
  'node.signInSso': 'You sign in again there with single sign-on; your user ID is filled in.',
  'node.arrived':
    'You came here from Finesse {host}, which was not answering. Sign in to carry on on this server.',

  // Bulk actions, the team at a glance, the CSV of the view (issue 18).
  'bulk.toolbar': 'Selection and bulk actions for {team}',
  'bulk.inTeam': '{control} – {team}',
  'bulk.selectAgent': 'Select {name}',
  'bulk.selected': 'Selected: {count}',
  'bulk.selectShown': 'Select all in the table ({count})',
  'bulk.clear': 'Clear selection',
  'bulk.hint':
    'Tick agents (or select all in the table) to change many at once; Escape clears the selection.',
  'bulk.forSelected': '{action} for the selected agents',
  'bulk.confirmHeading': '{action} for the selected agents of {team}?',
  'bulk.willChange': 'Will change: {count}',
  'bulk.afterCall': 'On a call: {count}. Finesse will sign them out after the call.',
  'bulk.notShown': 'Not shown by the current filter or search: {count}. They change too.',
  'bulk.skipped': 'Skipped: {count}',
  'bulk.skip.already': 'Already {state}: {count}',
  'bulk.skip.pending': '{target} already pending after the call: {count}',
  'bulk.skip.busy': 'A change already on its way: {count}',
  'bulk.skip.notFrom': '{state}, which Finesse does not change to {target}: {count}',
  'bulk.skip.self': 'You (use My state): {count}',
  'bulk.nothingToDo': 'None of the selected agents can be changed to {target}.',
  'bulk.confirm': '{action} now ({count})',
  'bulk.cancel': 'Cancel',
  'bulk.queued': '{target} waiting its turn',
  'bulk.summary':
    '{action}: {confirmed} confirmed, {pending} waiting for Finesse, {refused} refused, {notSent} not sent.',
  'bulk.seeRows': 'See the rows for each refusal.',
  'bulk.waiting': 'Finesse asked to wait: sending again at {time}.',
  'bulk.paused': 'Paused until Finesse is back in service.',
  'bulk.stop': 'Stop',
  'bulk.stopped': 'Stopped: nothing more is sent; what was sent stays sent.',
  'glance.show': '{counted} ({percent}), filter {team} to these',
  'csv.download': 'Download CSV',
  'csv.overLimit': 'Over limit',
} as const;
