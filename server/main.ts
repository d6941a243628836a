// `npm run backend [-- <command>]`: the reference backend's commands.
//   (none) | serve [--port N]     serves the contract on PORT (default 8787) until stopped
//   create-key --org <org id>     creates an API key for the org and prints it once
//   revoke-key <key id>           revokes a key
// The database is DATABASE_URL when set, else the embedded one in BACKEND_DATA_DIR (default .backend-data).
import path from 'node:path';
import { buildServer } from './app';
import { migrate, openDatabase } from './db';
import type { Database } from './db';
import { createKey, revokeKey } from './keys';
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

/** Runs a command; resolves with the process's exit code once it is done (serve: once it listens). */
export async function main(args: string[], repoRoot: string): Promise<number> {
    const [command = 'serve', ...rest] = args[0]?.startsWith('--') ? ['serve', ...args] : args;
    if (command === 'create-key') {
        const orgId = option(rest, '--org') ?? '';
        const db = await open(repoRoot);
        try {
            const created = await db.transaction(async (tx) => {
                const key = await createKey(tx, orgId);
                await ensureTenant(tx, orgId);
                return key;
            });
            console.log(`API key ${created.id} for org ${orgId} (shown once; only its hash is stored):`);
            console.log(created.key);
            return 0;
        } catch (failure) {
            console.error(`create-key: ${(failure as Error).message}`);
            return 1;
        } finally {
            await db.close();
        }
    }
    if (command === 'revoke-key') {
        const db = await open(repoRoot);
        const revoked = await revokeKey(db, rest[0] ?? '');
        await db.close();
        console.log(revoked ? `Revoked key ${rest[0]}.` : `No active key ${rest[0]}.`);
        return revoked ? 0 : 1;
    }
    if (command !== 'serve') {
        console.error(`Unknown command "${command}": use serve, create-key --org <org id> or revoke-key <key id>.`);
        return 2;
    }
    const port = Number(option(rest, '--port') ?? process.env.PORT ?? DEFAULT_PORT);
    const db = await open(repoRoot);
    const app = buildServer({ db, log: (line) => console.log(line) });
    await app.listen({ port, host: process.env.HOST ?? '127.0.0.1' });
    console.log(`CRM Sync reference backend on http://127.0.0.1:${port}/v1 (${db.description})`);
    const stop = async () => {
        await app.close();
        await db.close();
        process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return 0;
}
