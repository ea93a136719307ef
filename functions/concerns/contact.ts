// 联系群众 on a concern: the officials of the station now holding it see the resident's phone number.
import { ROLE_SETS } from '@shared/roles';
import type { PhoneReveal } from '@shared/schemas/contact';
import { revealPhone } from '../contact/phone-reveal';
import { NotFoundError } from '../core/errors';
import { requireActor, type Principal } from '../core/policy';
import { getConcern } from './concerns.repository';

export async function revealConcernPhone(principal: Principal, id: string): Promise<PhoneReveal> {
  const c = await getConcern(id);
  if (!c) throw new NotFoundError('事项不存在');
  // Its author and its handlers know it exists (403); to anyone else, a station it left included, it does not (404).
  requireActor(principal, ROLE_SETS.residentContacts, c.stationPath, {
    ownerId: c.authorId,
    viewers: ROLE_SETS.stationManagers,
    forbidden: '只有负责办理的驻点干部可以联系群众',
    notFound: '事项不存在',
  });
  return revealPhone(principal, { target: { kind: 'concern', id: c.id }, stationPath: c.stationPath, residentId: c.authorId, sealed: c.contactPhoneEnc });
}
