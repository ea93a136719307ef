// Stands in for `@smithy/core/event-streams` in the shipped bundles (serverless.yml's esbuild `alias`). The SDK's
// HTTP protocol imports it (a dynamic import, inlined in cjs output) for operations that stream events; DynamoDB's
// JSON protocol has none, so the ≈ 15 KiB of codecs would only be parsed at every cold start. Reaching this is a bug.
const unused = (): never => {
  throw new Error('event streams are not bundled (functions/core/stubs/event-streams.ts)');
};

export const EventStreamSerde = unused;
export const eventStreamSerdeProvider = unused;
