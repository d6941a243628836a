// preview/serve.mjs with a backend (`npm start -- --backend <url>`): it plays the Named Credential, forwarding the
// page's /callout/CRM_Sync/v1/… requests to the reference backend with the API key in place of whatever the page
// sent, answers 502 marked as a callout failure when the backend cannot be reached, and tells the page in index.html
// where its callouts go. Its org id is the simulated org's.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { CALLOUT_PREFIX, PREVIEW_ORG_ID, startServer } from '../../preview/serve.mjs';
import { ADMIN, loadReferenceBackend, startReferenceBackend } from '../lib/reference-backend.mjs';
import { tempDirs } from './helpers.mjs';

const root = tempDirs('preview-proxy-')();
mkdirSync(root, { recursive: true });
writeFileSync(path.join(root, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');

let modules;
let backend;
before(async () => {
    modules = await loadReferenceBackend();
    backend = await startReferenceBackend(modules, { keys: { preview: PREVIEW_ORG_ID } });
});
after(async () => {
    await backend.stop();
    modules.dispose();
});

async function withPreview(backendOption, work) {
    const preview = await startServer({ port: 0, root, backend: backendOption });
    try {
        return await work(preview.url.replace(/\/$/, ''));
    } finally {
        await preview.close();
    }
}

test('the org id serve.mjs names for API keys is the simulated org’s', () => {
    assert.equal(PREVIEW_ORG_ID, modules['salesforce-id'].PREVIEW_ORG_ID);
});

test('a callout reaches the backend with the API key instead of the page’s Authorization', async () => {
    const correlationId = randomUUID();
    const answer = await withPreview({ url: backend.base, apiKey: backend.keys.preview }, (url) =>
        fetch(`${url}${CALLOUT_PREFIX}/v1/connection`, {
            headers: {
                Authorization: 'Bearer preview-api-key',
                'X-Salesforce-Org-Id': PREVIEW_ORG_ID,
                'X-Salesforce-User-Id': ADMIN,
                'X-Correlation-Id': correlationId
            }
        })
    );
    assert.equal(answer.status, 200, await answer.clone().text());
    assert.equal(answer.headers.get('x-correlation-id'), correlationId, 'the backend’s headers come back');
    assert.equal(answer.headers.get('content-type'), 'application/json');
    assert.equal((await answer.json()).linkedOrgId, null);
});

test('a backend that cannot be reached is a callout failure, not an HTTP answer', async () => {
    const answer = await withPreview({ url: 'http://127.0.0.1:9', apiKey: 'csk_x' }, (url) =>
        fetch(`${url}${CALLOUT_PREFIX}/v1/health`)
    );
    assert.equal(answer.status, 502);
    assert.equal(answer.headers.get('x-callout-failure'), 'true');
    assert.match((await answer.json()).calloutFailure, /^Connection refused/);
});

test('index.html names the callout endpoint only when a backend is configured', async () => {
    const page = (backendOption) => withPreview(backendOption, async (url) => (await fetch(`${url}/`)).text());
    assert.match(
        await page({ url: backend.base, apiKey: 'csk_x' }),
        new RegExp(`<meta name="crm-sync-callout-endpoint" content="${CALLOUT_PREFIX}" />`)
    );
    assert.doesNotMatch(await page(undefined), /crm-sync-callout-endpoint/);
    const callout = await withPreview(undefined, (url) => fetch(`${url}${CALLOUT_PREFIX}/v1/health`));
    assert.equal(callout.status, 404, 'without a backend nothing is forwarded');
});
