// The reference backend's database: PostgreSQL either way. Embedded PGlite (Postgres compiled to WebAssembly, an npm
// package with nothing to download at install time) in a data folder by default; a PostgreSQL server when
// DATABASE_URL is set. Both run the same SQL and the same migrations (server/migrations/NNN_name.sql, applied in
// order, each in its own transaction, recorded in schema_migrations).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** What a query or a transaction can run. */
export interface Queryable {
    query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
}

export interface Database extends Queryable {
    /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
    transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
    close(): Promise<void>;
    /** `pglite <folder>` or `postgres <host>`, for the start-up line; never the password. */
    readonly description: string;
}

export interface DatabaseOptions {
    /** postgres://… ; the embedded database when absent. */
    url?: string;
    /** The embedded database's folder; `memory://` keeps it in memory (tests). */
    dataDir: string;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
    return options.url ? openPostgres(options.url) : openPglite(options.dataDir);
}

async function openPglite(dataDir: string): Promise<Database> {
    const { PGlite } = await import('@electric-sql/pglite');
    const db = await PGlite.create(dataDir);
    const run = async <Row>(target: Pick<typeof db, 'query'>, sql: string, params?: unknown[]) =>
        (await target.query<Row>(sql, params)).rows;
    return {
        description: `pglite ${dataDir}`,
        query: (sql, params) => run(db, sql, params),
        transaction: (work) => db.transaction((tx) => work({ query: (sql, params) => run(tx, sql, params) })),
        close: () => db.close()
    };
}

async function openPostgres(url: string): Promise<Database> {
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: url });
    // An idle connection the server dropped (a restart, a failover) would otherwise end the process: the pool
    // discards it and opens another, and a query that meets the outage fails on its own.
    pool.on('error', () => undefined);
    return {
        description: `postgres ${new URL(url).host}`,
        query: async (sql, params) => (await pool.query(sql, params)).rows,
        async transaction(work) {
            const client = await pool.connect();
            try {
                await client.query('BEGIN');
                const result = await work({ query: async (sql, params) => (await client.query(sql, params)).rows });
                await client.query('COMMIT');
                return result;
            } catch (failure) {
                await client.query('ROLLBACK');
                throw failure;
            } finally {
                client.release();
            }
        },
        close: () => pool.end()
    };
}

const MIGRATION_FILE = /^(\d{3})_[a-z0-9_]+\.sql$/;

/** The migrations in `dir`, in order. */
export function readMigrations(dir: string): { version: number; name: string; sql: string }[] {
    return readdirSync(dir)
        .filter((name) => MIGRATION_FILE.test(name))
        .sort()
        .map((name) => ({
            version: Number(MIGRATION_FILE.exec(name)?.[1]),
            name,
            sql: readFileSync(path.join(dir, name), 'utf8')
        }));
}

/**
 * Applies the migrations the database has not seen, each in its own transaction with its row in schema_migrations,
 * so a failed one leaves nothing half-applied. Returns the names applied.
 */
export async function migrate(db: Database, dir: string): Promise<string[]> {
    await db.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, ' +
            'applied_at timestamptz NOT NULL DEFAULT now())'
    );
    const applied = new Set(
        (await db.query<{ version: number }>('SELECT version FROM schema_migrations')).map((row) => row.version)
    );
    const names: string[] = [];
    for (const migration of readMigrations(dir)) {
        if (applied.has(migration.version)) {
            continue;
        }
        await db.transaction(async (tx) => {
            for (const statement of splitStatements(migration.sql)) {
                await tx.query(statement);
            }
            await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
                migration.version,
                migration.name
            ]);
        });
        names.push(migration.name);
    }
    return names;
}

/** A migration's statements: split at `;` ending a line, comments dropped (no function bodies in migrations). */
export function splitStatements(sql: string): string[] {
    return sql
        .split('\n')
        .filter((line) => !line.trim().startsWith('--'))
        .join('\n')
        .split(/;\s*$/m)
        .map((statement) => statement.trim())
        .filter((statement) => statement.length > 0);
}
