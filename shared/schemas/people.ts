import * as z from 'zod';
import { DateString, DateTimeString, Id, PhoneNumber, Role } from './common';

export const Grant = z.object({ role: Role, orgId: Id });
export type Grant = z.infer<typeof Grant>;

export const User = z.object({
  id: Id,
  displayName: z.string(),
  grants: z.array(Grant),
  villageId: Id.optional(),
  joinedPartyOn: DateString.optional(),
  phoneMasked: z.string().optional(),
});
export type User = z.infer<typeof User>;

export const DisplayName = z.string().trim().min(1, '昵称不能为空').max(20, '昵称最多 20 个字');

export const UpdateMeBody = z.strictObject({
  displayName: DisplayName.optional(),
  villageId: Id.nullable().optional(),
  phone: PhoneNumber.nullable().optional(),
  joinedPartyOn: DateString.nullable().optional(),
});
export type UpdateMeBody = z.infer<typeof UpdateMeBody>;

export const WechatLoginBody = z.strictObject({ code: z.string().min(1, '缺少登录凭证').max(128) });
export const DevLoginBody = z.strictObject({
  openid: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'openid 格式不正确'),
  displayName: DisplayName.optional(),
});
export const AuthResponse = z.object({ token: z.string(), user: User });
export type AuthResponse = z.infer<typeof AuthResponse>;

export const HealthResponse = z.object({ status: z.literal('ok'), db: z.literal('ok') });

/** Roles an invitation can hand out (residents need none). */
export const InvitableRole = z.enum(['member', 'secretary', 'official', 'township_admin', 'admin']);
export const CreateInvitationBody = z.strictObject({
  role: InvitableRole,
  orgId: Id,
  maxUses: z.number().int().min(1).max(500).optional(),
  expiresAt: DateTimeString.optional(),
  /**
   * A personal binding invitation (role member, one use): redeeming it binds the caller's WeChat to this member's
   * profile (one not bound yet, e.g. imported), and the app continues as that profile.
   */
  bindUserId: Id.optional(),
});
export const Invitation = z.object({
  code: z.string(),
  role: InvitableRole,
  orgId: Id,
  maxUses: z.number().int(),
  expiresAt: z.string(),
  uses: z.number().int().optional(),
  createdAt: z.string().optional(),
  revokedAt: z.string().optional(),
  bindUserId: Id.optional(),
});
export type Invitation = z.infer<typeof Invitation>;
export const InvitationCode = z.string().regex(/^[A-Z0-9]{4,16}$/, '邀请码格式不正确');
export const RedeemInvitationBody = z.strictObject({ joinedPartyOn: DateString.optional() });
/** The caller after redeeming. A binding invitation makes them another user: `token` is then that user's session. */
export const RedeemResult = User.extend({ token: z.string().optional() });
export type RedeemResult = z.infer<typeof RedeemResult>;

// Orgs and stations live in ./orgs; their types re-exported so existing imports keep working (types only: a function
// that needs no org schema does not load it).
export type { Org, Station } from './orgs';
