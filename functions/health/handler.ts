import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { UnavailableError } from '../core/errors';
import { TABLE, dynamoClient } from '../core/dynamo';
import { logger } from '../core/http/logger';
import { healthRoutes } from '@shared/routes/health';
import { createRouteGroup } from '../route-group';

export const handler = createRouteGroup(healthRoutes, {
  health: async () => {
    try {
      await dynamoClient.send(new DescribeTableCommand({ TableName: TABLE }));
    } catch (err) {
      logger.error('health check: DynamoDB unreachable', { error: err as Error });
      throw new UnavailableError('数据库暂时不可用');
    }
    return { status: 'ok', db: 'ok' };
  },
});
