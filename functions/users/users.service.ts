import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { UpdateMeBody, User } from '@shared/schemas/people';
import { shanghaiDate } from '@shared/time';
import { UnauthenticatedError, ValidationError } from '../core/errors';
import { encryptPhone, maskPhone } from '../core/phone';
import type { Principal } from '../core/policy';
import { secrets } from '../core/secrets';
import { eraseTracesOf } from '../me/account-erasure';
import { getOrg } from '../orgs/orgs.repository';
import { eraseUser, loadPrincipal, updateProfile, type ProfileChanges } from './users.repository';

export async function updateMe(principal: Principal, body: UpdateMeBody): Promise<User> {
  const changes: ProfileChanges = {
    displayName: body.displayName,
    villageId: body.villageId,
    joinedPartyOn: body.joinedPartyOn,
  };
  if (body.villageId) {
    const org = await getOrg(body.villageId);
    if (org?.type !== 'village') {
      throw new ValidationError('所选村（社区）不存在', [{ path: 'villageId', message: '不是有效的村（社区）' }]);
    }
  }
  if (body.joinedPartyOn && body.joinedPartyOn > shanghaiDate()) {
    throw new ValidationError('入党日期不能晚于今天', [{ path: 'joinedPartyOn', message: '不能晚于今天' }]);
  }
  if (body.phone !== undefined) {
    changes.phone = body.phone === null ? null : { enc: encryptPhone((await secrets()).phoneKey, body.phone), masked: maskPhone(body.phone) };
  }
  try {
    await updateProfile(principal.userId, changes);
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) throw new UnauthenticatedError('账号已注销');
    throw err;
  }
  const fresh = await loadPrincipal(principal.userId);
  if (!fresh) throw new UnauthenticatedError('账号已注销');
  return fresh.user;
}

export async function deleteMe(principal: Principal): Promise<void> {
  // Phones and names the user left on bookings and concerns go; the records themselves stay. Erased first, so a
  // failure leaves the account in place for the user to try again.
  await eraseTracesOf(principal.userId);
  await eraseUser(principal.userId);
}
