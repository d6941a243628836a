// How a component's Apex call reaches the simulated org: each module under org/apex/ is one @AuraEnabled method
// and calls `apex(...)`, which behaves like the Aura transport — a round-trip delay, the method body as one
// transaction (the org's records are saved when it ends), the result serialised the way Apex does (null fields
// left out), and any failure turned into the AuraHandledException rejection the components parse.
import type { WireAdapterConstructor } from 'lwc';
import { toApexError } from './errors';
import type { SimulatedOrg } from './org';

export interface ApexCall {
    method: string;
    startedAt: number;
    durationMs: number;
    ok: boolean;
}

interface Runtime {
    org: SimulatedOrg;
    latencyMs: number;
    /** Every call, for the benchmark and the tests (window.crmSyncPreview.apexCalls in the page). */
    calls: ApexCall[];
}

let runtime: Runtime | undefined;

export function installOrg(org: SimulatedOrg, options: { latencyMs: number }): ApexCall[] {
    runtime = { org, latencyMs: options.latencyMs, calls: [] };
    return runtime.calls;
}

/** A result as the component receives it: JSON with null and undefined fields dropped, a fresh copy; null stays null. */
function serialise<T>(value: T): T {
    if (value === null || value === undefined) {
        return null as T;
    }
    return JSON.parse(JSON.stringify(value, (_key, field: unknown) => (field === null ? undefined : field))) as T;
}

function delay(ms: number): Promise<void> {
    return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

/** Runs one Apex method; `name` is `<Class>.<method>`, as in the module id. */
export async function apex<T>(name: string, body: (org: SimulatedOrg) => T | Promise<T>): Promise<T> {
    if (!runtime) {
        throw new Error(`@salesforce/apex/${name} was called before the simulated org was installed`);
    }
    const { org, latencyMs, calls } = runtime;
    const call: ApexCall = { method: name, startedAt: Date.now(), durationMs: 0, ok: false };
    calls.push(call);
    // Half the round trip before the method runs, half after, like a request and its response.
    await delay(latencyMs / 2);
    let result: T;
    try {
        result = serialise(await body(org));
    } catch (failure) {
        await delay(latencyMs / 2);
        call.durationMs = Date.now() - call.startedAt;
        throw toApexError(failure, org.label('CRM_Sync_Error_Unexpected'));
    } finally {
        // A failed transaction rolls back in Apex; the simulation writes only after callouts, as the services do,
        // so what it has changed before the failure is what Apex would have committed too (audit entries).
        org.commit();
    }
    await delay(latencyMs / 2);
    call.durationMs = Date.now() - call.startedAt;
    call.ok = true;
    return result;
}

/** A cacheable method is also a wire adapter: `@wire(getAccess)` works as on the platform. */
export function cacheable<T>(
    call: () => Promise<T>
): (() => Promise<T>) & WireAdapterConstructor<Record<string, never>, { data?: T; error?: unknown }> {
    type Callback = (value: { data?: T; error?: unknown }) => void;
    class ApexWireAdapter {
        private readonly callback: Callback;
        constructor(callback: Callback) {
            this.callback = callback;
        }
        connect(): void {
            call().then(
                (data) => this.callback({ data, error: undefined }),
                (error: unknown) => this.callback({ data: undefined, error })
            );
        }
        update(): void {}
        disconnect(): void {}
    }
    // Called, it is the imperative method; constructed by the LWC engine for @wire, it is the adapter.
    function method(this: unknown, callback?: Callback): unknown {
        return new.target ? new ApexWireAdapter(callback as Callback) : call();
    }
    return method as unknown as (() => Promise<T>) &
        WireAdapterConstructor<Record<string, never>, { data?: T; error?: unknown }>;
}
