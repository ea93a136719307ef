// Session tokens (functions/core/tokens.ts): what verifies and what never does. The environment is the local stage's,
// as the test run has it; the secret is read from it like any secret.
import { SignJWT } from 'jose';
import { issueToken, verifyToken } from '../../functions/core/tokens';

const secret = new TextEncoder().encode(process.env.JWT_SECRET!);
const claims = (sign: SignJWT) => sign.setSubject('u-forged').setIssuer('pioneer-station').setIssuedAt();

describe('session tokens', () => {
  it('verify as the user they were issued to, again and again', async () => {
    const token = await issueToken('u-1');

    expect(await verifyToken(token)).toBe('u-1');
    expect(await verifyToken(token)).toBe('u-1'); // from the container's cache
  });

  it('never verify when tampered with, expired, for another stage, unsigned or signed with another key', async () => {
    const stage = process.env.STAGE!;
    const genuine = await issueToken('u-2');
    const [header, payload] = genuine.split('.');
    const otherPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), sub: 'u-admin' })).toString('base64url');
    const refused = {
      tampered: `${header}.${otherPayload}.${genuine.split('.')[2]}`,
      expired: await claims(new SignJWT({}).setProtectedHeader({ alg: 'HS256' })).setAudience(stage).setExpirationTime(Math.floor(Date.now() / 1000) - 60).sign(secret),
      otherStage: await claims(new SignJWT({}).setProtectedHeader({ alg: 'HS256' })).setAudience('prod-elsewhere').setExpirationTime('1h').sign(secret),
      unsigned: `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`,
      otherKey: await claims(new SignJWT({}).setProtectedHeader({ alg: 'HS256' })).setAudience(stage).setExpirationTime('1h').sign(new TextEncoder().encode('k'.repeat(48))),
      garbage: 'not-a-token',
    };

    const answers = Object.fromEntries(await Promise.all(Object.entries(refused).map(async ([what, t]) => [what, await verifyToken(t)])));

    expect(answers).toEqual(Object.fromEntries(Object.keys(refused).map((what) => [what, undefined])));
    // The same claims with the right key do verify: each refusal is for the reason named, not for a malformed token.
    const valid = await claims(new SignJWT({}).setProtectedHeader({ alg: 'HS256' })).setAudience(stage).setExpirationTime('1h').sign(secret);
    expect(await verifyToken(valid)).toBe('u-forged');
  });
});
