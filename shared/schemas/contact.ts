// 联系群众: what an official gets when revealing a resident's phone number (each reveal is recorded).
import * as z from 'zod/mini';
import { DateTimeString, PhoneNumber } from './common';
import { lazy, type Infer } from './lazy';

export const PhoneReveal = lazy(() => z.object({
  phone: PhoneNumber(),
  /** When the reveal was recorded in the audit log. */
  revealedAt: DateTimeString(),
}));
export type PhoneReveal = Infer<typeof PhoneReveal>;
