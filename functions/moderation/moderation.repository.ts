// The moderation queue: one Query on gsi3 for a township, or a key prefix of it for a village or branch.
import { queryPage, type Page } from '../core/pagination';

/** Raw items (ideas, reflections, concerns): the service converts each by its `entity`. Oldest first: a queue. */
export function listQueue(scope: { pk: string; prefix: string }, limit: number, cursor?: string): Promise<Page<Record<string, unknown>>> {
  return queryPage({ index: 'gsi3', pk: scope.pk, skPrefix: scope.prefix || undefined, limit, cursor }, (raw) => raw);
}
