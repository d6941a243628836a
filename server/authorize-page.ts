// The backend's own authorization page, for a tenant the operator set to require it (`tenant --require-authorization`):
// the first link answered 202 with <PUBLIC_URL>/authorize?request=<token>, the panel opened it, and the admin allows
// access here. Allowing is a POST, so a link preview or a prefetch cannot authorize; the page may not be framed. The
// token is the secret (12 hex characters, valid 15 minutes) and the page shows nothing else of the tenant.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AuthorizeOutcome } from '../preview/backend/backend';

const TOKEN = /^[0-9a-f]{12}$/;

export interface AuthorizePageOptions {
    /** The org whose tenant holds the request token, if any. */
    findTenant(token: string): Promise<string | undefined>;
    authorize(tenantOrgId: string, token: string): Promise<AuthorizeOutcome>;
}

const OUTCOMES: Record<AuthorizeOutcome, { title: string; body: string }> = {
    authorized: {
        title: 'Access allowed',
        body: 'Return to the CRM Sync page in Salesforce and click Continue to link the org.'
    },
    expired: {
        title: 'This authorization link has expired',
        body: 'Links are valid for 15 minutes. Start linking again from the CRM Sync page in Salesforce.'
    },
    unknown: {
        title: 'This authorization link is unknown',
        body: 'It was used already or never issued. Start linking again from the CRM Sync page in Salesforce.'
    }
};

function page(reply: FastifyReply, status: number, title: string, content: string): FastifyReply {
    return reply
        .status(status)
        .headers({
            'Content-Type': 'text/html; charset=utf-8',
            'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
            'X-Frame-Options': 'DENY',
            'Cache-Control': 'no-store',
            'Referrer-Policy': 'no-referrer'
        })
        .send(
            '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
                `<title>${title}</title><style>body{font:16px system-ui,sans-serif;max-width:36rem;margin:4rem auto;` +
                'padding:0 1rem}button{font:inherit;padding:.5rem 1rem}</style></head>' +
                `<body><h1>${title}</h1>${content}</body></html>`
        );
}

export function registerAuthorizePage(app: FastifyInstance, options: AuthorizePageOptions): void {
    void app.register(async (scope) => {
        scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) =>
            done(null, new URLSearchParams(body as string))
        );

        scope.get<{ Querystring: { request?: string } }>('/authorize', async (request, reply) => {
            const token = request.query.request ?? '';
            const tenant = TOKEN.test(token) ? await options.findTenant(token) : undefined;
            if (!tenant) {
                const { title, body } = OUTCOMES.unknown;
                return page(reply, 404, title, `<p>${body}</p>`);
            }
            return page(
                reply,
                200,
                'Allow CRM Sync for Salesforce',
                '<p>A Salesforce admin asked to link an org to the CRM sync tenant of org ' +
                    `${tenant}. Allow it only if you started this from the CRM Sync page.</p>` +
                    `<form method="post" action="/authorize"><input type="hidden" name="request" value="${token}">` +
                    '<button type="submit">Allow access</button></form>'
            );
        });

        scope.post<{ Body: URLSearchParams }>('/authorize', async (request, reply) => {
            const token = request.body instanceof URLSearchParams ? (request.body.get('request') ?? '') : '';
            const tenant = TOKEN.test(token) ? await options.findTenant(token) : undefined;
            const outcome = tenant ? await options.authorize(tenant, token) : 'unknown';
            const { title, body } = OUTCOMES[outcome];
            return page(reply, outcome === 'authorized' ? 200 : 410, title, `<p>${body}</p>`);
        });
    });
}
