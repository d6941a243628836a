// Serves the built preview (preview/dist) over HTTP: `npm start` runs it after the build. Scripts and browser tests
// import startServer({ port: 0 }) to get a free port. It listens on 127.0.0.1 unless HOST says otherwise, since the
// preview is for the person at this machine.
//
// `npm start -- --backend http://127.0.0.1:8787` (API key in CRM_SYNC_API_KEY) sends the simulated org's callouts to
// a real sync backend: the page calls /callout/CRM_Sync/v1/…, and this server plays the Named Credential and its
// External Credential — it forwards the request to the backend with the key in Authorization (the page never sees
// it) and answers 502 when the backend cannot be reached, which the page turns into Apex's CalloutException.
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
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

/** The simulated org's id (PREVIEW_ORG_ID of preview/seed/salesforce-id.ts; a test keeps the two equal). */
export const PREVIEW_ORG_ID = '00D7Q000004SbXyUAK';
/** Where the page sends its callouts when a backend is configured. */
export const CALLOUT_PREFIX = '/callout/CRM_Sync';
/** The request headers Apex sets (the Named Credential adds Authorization), and the response headers it reads. */
const FORWARDED_REQUEST_HEADERS = [
    'accept',
    'content-type',
    'x-salesforce-org-id',
    'x-salesforce-user-id',
    'x-correlation-id',
    'idempotency-key',
    'if-match'
];
const FORWARDED_RESPONSE_HEADERS = [
    'content-type',
    'x-correlation-id',
    'etag',
    'retry-after',
    'ratelimit',
    'ratelimit-policy',
    'www-authenticate'
];
const BODY_LIMIT = 1024 * 1024;

/** Reads a request body up to BODY_LIMIT bytes. */
function readBody(request) {
    return new Promise((resolve, reject) => {
        const chunks = [];
        let size = 0;
        request.on('data', (chunk) => {
            size += chunk.length;
            if (size > BODY_LIMIT) {
                reject(new Error('request body too large'));
                request.destroy();
                return;
            }
            chunks.push(chunk);
        });
        request.on('end', () => resolve(Buffer.concat(chunks)));
        request.on('error', reject);
    });
}

/** Forwards one callout to the backend as the Named Credential would, and its answer back to the page. */
async function forwardCallout(request, response, backend) {
    const headers = Object.fromEntries(
        FORWARDED_REQUEST_HEADERS.filter((name) => typeof request.headers[name] === 'string').map((name) => [
            name,
            request.headers[name]
        ])
    );
    headers.authorization = `Bearer ${backend.apiKey}`;
    let answer;
    try {
        const body = request.method === 'GET' ? undefined : await readBody(request);
        answer = await fetch(`${backend.url}${request.url.slice(CALLOUT_PREFIX.length)}`, {
            method: request.method,
            headers,
            body: body && body.length > 0 ? body : undefined,
            signal: AbortSignal.timeout(120_000)
        });
    } catch (failure) {
        const message = failure.name === 'TimeoutError' ? 'Read timed out' : `Connection refused: ${failure.message}`;
        response
            .writeHead(502, { 'Content-Type': 'application/json', 'X-Callout-Failure': 'true' })
            .end(JSON.stringify({ calloutFailure: message }));
        return;
    }
    const forwarded = Object.fromEntries(
        FORWARDED_RESPONSE_HEADERS.filter((name) => answer.headers.has(name)).map((name) => [
            name,
            answer.headers.get(name)
        ])
    );
    response.writeHead(answer.status, forwarded).end(Buffer.from(await answer.arrayBuffer()));
}

/** index.html telling the page where its callouts go. */
function indexWithBackend(root) {
    return readFileSync(path.join(root, 'index.html'), 'utf8').replace(
        '<head>',
        `<head>\n        <meta name="crm-sync-callout-endpoint" content="${CALLOUT_PREFIX}" />`
    );
}

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
 * @param {{ port?: number, host?: string, root?: string, backend?: { url: string, apiKey: string } }} [options]
 *   port 0 picks a free port; backend sends the page's callouts to that sync backend with that key
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export function startServer({ port = DEFAULT_PORT, host = '127.0.0.1', root = DIST, backend } = {}) {
    if (!existsSync(path.join(root, 'index.html'))) {
        return Promise.reject(
            new Error(`${path.relative(process.cwd(), root)}/index.html is missing: run npm run preview:build`)
        );
    }
    const server = createServer((request, response) => {
        if (backend && request.url?.startsWith(`${CALLOUT_PREFIX}/`)) {
            void forwardCallout(request, response, backend);
            return;
        }
        if (backend && request.method === 'GET' && ['/', '/index.html'].includes(request.url?.split('?')[0])) {
            response
                .writeHead(200, { 'Content-Type': TYPES['.html'], 'Cache-Control': 'no-store' })
                .end(indexWithBackend(root));
            return;
        }
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

/** `--backend <url>` with CRM_SYNC_API_KEY, or none; throws on a malformed one. */
function backendFromArgs(args) {
    const index = args.indexOf('--backend');
    if (index < 0) {
        return undefined;
    }
    const url = (args[index + 1] ?? '').replace(/\/+$/, '');
    if (!/^https?:\/\/[^/?#]+$/.test(url)) {
        throw new Error(`--backend needs the backend's address, such as http://127.0.0.1:8787, not "${url}"`);
    }
    const apiKey = process.env.CRM_SYNC_API_KEY ?? '';
    if (!apiKey) {
        throw new Error(
            `CRM_SYNC_API_KEY must hold an API key for the preview's org: npm run backend -- create-key --org ${PREVIEW_ORG_ID}`
        );
    }
    return { url, apiKey };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    const port = process.env.PORT === undefined ? DEFAULT_PORT : Number(process.env.PORT);
    try {
        const backend = backendFromArgs(process.argv.slice(2));
        const { url } = await startServer({ port, host: process.env.HOST || '127.0.0.1', backend });
        console.log(`CRM Sync preview: ${url}  (German: ${url}?lang=de; stop with Ctrl+C)`);
        if (backend) {
            console.log(`Callouts go to ${backend.url}; start unlinked to link the org first: ${url}?tenant=unlinked`);
        }
    } catch (error) {
        const hint = error.code === 'EADDRINUSE' ? ` — port ${port} is in use; try PORT=${port + 1} npm start` : '';
        console.error(`preview: ${error.message}${hint}`);
        process.exitCode = 1;
    }
}
