// The one authorization policy. A grant {role, orgId} covers orgId and everything below it; every record that
// needs protecting carries its `path` (ancestor ids, root first, itself last), so a check is a set lookup.
import type { Grant, User } from '@shared/schemas/people';
import type { Role } from '@shared/schemas/common';
import { ForbiddenError, NotFoundError } from './errors';

export interface Principal {
  userId: string;
  grants: Grant[];
  user: User;
  /** WeChat openid, for server calls made on the user's behalf (content checks, messages). Never returned. */
  openid?: string;
}

export function holds(principal: Principal | undefined, roles: readonly Role[], scopePath: readonly string[]): boolean {
  if (!principal) return false;
  return principal.grants.some((g) => roles.includes(g.role) && scopePath.includes(g.orgId));
}

/**
 * How high the caller's authority over `scopePath` sits: the index in the path of the highest org where they hold one
 * of `roles` (0 = the root, so a smaller number is a higher level); undefined without one.
 */
export function authorityLevel(principal: Principal | undefined, roles: readonly Role[], scopePath: readonly string[]): number | undefined {
  const levels = (principal?.grants ?? []).filter((g) => roles.includes(g.role)).map((g) => scopePath.indexOf(g.orgId)).filter((i) => i >= 0);
  return levels.length ? Math.min(...levels) : undefined;
}

/** 403: the caller knows the record exists (e.g. a public org) but may not act on it. */
export function requireRole(principal: Principal | undefined, roles: readonly Role[], scopePath: readonly string[]): void {
  if (!holds(principal, roles, scopePath)) throw new ForbiddenError();
}

/** 404: for records whose very existence is private (someone's concern, a branch's draft). */
export function requireVisible(principal: Principal | undefined, roles: readonly Role[], scopePath: readonly string[]): void {
  if (!holds(principal, roles, scopePath)) throw new NotFoundError();
}

/**
 * Only holders of `roles` may act on the record. Who may see it (its owner, holders of `viewers`) learns that they may
 * not (403 with `forbidden`); to anyone else it does not exist (404 with `notFound`).
 */
export function requireActor(
  principal: Principal,
  roles: readonly Role[],
  scopePath: readonly string[],
  seenBy: { ownerId?: string; viewers: readonly Role[]; forbidden: string; notFound: string },
): void {
  if (holds(principal, roles, scopePath)) return;
  if (principal.userId === seenBy.ownerId || holds(principal, seenBy.viewers, scopePath)) throw new ForbiddenError(seenBy.forbidden);
  throw new NotFoundError(seenBy.notFound);
}
