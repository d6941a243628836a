// `npm run backend [-- <command>]`: the reference backend's commands.
//   (none) | serve [--port N]     serves the contract on PORT (default 8787) until stopped
//   create-key --org <org id> [--tenant <org id>]
//                                 creates an API key for the org (serving another org's tenant with --tenant, as a
//                                 sandbox testing against production's subscription) and prints it once
//   revoke-key <key id>           revokes a key
//   tenant --org <org id> [--pools CORE:100,ADVANCED:20] [--crm-accounts a@x.com,b@x.com | --match-all]
//          [--require-authorization]
//                                 sets a tenant's seat pools (the first is the default), which emails its CRM can
//                                 match (every email unless --crm-accounts lists them), and whether the next link
//                                 needs an admin's consent on the authorization page (served at PUBLIC_URL)
//   maintenance --minutes N | --off
//                                 answers every request 503 UNAVAILABLE for N minutes, or ends that
// The database is DATABASE_URL when set, else the embedded one in BACKEND_DATA_DIR (default .backend-data).
// PUBLIC_URL is the https address admins reach the server at (a tunnel or host); without it, a tenant that requires
// authorization cannot be linked.
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { buildServer } from './app';
import { migrate, openDatabase } from './db';
import type { Database } from './db';
import { createKey, revokeKey } from './keys';
import { configureTenant, parseEmails, parsePools, setMaintenance } from './operator';
import type { TenantSettings } from './operator';
import { ensureTenant } from './tenant-store';

export const DEFAULT_PORT = 8787;

function option(args: string[], name: string): string | undefined {
    const index = args.indexOf(name);
    return index >= 0 ? args[index + 1] : undefined;
}

async function open(repoRoot: string): Promise<Database> {
    const db = await openDatabase({
        url: process.env.DATABASE_URL,
        dataDir: process.env.BACKEND_DATA_DIR ?? path.join(repoRoot, '.backend-data')
    });
    await migrate(db, path.join(repoRoot, 'server/migrations'));
    return db;
}

/** Runs an operator command on the database; a refused input prints why and exits 1, changing nothing. */
async function withDatabase(repoRoot: string, command: string, work: (db: Database) => Promise<void>): Promise<number> {
    const db = await open(repoRoot);
    try {
        await work(db);
        return 0;
    } catch (failure) {
        console.error(`${command}: ${(failure as Error).message}`);
        return 1;
    } finally {
        await db.close();
    }
}

/** Runs a command; resolves with the process's exit code once it is done (serve: once it listens). */
export async function main(args: string[], repoRoot: string): Promise<number> {
    const [command = 'serve', ...rest] = args[0]?.startsWith('--') ? ['serve', ...args] : args;
    if (command === 'create-key') {
        const orgId = option(rest, '--org') ?? '';
        const tenantOrgId = option(rest, '--tenant') ?? orgId;
        return withDatabase(repoRoot, command, async (db) => {
            const created = await db.transaction(async (tx) => {
                const key = await createKey(tx, orgId, tenantOrgId);
                await ensureTenant(tx, tenantOrgId);
                return key;
            });
            const serves = tenantOrgId === orgId ? '' : `, serving the tenant of org ${tenantOrgId}`;
            console.log(`API key ${created.id} for org ${orgId}${serves} (shown once; only its hash is stored):`);
            console.log(created.key);
        });
    }
    if (command === 'tenant') {
        const orgId = option(rest, '--org') ?? '';
        return withDatabase(repoRoot, command, async (db) => {
            const pools = option(rest, '--pools');
            const accounts = option(rest, '--crm-accounts');
            const settings: TenantSettings = {
                pools: pools === undefined ? undefined : parsePools(pools),
                crmAccounts: accounts === undefined ? undefined : parseEmails(accounts),
                matchAll: rest.includes('--match-all'),
                requireAuthorization: rest.includes('--require-authorization')
            };
            if (settings.crmAccounts && settings.matchAll) {
                throw new Error('use --crm-accounts or --match-all, not both.');
            }
            await db.transaction((tx) => configureTenant(tx, orgId, settings));
            console.log(`Tenant of org ${orgId} updated.`);
        });
    }
    if (command === 'maintenance') {
        const minutes = rest.includes('--off') ? 0 : Number(option(rest, '--minutes'));
        return withDatabase(repoRoot, command, async (db) => {
            const until = await setMaintenance(db, minutes, Date.now());
            console.log(until ? `Maintenance until ${until.toISOString()}.` : 'Maintenance ended.');
        });
    }
    if (command === 'revoke-key') {
        const id = rest[0] ?? '';
        return withDatabase(repoRoot, command, async (db) => {
            if (!(await revokeKey(db, id))) {
                throw new Error(`there is no active key ${id}.`);
            }
            console.log(`Revoked key ${id}.`);
        });
    }
    if (command !== 'serve') {
        console.error(`Unknown command "${command}": use serve, create-key, revoke-key, tenant or maintenance.`);
        return 2;
    }
    const port = Number(option(rest, '--port') ?? process.env.PORT ?? DEFAULT_PORT);
    const publicUrl = process.env.PUBLIC_URL?.replace(/\/+$/, '');
    if (publicUrl !== undefined && !/^https:\/\/[^/?#]+$/.test(publicUrl)) {
        console.error(`PUBLIC_URL must be an https origin such as https://crm-sync.example.dev, not "${publicUrl}".`);
        return 2;
    }
    const db = await open(repoRoot);
    const app = buildServer({ db, publicUrl, log: (line) => console.log(line) });
    const host = process.env.HOST ?? '127.0.0.1';
    await app.listen({ port, host });
    // The port it got: --port 0 picks a free one (the benchmark does).
    const { port: listening } = app.server.address() as AddressInfo;
    console.log(`CRM Sync reference backend on http://${host}:${listening}/v1 (${db.description})`);
    const stop = async () => {
        await app.close();
        await db.close();
        process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return 0;
}
