import { Logger } from '@aws-lambda-powertools/logger';

/** One structured logger per container; request ids come from the lambdaContext middleware. Never log tokens or phones. */
export const logger = new Logger({ serviceName: 'pioneer-station' });
