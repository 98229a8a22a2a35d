// Finesse resource paths and notification nodes: the one place they are spelled (the guide's
// "Notification Node" of each resource is its REST path).

export const API_ROOT = '/finesse/api';

const segment = (value: string): string => encodeURIComponent(value);

/** `/finesse/api/User/{id}`: the user's resource, and the node of their own Updates. */
export const userPath = (userId: string): string => `${API_ROOT}/User/${segment(userId)}`;

/** `/finesse/api/Team/{id}`: a team's resource. */
export const teamPath = (teamId: string): string => `${API_ROOT}/Team/${segment(teamId)}`;

/** `/finesse/api/Team/{id}/Users`: the node of a team's member Updates (explicit subscription). */
export const teamUsersNode = (teamId: string): string => `${teamPath(teamId)}/Users`;

/** `/finesse/api/SystemInfo`: the resource, and the node of its Updates (every user is subscribed). */
export const SYSTEM_INFO_PATH = `${API_ROOT}/SystemInfo`;
