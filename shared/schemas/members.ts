// Administration of a branch's people: grants per org, the roster with 入党日期 and status, transfers and leaving.
import * as z from 'zod/mini';
import { DateString, DateTimeString, Id } from './common';
import { InvitableRole } from './people';
import { lazy, type Infer } from './lazy';

/** 正式党员 / 预备党员. */
export const PartyStatus = lazy(() => z.enum(['full', 'probationary']));
export type PartyStatus = Infer<typeof PartyStatus>;

export const OrgGrant = lazy(() => z.object({
  userId: Id(),
  displayName: z.string(),
  role: InvitableRole(),
  orgId: Id(),
  grantedAt: DateTimeString(),
}));
export type OrgGrant = Infer<typeof OrgGrant>;

export const AddGrantBody = lazy(() => z.strictObject({ userId: Id(), role: InvitableRole() }));

/** `?confirm=true` repeats a revocation that asked for confirmation (the last secretary of a branch). */
export const RevokeGrantQuery = lazy(() => z.object({ confirm: z.optional(z.enum(['true', 'false'])) }));

export const RosterMember = lazy(() => z.object({
  userId: Id(),
  displayName: z.string(),
  phoneMasked: z.optional(z.string()),
  joinedPartyOn: z.optional(DateString()),
  partyStatus: z.optional(PartyStatus()),
  /** When they joined this branch (their member grant). */
  joinedBranchAt: DateTimeString(),
  /** 绑定微信: whether someone can log in to this profile (an imported member cannot, until they redeem a binding invitation). */
  wechatBound: z.boolean(),
}));
export type RosterMember = Infer<typeof RosterMember>;

export const UpdateMemberBody = lazy(() => z.strictObject({ joinedPartyOn: z.optional(z.nullable(DateString())), partyStatus: z.optional(PartyStatus()) }).check(
  z.refine((b) => b.joinedPartyOn !== undefined || b.partyStatus !== undefined, '请至少修改一项'),
));
export type UpdateMemberBody = Infer<typeof UpdateMemberBody>;

export const TRANSFER_STATUSES = ['pending', 'accepted', 'declined'] as const;
export const Transfer = lazy(() => z.object({
  id: Id(),
  userId: Id(),
  displayName: z.string(),
  fromBranchId: Id(),
  fromBranchName: z.string(),
  toBranchId: Id(),
  toBranchName: z.string(),
  note: z.optional(z.string()),
  status: z.enum(TRANSFER_STATUSES),
  requestedBy: Id(),
  requestedAt: DateTimeString(),
  decidedBy: z.optional(Id()),
  decidedAt: z.optional(DateTimeString()),
}));
export type Transfer = Infer<typeof Transfer>;

export const RequestTransferBody = lazy(() => z.strictObject({
  toBranchId: Id(),
  note: z.optional(z.string().check(z.trim(), z.maxLength(200, '说明最多 200 个字'))),
}));

export const DecideTransferBody = lazy(() => z.strictObject({ decision: z.enum(['accept', 'decline']) }));

/** A branch's pending transfers: members asked to move here, and members this branch asked to move away. */
export const BranchTransfers = lazy(() => z.object({ incoming: z.array(Transfer()), outgoing: z.array(Transfer()) }));
