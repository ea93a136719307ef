// Stands in for `mnemonist/lru-cache` in the shipped bundles (serverless.yml's esbuild `alias`). Its one user is the
// DynamoDB client's endpoint-discovery cache (@aws-sdk/endpoint-cache), keyed by credentials and region: a function
// holds one or two keys, and discovery is off unless AWS_ENABLE_ENDPOINT_DISCOVERY is set, so the eviction logic
// (≈ 7 KiB with its iterator helpers) is never needed. Same methods as the ones EndpointCache calls, on a Map.
export default class LRUCache<K, V> {
  private readonly map = new Map<K, V>();
  constructor(readonly capacity: number) {}
  get(key: K): V | undefined {
    return this.map.get(key);
  }
  peek(key: K): V | undefined {
    return this.map.get(key);
  }
  has(key: K): boolean {
    return this.map.has(key);
  }
  set(key: K, value: V): this {
    this.map.set(key, value);
    return this;
  }
  clear(): void {
    this.map.clear();
  }
}
