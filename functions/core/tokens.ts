// Session tokens are our own JWTs (HS256); WeChat's session_key never leaves the server and is not even kept.
import { SignJWT, jwtVerify } from 'jose';
import { config } from './config';
import { secrets } from './secrets';

const ISSUER = 'pioneer-station';

// The HMAC key, imported into WebCrypto once per secret: jose would import raw bytes again on every sign and verify,
// which is half the cost of a verification.
let imported: { secret: string; key: Promise<CryptoKey> } | undefined;
async function key(): Promise<CryptoKey> {
  const secret = (await secrets()).jwtSecret;
  if (imported?.secret !== secret) {
    const bytes = new TextEncoder().encode(secret);
    const key = crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    imported = { secret, key };
    key.catch(() => imported?.key === key && (imported = undefined)); // a failed import is tried again next time
  }
  return imported.key;
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
