// Optimistic support / withdraw for ideas: the count changes at once and reverts when the API refuses.
import { useRef } from 'react';
import type { Idea } from '@shared/schemas/themeday';
import { api, showApiError } from '../../api/client';

type Patch = Pick<Idea, 'supportCount' | 'supportedByMe'>;

/** `update(id, patch)` applies a change to the idea shown; one request per idea at a time. */
export function useSupport(update: (id: string, patch: Patch) => void) {
  const pending = useRef(new Set<string>());

  return async (idea: Pick<Idea, 'id' | 'supportCount' | 'supportedByMe'>): Promise<void> => {
    if (pending.current.has(idea.id)) return;
    pending.current.add(idea.id);
    const before: Patch = { supportCount: idea.supportCount, supportedByMe: idea.supportedByMe };
    const wanted = !idea.supportedByMe;
    update(idea.id, { supportedByMe: wanted, supportCount: Math.max(0, idea.supportCount + (wanted ? 1 : -1)) });
    try {
      const r = wanted
        ? await api('supportIdea', { params: { ideaId: idea.id } })
        : await api('withdrawSupport', { params: { ideaId: idea.id } });
      update(idea.id, { supportCount: r.supportCount, supportedByMe: r.supportedByMe });
    } catch (err) {
      update(idea.id, before);
      showApiError(err);
    } finally {
      pending.current.delete(idea.id);
    }
  };
}
