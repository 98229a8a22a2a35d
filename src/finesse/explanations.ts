// Plain-language text for each ExplanationKey: what went wrong and what the agent or supervisor can do.
import type { ExplanationKey } from './errors.ts';

// Re-exported so the message catalogue can take keys and texts from one place.
export type { ExplanationKey };

export interface Explanation {
  title: string;
  action: string;
}

export const explanations: Record<ExplanationKey, Explanation> = {
  reasonRequired: {
    title: 'A reason is required for this change.',
    action: 'Pick a reason from the list and try again.',
  },
  reasonNotValid: {
    title: 'Finesse does not recognise the reason that was sent.',
    action:
      "The reason may have been removed or changed by an administrator, or the gadget sent the reason's code instead of its id (the number at the end of its uri). Reload the reasons and pick again; if it keeps failing, tell your administrator.",
  },
  reasonNotAllowed: {
    title: 'A reason cannot be sent with this change.',
    action:
      'Supervisors and administrator accounts cannot send a reason code when changing another user\'s state: Finesse records its own "Supervisor Initiated" reason. Try again without a reason; if it keeps failing, tell your administrator.',
  },
  invalidState: {
    title: 'That change is not possible from the current state.',
    action:
      'The state may have changed in the meantime. Wait for the state shown to update, then choose again.',
  },
  stateMissing: {
    title: 'The request did not say which state to change to.',
    action:
      'Try again. If it keeps happening, tell your administrator: the gadget sent an incomplete request.',
  },
  stateInvalidValue: {
    title: 'Finesse does not know the state that was requested.',
    action:
      'Try again. If it keeps happening, tell your administrator: the gadget sent an unknown state.',
  },
  authorizationFailure: {
    title: 'Finesse did not accept your sign-in.',
    action:
      'Sign in again. If your password was changed or your account is locked, contact your administrator.',
  },
  tooLarge: {
    title: 'Finesse sent a far larger answer than it ever should, so it was not read.',
    action:
      'Nothing was changed. Try again; if it keeps happening, tell your administrator: the server or something between it and you is sending too much.',
  },
  forbidden: {
    title: 'Finesse accepted your sign-in but does not permit this.',
    action:
      'Your account or role is not allowed to do it. Ask your administrator if you think it should be.',
  },
  tooManyRequests: {
    title: 'Finesse is busy and asked for fewer requests.',
    action: 'Nothing was changed. The page tries again by itself after the wait Finesse asked for.',
  },
  desktopSignInExpired: {
    title: 'Finesse no longer accepts your desktop sign-in.',
    action:
      'Your password may have been changed or your session has expired. Sign out of the Finesse desktop and sign in again; if it keeps happening, contact your administrator.',
  },
  wrongUser: {
    title: 'You are signed in as a different user from the one you tried to change.',
    action: 'Sign out and sign in with your own account, or reload the page.',
  },
  invalidSupervisor: {
    title: 'You do not supervise this agent.',
    action:
      "Only supervisors of the agent's team can change their state. Reload the team list; if the agent should be on your team, tell your administrator.",
  },
  notFound: {
    title: 'Finesse could not find this user or team.',
    action:
      'It may have been removed or renamed. Reload the page; if it keeps happening, tell your administrator.',
  },
  serverError: {
    title: 'Finesse had an internal problem and could not complete the request.',
    action: 'Try again in a moment. If it keeps happening, tell your administrator.',
  },
  outOfService: {
    title: 'Finesse is not in service right now.',
    action: 'Finesse is starting up or failing over to another server. Try again in a few seconds.',
  },
  workModeConflict: {
    title: 'Only one pending Not Ready is allowed per call.',
    action:
      'A change is already waiting for this call to end. Wait until the call ends, then choose again.',
  },
  resourceBusy: {
    title: 'The phone is busy, so the change cannot be queued.',
    action: 'Wait until the call ends, then try again.',
  },
  timeout: {
    title: 'Finesse did not answer in time.',
    action:
      'Check your network connection. The change may or may not have been made: the state shown will update, so check it before trying again.',
  },
  network: {
    title: 'Finesse could not be reached.',
    action:
      'Check your network connection and try again. Nothing was changed, or it may have been if the connection dropped mid-way: the state shown will update.',
  },
  badResponse: {
    title: 'Finesse sent an answer the gadget could not read.',
    action:
      'Reload the page and try again. If it keeps happening, tell your administrator; the answer may come from a proxy or sign-in page instead of Finesse.',
  },
  generic: {
    title: 'Finesse refused the request.',
    action:
      'Try again. If it keeps happening, tell your administrator and mention the details shown.',
  },
};
