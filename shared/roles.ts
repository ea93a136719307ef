// Who may do what: the one table of role sets, read by the functions' policy checks and by the mini-program to decide
// what to show. A grant {role, orgId} covers orgId and everything below it (see functions/core/policy.ts).
import type { Role } from './schemas/common';

type RoleSet = readonly Role[];

/** Staff above a branch or a station: township admins for their subtree, admins for everything. */
const STAFF = ['township_admin', 'admin'] as const satisfies RoleSet;

export const ROLE_SETS = {
  /** Township staff: assessments, guidance, concern moderation, administration of their subtree. */
  staff: STAFF,
  /** Belong to a branch: its members and secretary. */
  branchPeople: ['member', 'secretary'],
  /** Take part in a branch's days and ideas (RSVP, check-in, reflections, support, reports): its members (a secretary is one: IMPLIED_ROLES). */
  branchMembers: ['member'],
  /** Read a branch's internal records (ideas, drafts, attendance): its people, and staff above it. */
  branchReaders: ['member', 'secretary', ...STAFF],
  /** Lead a branch's day-to-day work (theme days, answers, check-in): its secretary only. */
  branchLeaders: ['secretary'],
  /** Moderate branch content (ideas, reflections), see everything of a branch, publish its notices. */
  branchModerators: ['secretary', ...STAFF],
  /**
   * Moderate concerns: township staff only. Not the station's officials: they handle the concern, and a concern may be
   * about them, so judging its content is left to the township.
   */
  concernModerators: STAFF,
  /** Run a station: its sessions, bookings and concern queue. */
  stationManagers: ['official', ...STAFF],
  /** The station's own officials (an official grant names the station itself). */
  stationOfficials: ['official'],
  /**
   * 联系群众: see a resident's phone number on a concern or booking of the station: its own officials only. Staff above
   * the station handle its queue but do not call residents, so fewer people ever see a number.
   */
  residentContacts: ['official'],
  /** Admins of the whole deployment: what concerns no one org, such as messages the outbox gave up on. */
  admins: ['admin'],
  /** Township admins (their grant names the township). */
  townshipAdmins: ['township_admin'],
  /** Read a branch's or an org's assessments: staff above it, and a branch's own secretary (branch only). */
  assessmentReaders: STAFF,
  /** Publish notices on any org of their subtree. */
  noticePublishers: STAFF,
  /** See an org's grants: staff over it, and a branch's secretary (who manages its member grants). */
  grantReaders: ['secretary', ...STAFF],
  /** Read a branch's dues register (集中交纳党费): its secretary, who keeps it, and staff above it. */
  duesReaders: ['secretary', ...STAFF],
} as const satisfies Record<string, RoleSet>;

export type RoleSetName = keyof typeof ROLE_SETS;

/**
 * A grant that brings another on the same org with it: a branch's secretary is a member of the branch, so they are on
 * its roster, expected at its theme days, in its dues and birthdays. Every write of a grant adds the implied one
 * (keeping an existing one's date); counts read member grants only, so nobody is counted twice.
 */
export const IMPLIED_ROLES = { secretary: 'member' } as const satisfies Partial<Record<Role, Role>>;

/** The role a grant of `role` brings with it on the same org, if any. */
export const impliedRole = (role: Role): Role | undefined => (IMPLIED_ROLES as Partial<Record<Role, Role>>)[role];

/** The roles whose grant brings a grant of `role` with it (a member grant: the secretary's). */
export const rolesImplying = (role: Role): Role[] => (Object.keys(IMPLIED_ROLES) as Role[]).filter((r) => impliedRole(r) === role);

/** The grants with the ones they imply, without repeats. */
export function withImpliedGrants<G extends { role: Role; orgId: string }>(grants: readonly G[]): { role: Role; orgId: string }[] {
  const all = grants.flatMap((g) => {
    const implied = impliedRole(g.role);
    return implied ? [{ role: g.role, orgId: g.orgId }, { role: implied, orgId: g.orgId }] : [{ role: g.role, orgId: g.orgId }];
  });
  return all.filter((g, i) => all.findIndex((o) => o.role === g.role && o.orgId === g.orgId) === i);
}

/** Which roles may invite whom, and to what kind of org. */
export const INVITATION_RULES = {
  member: { inviters: ['secretary', ...STAFF], target: 'branch' },
  secretary: { inviters: STAFF, target: 'branch' },
  official: { inviters: STAFF, target: 'station' },
  /** Township staff invite their colleagues to their own township (a township admin's subtree includes it). */
  township_admin: { inviters: STAFF, target: 'township' },
  admin: { inviters: ['admin'], target: 'city' },
} as const satisfies Partial<Record<Role, { inviters: RoleSet; target: 'branch' | 'station' | 'township' | 'city' }>>;

/** The org ids on which a user holds any of the roles, without repeats. */
export function grantOrgIds(user: { grants: readonly { role: Role; orgId: string }[] } | null | undefined, roles: RoleSet): string[] {
  return [...new Set((user?.grants ?? []).filter((g) => roles.includes(g.role)).map((g) => g.orgId))];
}

/** Whether a user holds any of the roles anywhere. */
export const holdsAnywhere = (user: { grants: readonly { role: Role }[] } | null | undefined, roles: RoleSet): boolean =>
  !!user?.grants.some((g) => roles.includes(g.role));
