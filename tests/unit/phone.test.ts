import { randomBytes } from 'node:crypto';
import { decryptPhone, encryptPhone, maskPhone } from '../../functions/core/phone';

const key = randomBytes(32);

describe('phone numbers', () => {
  it('are masked as 138****5678', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('encrypt to a different ciphertext each time and decrypt back', () => {
    const a = encryptPhone(key, '13812345678');
    const b = encryptPhone(key, '13812345678');
    expect(a).not.toBe(b);
    expect(a).not.toContain('13812345678');
    expect(decryptPhone(key, a)).toBe('13812345678');
  });

  it('refuse to decrypt a tampered ciphertext or with the wrong key', () => {
    const sealed = encryptPhone(key, '13812345678');
    const parts = sealed.split('.');
    const data = Buffer.from(parts[3], 'base64url');
    data[0] ^= 1;
    const tampered = [...parts.slice(0, 3), data.toString('base64url')].join('.');
    expect(() => decryptPhone(key, tampered)).toThrow();
    expect(() => decryptPhone(randomBytes(32), sealed)).toThrow();
  });
});
