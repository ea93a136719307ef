import * as z from 'zod/mini';
import { DateString, DateTimeString, Id, PhoneNumber, Role } from './common';

export const Grant = z.object({ role: Role, orgId: Id });
export type Grant = z.infer<typeof Grant>;

export const User = z.object({
  id: Id,
  displayName: z.string(),
  grants: z.array(Grant),
  villageId: z.optional(Id),
  joinedPartyOn: z.optional(DateString),
  phoneMasked: z.optional(z.string()),
});
export type User = z.infer<typeof User>;

export const DisplayName = z.string().check(z.trim(), z.minLength(1, '昵称不能为空'), z.maxLength(20, '昵称最多 20 个字'));

export const UpdateMeBody = z.strictObject({
  displayName: z.optional(DisplayName),
  villageId: z.optional(z.nullable(Id)),
  phone: z.optional(z.nullable(PhoneNumber)),
  joinedPartyOn: z.optional(z.nullable(DateString)),
});
export type UpdateMeBody = z.infer<typeof UpdateMeBody>;

export const WechatLoginBody = z.strictObject({ code: z.string().check(z.minLength(1, '缺少登录凭证'), z.maxLength(128)) });
export const DevLoginBody = z.strictObject({
  openid: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'openid 格式不正确')),
  displayName: z.optional(DisplayName),
});
export const AuthResponse = z.object({ token: z.string(), user: User });
export type AuthResponse = z.infer<typeof AuthResponse>;

export const HealthResponse = z.object({ status: z.literal('ok'), db: z.literal('ok') });

/** Roles an invitation can hand out (residents need none). */
export const InvitableRole = z.enum(['member', 'secretary', 'official', 'township_admin', 'admin']);
export const CreateInvitationBody = z.strictObject({
  role: InvitableRole,
  orgId: Id,
  maxUses: z.optional(z.number().check(z.int(), z.gte(1), z.lte(500))),
  expiresAt: z.optional(DateTimeString),
  /**
   * A personal binding invitation (role member, one use): redeeming it binds the caller's WeChat to this member's
   * profile (one not bound yet, e.g. imported), and the app continues as that profile.
   */
  bindUserId: z.optional(Id),
});
export const Invitation = z.object({
  code: z.string(),
  role: InvitableRole,
  orgId: Id,
  maxUses: z.number().check(z.int()),
  expiresAt: z.string(),
  uses: z.optional(z.number().check(z.int())),
  createdAt: z.optional(z.string()),
  revokedAt: z.optional(z.string()),
  bindUserId: z.optional(Id),
});
export type Invitation = z.infer<typeof Invitation>;
export const InvitationCode = z.string().check(z.regex(/^[A-Z0-9]{4,16}$/, '邀请码格式不正确'));
export const RedeemInvitationBody = z.strictObject({ joinedPartyOn: z.optional(DateString) });
/** The caller after redeeming. A binding invitation makes them another user: `token` is then that user's session. */
export const RedeemResult = z.extend(User, { token: z.optional(z.string()) });
export type RedeemResult = z.infer<typeof RedeemResult>;

// Orgs and stations live in ./orgs; their types re-exported so existing imports keep working (types only: a function
// that needs no org schema does not load it).
export type { Org, Station } from './orgs';
