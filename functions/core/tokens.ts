// Session tokens are our own JWTs (HS256); WeChat's session_key never leaves the server and is not even kept.
import { SignJWT, jwtVerify } from 'jose';
import { config } from './config';
import { secrets } from './secrets';

const ISSUER = 'pioneer-station';

async function key(): Promise<Uint8Array> {
  return new TextEncoder().encode((await secrets()).jwtSecret);
}

export async function issueToken(userId: string): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuer(ISSUER)
    .setAudience(config.stage)
    .setIssuedAt()
    .setExpirationTime(`${config.tokenTtlSeconds}s`)
    .sign(await key());
}

/** The user id a valid token names, or undefined for any invalid, expired or foreign token. */
export async function verifyToken(token: string): Promise<string | undefined> {
  try {
    const { payload } = await jwtVerify(token, await key(), {
      issuer: ISSUER,
      audience: config.stage,
      algorithms: ['HS256'],
    });
    return typeof payload.sub === 'string' ? payload.sub : undefined;
  } catch {
    return undefined;
  }
}
