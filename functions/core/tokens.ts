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

// Tokens this container has verified, until they expire: a user's taps reuse one container, so most requests skip
// the HMAC check. Bounded; the oldest entry goes first. (Deleted users are still refused: the principal is loaded.)
const verified = new Map<string, { userId: string; expiresAtMs: number }>();
const MAX_VERIFIED = 1000;

/** The user id a valid token names, or undefined for any invalid, expired or foreign token. */
export async function verifyToken(token: string): Promise<string | undefined> {
  const hit = verified.get(token);
  if (hit && hit.expiresAtMs > Date.now()) return hit.userId;
  if (hit) verified.delete(token);
  try {
    const { payload } = await jwtVerify(token, await key(), {
      issuer: ISSUER,
      audience: config.stage,
      algorithms: ['HS256'],
    });
    if (typeof payload.sub !== 'string') return undefined;
    if (typeof payload.exp === 'number') {
      if (verified.size >= MAX_VERIFIED) verified.delete(verified.keys().next().value!);
      verified.set(token, { userId: payload.sub, expiresAtMs: payload.exp * 1000 });
    }
    return payload.sub;
  } catch {
    return undefined;
  }
}
