// Stands in for `@aws-sdk/credential-provider-node` in the shipped bundles (the `alias` in serverless.yml's esbuild
// options). The SDK's default chain pulls in the SSO, STS, ini, process and IMDS providers with their nested clients
// (≈ 90 KiB parsed at every cold start), yet a Lambda function only ever finds its role's credentials in the
// environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), and the local stage passes static ones.
import { fromEnv } from '@aws-sdk/credential-provider-env';
import type { AwsCredentialIdentityProvider } from '@smithy/types';

/** Same name and shape as the default chain's export, which the clients' runtime config imports. */
export const defaultProvider = (init: Parameters<typeof fromEnv>[0] = {}): AwsCredentialIdentityProvider => fromEnv(init);
