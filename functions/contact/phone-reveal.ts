// 联系群众: an official of the responsible station sees the resident's phone number of a concern or a booking. The
// feature decides who may (concerns, bookings); this is the reveal itself: the day's quota counted and the audit
// entry written in one transaction, so a number is never shown unrecorded, nor recorded past the limit.
import type { PhoneReveal } from '@shared/schemas/contact';
import { auditPut } from '../audit/audit';
import { InvalidStateError } from '../core/errors';
import { decryptPhone } from '../core/phone';
import type { Principal } from '../core/policy';
import { secrets } from '../core/secrets';
import { transactWrite } from '../core/transact';
import { quotaSpendItem } from '../quotas/quota';
import { profilesById } from '../users/users.repository';

export interface RevealRequest {
  /** What the number belongs to: `{ kind: 'concern' | 'booking', id }`. */
  target: { kind: string; id: string };
  /** The responsible station's path (root first, the station last): the audit entry is filed under its org. */
  stationPath: string[];
  /** The resident the number belongs to. */
  residentId: string;
  /** The stored ciphertext; absent when the resident gave none or erased their account. */
  sealed?: string;
}

export async function revealPhone(official: Principal, r: RevealRequest): Promise<PhoneReveal> {
  if (!r.sealed) {
    const resident = (await profilesById([r.residentId])).get(r.residentId);
    throw new InvalidStateError(resident?.deletedAt ? '该群众已注销账号，电话号码已删除' : '该群众没有留下联系电话');
  }
  const quota = quotaSpendItem(official.userId, 'phoneReveal');
  // Filed under the station's org (a station's path is its org's path and then the station).
  const org = { id: r.stationPath.at(-2)!, path: r.stationPath.slice(0, -1) };
  const at = new Date().toISOString();
  const audit = auditPut(official, { action: 'phone.reveal', org, target: r.target, after: { stationId: r.stationPath.at(-1)! } }, at);
  const outcome = await transactWrite([quota.item, audit]);
  if (!outcome.committed) throw quota.refused();
  return { phone: decryptPhone((await secrets()).phoneKey, r.sealed), revealedAt: at };
}
