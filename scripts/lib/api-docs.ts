// The API docs page of `npm start`: Swagger UI (from swagger-ui-dist, no CDN) at /docs, showing docs/openapi.json.
import { createReadStream, existsSync } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';

export const OPENAPI_FILE = path.resolve(__dirname, '..', '..', 'docs', 'openapi.json');
export const DOCS_PATH = '/docs';

const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

const PAGE = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8" />
  <title>先锋驿站 API</title>
  <link rel="stylesheet" href="${DOCS_PATH}/swagger-ui.css" />
  <link rel="icon" type="image/png" href="${DOCS_PATH}/favicon-32x32.png" />
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="${DOCS_PATH}/swagger-ui-bundle.js"></script>
  <script>
    window.ui = SwaggerUIBundle({ url: '${DOCS_PATH}/openapi.json', dom_id: '#swagger-ui', deepLinking: true, layout: 'BaseLayout' });
  </script>
</body>
</html>
`;

function sendFile(res: http.ServerResponse, file: string, type: string): void {
  if (!existsSync(file)) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`not found: ${path.basename(file)}`);
    return;
  }
  res.writeHead(200, { 'content-type': type, 'cache-control': 'no-cache' });
  createReadStream(file).pipe(res);
}

/** Answers /docs and its assets; false for any other path. */
export function serveApiDocs(pathname: string, res: http.ServerResponse): boolean {
  if (pathname === DOCS_PATH || pathname === `${DOCS_PATH}/`) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' }).end(PAGE);
    return true;
  }
  if (!pathname.startsWith(`${DOCS_PATH}/`)) return false;
  const name = pathname.slice(DOCS_PATH.length + 1);
  if (name === 'openapi.json') sendFile(res, OPENAPI_FILE, 'application/json; charset=utf-8');
  else if (ASSETS[name]) sendFile(res, path.join(path.dirname(require.resolve('swagger-ui-dist/package.json')), name), ASSETS[name]);
  else res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
  return true;
}
