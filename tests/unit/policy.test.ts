import { holds, requireRole, requireVisible, type Principal } from '../../functions/core/policy';
import { ForbiddenError, NotFoundError } from '../../functions/core/errors';

const principal = (grants: Principal['grants']): Principal => ({ userId: 'u', grants, user: { id: 'u', displayName: 'x', grants } });
const branchPath = ['huzhou', 'anji', 'tianhuangping', 'yucun', 'yucun-dzb'];

describe('authorization policy', () => {
  it('lets a grant cover its own node and everything below it', () => {
    const townshipAdmin = principal([{ role: 'township_admin', orgId: 'tianhuangping' }]);
    expect(holds(townshipAdmin, ['township_admin'], branchPath)).toBe(true);
    expect(holds(townshipAdmin, ['township_admin'], ['huzhou', 'anji', 'xilong', 'huangdu', 'huangdu-dzb'])).toBe(false);
    expect(holds(townshipAdmin, ['township_admin'], ['huzhou', 'anji'])).toBe(false); // not upwards
  });

  it('requires the role, not just any grant on the node', () => {
    const member = principal([{ role: 'member', orgId: 'yucun-dzb' }]);
    expect(holds(member, ['secretary'], branchPath)).toBe(false);
    expect(() => requireRole(member, ['secretary'], branchPath)).toThrow(ForbiddenError);
    expect(() => requireVisible(member, ['secretary'], branchPath)).toThrow(NotFoundError);
  });

  it('gives nothing to an anonymous caller', () => {
    expect(holds(undefined, ['resident', 'member', 'admin'], branchPath)).toBe(false);
  });
});
