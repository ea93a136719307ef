// Where the request stack meets the features it needs (who the caller is), so that core/ imports no feature.
// Every function's handler builds its entry with this: `export const handler = createRouteGroup('me', { ... })`.
import { routeGroups } from './core/http/stack';
import { loadPrincipal } from './users/principal';

export { Reply } from './core/http/stack';
export const createRouteGroup = routeGroups({ loadPrincipal });
