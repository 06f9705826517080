// The static file server of the browser tests and of `cargo xtask serve`: Node's own modules
// only, so it runs before (and without) the test's npm packages.
//
// `dist/` is plain files with hash routing, so the server needs no rewrites: a directory maps to
// its index.html, anything outside the served directory or the base path is refused.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
};

/** The file below `dir` for a request path below `basePath`, or null when there is none. */
export function resolveFile(dir, basePath, pathname) {
  if (!pathname.startsWith(basePath)) return null;
  let relative;
  try {
    relative = decodeURIComponent(pathname.slice(basePath.length));
  } catch {
    return null;
  }
  const root = path.resolve(dir);
  let file = path.resolve(root, '.' + path.sep + relative);
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  return fs.existsSync(file) && fs.statSync(file).isFile() ? file : null;
}

/**
 * Serves `dir` below `basePath` on loopback (port 0: a free one). With `gzip`, responses are
 * compressed for clients that accept it, as static hosts do, so download sizes are realistic.
 * `onServe({path, bytes})` is called for every file served.
 */
export async function startServer(dir, basePath = '/', { port = 0, gzip = false, onServe } = {}) {
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end('method not allowed');
      return;
    }
    const url = new URL(req.url, 'http://localhost');
    const file = resolveFile(dir, basePath, url.pathname);
    if (!file) {
      res.writeHead(404).end('not found');
      return;
    }
    const headers = {
      'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-cache',
    };
    let body = fs.readFileSync(file);
    if (gzip && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
      body = zlib.gzipSync(body, { level: 9 });
      headers['Content-Encoding'] = 'gzip';
    }
    headers['Content-Length'] = body.length;
    // Lets a test count what was downloaded, whoever asked (the page or its service worker).
    onServe?.({ path: url.pathname, bytes: req.method === 'HEAD' ? 0 : body.length });
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const address = server.address();
  return {
    url: `http://127.0.0.1:${address.port}${basePath}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

// `node tests/e2e/server.mjs <dir> [port]`: what `cargo xtask serve` runs.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir = 'dist', port = '8080'] = process.argv.slice(2);
  startServer(dir, '/', { port: Number(port), gzip: true }).then(
    ({ url }) => console.log(`\nServing the playground at ${url}  (Ctrl+C to stop)`),
    (error) => {
      console.error(`cannot serve on port ${port}: ${error.message}`);
      process.exit(1);
    },
  );
}
