import * as z from 'zod/mini';
import { DateString, DateTimeString, Id, PhoneNumber, Role } from './common';
import { lazy, type Infer } from './lazy';

export const Grant = lazy(() => z.object({ role: Role(), orgId: Id() }));
export type Grant = Infer<typeof Grant>;

export const User = lazy(() => z.object({
  id: Id(),
  displayName: z.string(),
  grants: z.array(Grant()),
  villageId: z.optional(Id()),
  joinedPartyOn: z.optional(DateString()),
  phoneMasked: z.optional(z.string()),
}));
export type User = Infer<typeof User>;

export const DisplayName = lazy(() => z.string().check(z.trim(), z.minLength(1, '昵称不能为空'), z.maxLength(20, '昵称最多 20 个字')));

export const UpdateMeBody = lazy(() => z.strictObject({
  displayName: z.optional(DisplayName()),
  villageId: z.optional(z.nullable(Id())),
  phone: z.optional(z.nullable(PhoneNumber())),
  joinedPartyOn: z.optional(z.nullable(DateString())),
}));
export type UpdateMeBody = Infer<typeof UpdateMeBody>;

export const WechatLoginBody = lazy(() => z.strictObject({ code: z.string().check(z.minLength(1, '缺少登录凭证'), z.maxLength(128)) }));
export const DevLoginBody = lazy(() => z.strictObject({
  openid: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'openid 格式不正确')),
  displayName: z.optional(DisplayName()),
}));
export const AuthResponse = lazy(() => z.object({ token: z.string(), user: User() }));
export type AuthResponse = Infer<typeof AuthResponse>;

export const HealthResponse = lazy(() => z.object({ status: z.literal('ok'), db: z.literal('ok') }));

/** Roles an invitation can hand out (residents need none). */
export const InvitableRole = lazy(() => z.enum(['member', 'secretary', 'official', 'township_admin', 'admin']));
export const CreateInvitationBody = lazy(() => z.strictObject({
  role: InvitableRole(),
  orgId: Id(),
  maxUses: z.optional(z.number().check(z.int(), z.gte(1), z.lte(500))),
  expiresAt: z.optional(DateTimeString()),
  /**
   * A personal binding invitation (role member, one use): redeeming it binds the caller's WeChat to this member's
   * profile (one not bound yet, e.g. imported), and the app continues as that profile.
   */
  bindUserId: z.optional(Id()),
}));
export const Invitation = lazy(() => z.object({
  code: z.string(),
  role: InvitableRole(),
  orgId: Id(),
  maxUses: z.number().check(z.int()),
  expiresAt: z.string(),
  uses: z.optional(z.number().check(z.int())),
  createdAt: z.optional(z.string()),
  revokedAt: z.optional(z.string()),
  bindUserId: z.optional(Id()),
}));
export type Invitation = Infer<typeof Invitation>;
export const InvitationCode = lazy(() => z.string().check(z.regex(/^[A-Z0-9]{4,16}$/, '邀请码格式不正确')));
export const RedeemInvitationBody = lazy(() => z.strictObject({ joinedPartyOn: z.optional(DateString()) }));
/** The caller after redeeming. A binding invitation makes them another user: `token` is then that user's session. */
export const RedeemResult = lazy(() => z.extend(User(), { token: z.optional(z.string()) }));
export type RedeemResult = Infer<typeof RedeemResult>;

// Orgs and stations live in ./orgs; their types re-exported so existing imports keep working (types only: a function
// that needs no org schema does not load it).
export type { Org, Station } from './orgs';
