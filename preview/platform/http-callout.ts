// The org's callouts over real HTTP, when the preview runs with `npm start -- --backend <url>`: preview/serve.mjs
// plays the Named Credential at `endpoint` (adding the API key, which the page never sees) and answers 502 with
// X-Callout-Failure when the backend cannot be reached, which Apex would see as a System.CalloutException.
import type { BackendRequest, BackendResponse } from '../backend/backend';
import { CalloutError } from '../backend/http';

/** The callout endpoint index.html names when serve.mjs forwards callouts, or null for the simulated backend. */
export function calloutEndpoint(doc: Document): string | null {
    return doc.querySelector('meta[name="crm-sync-callout-endpoint"]')?.getAttribute('content') ?? null;
}

export async function httpCallout(endpoint: string, request: BackendRequest): Promise<BackendResponse> {
    const response = await fetch(`${endpoint}${request.path}`, {
        method: request.method,
        // The Named Credential's External Credential sets Authorization; what the client put there goes nowhere.
        headers: Object.fromEntries(
            Object.entries(request.headers).filter(([name]) => name.toLowerCase() !== 'authorization')
        ),
        body: request.body
    });
    const body = await response.text();
    if (response.headers.get('x-callout-failure') === 'true') {
        throw new CalloutError((JSON.parse(body) as { calloutFailure: string }).calloutFailure);
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
        headers[name] = value;
    });
    return { status: response.status, headers, body };
}
