// 局长驻点 rules, apart from the schemas so that code needing only the numbers does not build every zod schema.
/** The booking rules, shared so the miniapp can explain them with the same numbers the API enforces. */
export const BOOKING_RULES = {
  /** Bookings of one resident whose slot has not started yet. */
  maxUpcoming: 3,
  /** No booking in the last half hour before a slot starts. */
  minLeadMinutes: 30,
  /** Neither sessions nor bookings further ahead than this. */
  maxAheadDays: 60,
  maxSessionHours: 12,
  maxSlotsPerSession: 48,
  slotMinutes: { min: 5, max: 240 },
  seatsPerSlot: { min: 1, max: 50 },
} as const;
