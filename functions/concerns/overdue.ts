// The open concerns past their deadline, read apart from concerns.repository: the overdue digest imports only this,
// so its IAM role holds the reads it makes and none of the repository's writes.
import { queryPage, type Page } from '../core/pagination';
import { concernKeys, toConcernRecord, type ConcernRecord } from './concern.entity';

/** A page of the open concerns of every station due before `before` (epoch ms), the longest overdue first. */
export function listOpenDueBefore(before: number, limit: number, cursor?: string): Promise<Page<ConcernRecord>> {
  return queryPage({ index: 'gsi4', pk: concernKeys.openByDue, skBetween: [0, before - 1], limit, cursor }, toConcernRecord);
}
