// Where the request stack meets the features it needs (who the caller is), so that core/ imports no feature.
// Every function's handler builds its entry with this and its group's own table:
// `export const handler = createRouteGroup(meRoutes, { ... })`.
import { routeGroups } from './core/http/stack';
import { loadPrincipal } from './users/principal';

export { Reply } from './core/http/stack';
export const createRouteGroup = routeGroups({ loadPrincipal });
