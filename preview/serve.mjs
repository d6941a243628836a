// Serves the built preview (preview/dist) over HTTP: `npm start` runs it after the build. Scripts and browser tests
// import startServer({ port: 0 }) to get a free port. Static files only; it listens on 127.0.0.1 unless HOST says
// otherwise, since the preview is for the person at this machine.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DIST = path.join(path.dirname(fileURLToPath(import.meta.url)), 'dist');
const DEFAULT_PORT = 3000;
const TYPES = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.map': 'application/json; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.jpg': 'image/jpeg',
    '.gif': 'image/gif',
    '.woff2': 'font/woff2'
};

/** Lightning's URL of a user record, as the components link users: the preview's record page of that user. */
const USER_RECORD = /^\/lightning\/r\/User\/([A-Za-z0-9]{15,18})\/view$/;

/** The preview's page for a Lightning record URL, keeping the language and scenario of the page that linked it. */
function recordPageFor(urlPath, referer) {
    const record = USER_RECORD.exec(urlPath.split('?')[0]);
    if (!record) {
        return null;
    }
    let search = '';
    try {
        search = new URL(referer ?? '').search;
    } catch {
        // No or a malformed Referer: the default language and scenario.
    }
    return `/${search}#/user/${record[1]}`;
}

/** The file for a URL path inside `root`, or null (outside the root, missing, or a directory). */
function fileFor(root, urlPath) {
    let decoded;
    try {
        decoded = decodeURIComponent(urlPath.split('?')[0]);
    } catch {
        return null;
    }
    const file = path.join(root, decoded === '/' ? 'index.html' : decoded);
    if (!file.startsWith(root + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
        return null;
    }
    return file;
}

/**
 * Starts the server; resolves once it listens.
 * @param {{ port?: number, host?: string, root?: string }} [options] port 0 picks a free port
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export function startServer({ port = DEFAULT_PORT, host = '127.0.0.1', root = DIST } = {}) {
    if (!existsSync(path.join(root, 'index.html'))) {
        return Promise.reject(
            new Error(`${path.relative(process.cwd(), root)}/index.html is missing: run npm run preview:build`)
        );
    }
    const server = createServer((request, response) => {
        const recordPage = recordPageFor(request.url ?? '/', request.headers.referer);
        if (recordPage) {
            response.writeHead(302, { Location: recordPage }).end();
            return;
        }
        const file = request.method === 'GET' || request.method === 'HEAD' ? fileFor(root, request.url ?? '/') : null;
        if (!file) {
            response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
            return;
        }
        response.writeHead(200, {
            'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
            // Every build replaces the files; a cached app.js would show yesterday's components.
            'Cache-Control': 'no-store'
        });
        if (request.method === 'HEAD') {
            response.end();
        } else {
            createReadStream(file).pipe(response);
        }
    });
    return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
            const actualPort = server.address().port;
            const shownHost = host === '127.0.0.1' || host === '::1' ? 'localhost' : host;
            resolve({
                url: `http://${shownHost}:${actualPort}/`,
                port: actualPort,
                close: () => new Promise((done) => server.close(() => done()))
            });
        });
    });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    const port = process.env.PORT === undefined ? DEFAULT_PORT : Number(process.env.PORT);
    try {
        const { url } = await startServer({ port, host: process.env.HOST || '127.0.0.1' });
        console.log(`CRM Sync preview: ${url}  (German: ${url}?lang=de; stop with Ctrl+C)`);
    } catch (error) {
        const hint = error.code === 'EADDRINUSE' ? ` — port ${port} is in use; try PORT=${port + 1} npm start` : '';
        console.error(`preview: ${error.message}${hint}`);
        process.exitCode = 1;
    }
}
