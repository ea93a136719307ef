// The signed-in user (grants, village, name), fetched once and shared by the pages. Changes made through
// `updateMe` and `redeemInvitation` replace the cached user, so every page sees new grants at once.
import type { RedeemResult, User } from '@shared/schemas/people';
import type { RouteBody } from '@shared/routes';
import { api } from '../api/client';
import { getToken, setToken } from '../api/session';

let cache: { token: string; user: Promise<User> } | null = null;

function keep(token: string, user: Promise<User>): Promise<User> {
  cache = { token, user };
  user.catch(() => {
    if (cache?.user === user) cache = null; // ask again next time
  });
  return user;
}

/** null when nobody is logged in; rejects with an ApiError when /v1/me fails. `fresh` asks the API again. */
export function loadMe(fresh = false): Promise<User | null> {
  const token = getToken();
  if (!token) {
    cache = null;
    return Promise.resolve(null);
  }
  if (!cache || cache.token !== token || fresh) return keep(token, api('getMe'));
  return cache.user;
}

/** Runs a call that answers with the user, and caches that answer (unless the session changed meanwhile). */
async function replacing(call: () => Promise<User>): Promise<User> {
  const token = getToken();
  const user = await call();
  if (token && getToken() === token) keep(token, Promise.resolve(user));
  return user;
}

/** Changes the profile. */
export const updateMe = (body: RouteBody<'updateMe'>): Promise<User> => replacing(() => api('updateMe', { body }));

/**
 * Redeems an invitation code: the new grant shows on every page. A binding code makes the caller the member's
 * profile: its token replaces the session (the old account is gone). `bound` says which happened.
 */
export async function redeemInvitation(code: string): Promise<{ user: User; bound: boolean }> {
  const token = getToken();
  const { token: boundToken, ...user }: RedeemResult = await api('redeemInvitation', { params: { code }, body: {} });
  if (boundToken) {
    setToken(boundToken);
    keep(boundToken, Promise.resolve(user));
  } else if (token && getToken() === token) keep(token, Promise.resolve(user));
  return { user, bound: Boolean(boundToken) };
}
