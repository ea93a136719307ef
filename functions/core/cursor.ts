// Opaque, tamper-evident list cursors: the last evaluated key plus an HMAC bound to the list it came from,
// so a forged cursor, or one carried over from another list, is a 400 rather than a read of someone else's keys.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { BadCursorError } from './errors';

type Key = Record<string, unknown>;

function sign(secret: string, scope: string, payload: string): string {
  return createHmac('sha256', secret).update(`cursor\n${scope}\n${payload}`).digest('base64url').slice(0, 22);
}

export function encodeCursor(secret: string, scope: string, key: Key | undefined): string | null {
  if (!key) return null;
  const payload = Buffer.from(JSON.stringify(key)).toString('base64url');
  return `${payload}.${sign(secret, scope, payload)}`;
}

export function decodeCursor(secret: string, scope: string, cursor: string | undefined): Key | undefined {
  if (cursor === undefined) return undefined;
  const [payload, mac, extra] = cursor.split('.');
  if (!payload || !mac || extra !== undefined) throw new BadCursorError();
  const expected = Buffer.from(sign(secret, scope, payload));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new BadCursorError();
  try {
    const key = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
    if (!key || typeof key !== 'object' || Array.isArray(key)) throw new Error('not an object');
    return key as Key;
  } catch {
    throw new BadCursorError();
  }
}
