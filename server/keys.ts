// API keys of the reference backend. A key is `csk_<id>_<secret>`: the id finds its row, the secret is checked
// against the SHA-256 stored for it (never the secret itself), in constant time. Each key belongs to one org; the
// server refuses a request whose X-Salesforce-Org-Id names another. A key serves its org's tenant, or the tenant of
// another org when created so (a sandbox testing against production's subscription: --tenant).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Queryable } from './db';

const KEY = /^csk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;
export const ORG_ID = /^00D[a-zA-Z0-9]{15}$/;

export interface CreatedKey {
    id: string;
    orgId: string;
    tenantOrgId: string;
    /** Shown once; only its hash is stored. */
    key: string;
}

export interface KeyOwner {
    keyId: string;
    /** The org the key was made for: requests must name it in X-Salesforce-Org-Id. */
    orgId: string;
    /** The org whose tenant the key serves. */
    tenantOrgId: string;
}

function sha256(text: string): string {
    return createHash('sha256').update(text).digest('hex');
}

/** Refuses anything but an 18-character org id (a 15-character one is ambiguous in case). */
export function requireOrgId(orgId: string): void {
    if (!ORG_ID.test(orgId)) {
        throw new Error(`"${orgId}" is not an 18-character Salesforce org id (00D…).`);
    }
}

/** Creates a key for an org, serving its own tenant unless `tenantOrgId` names another. */
export async function createKey(db: Queryable, orgId: string, tenantOrgId = orgId): Promise<CreatedKey> {
    requireOrgId(orgId);
    requireOrgId(tenantOrgId);
    const id = randomBytes(8).toString('hex');
    const secret = randomBytes(32).toString('base64url');
    await db.query('INSERT INTO api_keys (id, org_id, tenant_org_id, secret_sha256) VALUES ($1, $2, $3, $4)', [
        id,
        orgId,
        tenantOrgId,
        sha256(secret)
    ]);
    return { id, orgId, tenantOrgId, key: `csk_${id}_${secret}` };
}

/** Revokes a key by its id; false when there is no such active key. */
export async function revokeKey(db: Queryable, id: string): Promise<boolean> {
    const rows = await db.query(
        'UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id',
        [id]
    );
    return rows.length === 1;
}

/** The owner of a `Bearer` token, or null for anything but an active key of this backend. */
export async function verifyKey(db: Queryable, authorization: string | undefined): Promise<KeyOwner | null> {
    const match = /^Bearer (\S+)$/.exec(authorization ?? '');
    const parts = match ? KEY.exec(match[1]) : null;
    if (!parts) {
        return null;
    }
    const [, id, secret] = parts;
    const rows = await db.query<{ org_id: string; tenant_org_id: string; secret_sha256: string }>(
        'SELECT org_id, tenant_org_id, secret_sha256 FROM api_keys WHERE id = $1 AND revoked_at IS NULL',
        [id]
    );
    const stored = rows[0];
    if (!stored) {
        return null;
    }
    const expected = Buffer.from(stored.secret_sha256, 'hex');
    const actual = Buffer.from(sha256(secret), 'hex');
    return timingSafeEqual(expected, actual)
        ? { keyId: id, orgId: stored.org_id, tenantOrgId: stored.tenant_org_id }
        : null;
}
