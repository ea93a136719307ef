// The signed-in user for the 主题党日 pages (which branch, secretary or not), fetched once and shared by the pages.
import type { User } from '@shared/schemas/people';
import { api } from '../api/client';
import { getToken } from '../api/session';

let cache: { token: string; user: Promise<User> } | null = null;

/** null when nobody is logged in; rejects with an ApiError when /v1/me fails. `fresh` asks the API again. */
export function loadMe(fresh = false): Promise<User | null> {
  const token = getToken();
  if (!token) {
    cache = null;
    return Promise.resolve(null);
  }
  if (!cache || cache.token !== token || fresh) {
    const user = api('getMe');
    cache = { token, user };
    user.catch(() => {
      if (cache?.user === user) cache = null; // ask again next time
    });
  }
  return cache.user;
}
