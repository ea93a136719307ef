import { decodeCursor, encodeCursor } from '../../functions/core/cursor';
import { BadCursorError } from '../../functions/core/errors';
import { orgKeys } from '../../functions/orgs/org.entity';
import { userKeys } from '../../functions/users/user.entity';

const secret = 'unit-test-secret-unit-test-secret';
const key = { pk: orgKeys.children('huzhou'), sk: 'county#安吉县#anji' };

describe('list cursors', () => {
  it('round-trip the last evaluated key for the same list', () => {
    const cursor = encodeCursor(secret, 'list-a', key)!;
    // Keys hold '#', which base64url never does: the key is not readable in the cursor.
    expect(cursor).not.toContain('#');
    expect(decodeCursor(secret, 'list-a', cursor)).toEqual(key);
  });

  it('are null at the end of a list', () => {
    expect(encodeCursor(secret, 'list-a', undefined)).toBeNull();
  });

  it.each([
    ['another list', (c: string) => ({ scope: 'list-b', cursor: c })],
    ['an edited payload', (c: string) => ({ scope: 'list-a', cursor: `${Buffer.from(JSON.stringify({ pk: userKeys.profile('x').pk })).toString('base64url')}.${c.split('.')[1]}` })],
    ['a changed signature', (c: string) => ({ scope: 'list-a', cursor: `${c.split('.')[0]}.${'A'.repeat(22)}` })],
    ['no signature', (c: string) => ({ scope: 'list-a', cursor: c.split('.')[0] })],
    ['extra parts', (c: string) => ({ scope: 'list-a', cursor: `${c}.x` })],
  ])('are refused when taken to %s', (_what, tamper) => {
    const { scope, cursor } = tamper(encodeCursor(secret, 'list-a', key)!);
    expect(() => decodeCursor(secret, scope, cursor)).toThrow(BadCursorError);
  });

  it('are refused when signed with another secret', () => {
    const cursor = encodeCursor('another-secret-another-secret-xx', 'list-a', key)!;
    expect(() => decodeCursor(secret, 'list-a', cursor)).toThrow(BadCursorError);
  });
});
