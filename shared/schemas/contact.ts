// 联系群众: what an official gets when revealing a resident's phone number (each reveal is recorded).
import * as z from 'zod/mini';
import { DateTimeString, PhoneNumber } from './common';

export const PhoneReveal = z.object({
  phone: PhoneNumber,
  /** When the reveal was recorded in the audit log. */
  revealedAt: DateTimeString,
});
export type PhoneReveal = z.infer<typeof PhoneReveal>;
