import { route } from './define';
import { HealthResponse } from '../schemas/people';

export const healthRoutes = {
  health: route({
    method: 'GET', path: '/v1/health', group: 'health', auth: 'public',
  }, () => ({
    response: HealthResponse(),
  })),
} as const;
