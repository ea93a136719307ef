import net from 'node:net';

/** Resolves when nothing listens on the port; rejects with a readable message otherwise. */
export function assertPortFree(port: number, what: string, envVar: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', () =>
      reject(new Error(`端口 ${port} 已被占用（${what}）。请关闭占用它的程序，或设置 ${envVar}=<其他端口> 后重试。\nPort ${port} (${what}) is in use; free it or set ${envVar}.`)),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

/** A port the OS says is free right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
