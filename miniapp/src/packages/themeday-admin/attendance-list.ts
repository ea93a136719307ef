// Every attendance record of a theme day (the list route pages by 50).
import type { AttendanceRecord } from '@shared/schemas/themeday';
import { api } from '../../api/client';

const MAX_PAGES = 20;

export async function listAllAttendance(themeDayId: string): Promise<AttendanceRecord[]> {
  const all: AttendanceRecord[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page = await api('listAttendance', { params: { id: themeDayId }, query: { limit: 50, cursor } });
    all.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return all;
}
