// A tenant's user states: the world's states, indexed once per world and never changed, under the states changed
// since. Loading a tenant so costs what changed, not what the world holds: the reference backend (server/) loads its
// tenant for every request, and the world of a big org holds 50,000 states.
import type { SeedSyncState, SeedWorld } from '../seed/world';

const baselines = new WeakMap<SeedWorld, ReadonlyMap<string, SeedSyncState>>();

function baselineOf(world: SeedWorld): ReadonlyMap<string, SeedSyncState> {
    let baseline = baselines.get(world);
    if (!baseline) {
        const index = new Map<string, SeedSyncState>();
        world.states.forEach((state, position) => {
            if (state) {
                index.set(world.people[position].id, state);
            }
        });
        baselines.set(world, index);
        baseline = index;
    }
    return baseline;
}

/**
 * A Map of user id → state over a read-only baseline, whose states are never changed in place (a change sets a new
 * state); iteration order: the world's, then the users added.
 */
export class StateTable<State extends SeedSyncState> {
    /** States set since, and null where a state of the baseline is gone. */
    private readonly overrides = new Map<string, State | null>();
    private readonly baseline: ReadonlyMap<string, SeedSyncState>;
    private count: number;

    /** Over the world's states, or over none (`null`: after a purge deleted them). */
    constructor(world: SeedWorld | null) {
        this.baseline = world ? baselineOf(world) : new Map();
        this.count = this.baseline.size;
    }

    get size(): number {
        return this.count;
    }

    has(id: string): boolean {
        const override = this.overrides.get(id);
        return override === undefined ? this.baseline.has(id) : override !== null;
    }

    /** The state, read-only: a change sets a new one. */
    get(id: string): Readonly<State> | undefined {
        const override = this.overrides.get(id);
        return override === undefined ? (this.baseline.get(id) as State | undefined) : (override ?? undefined);
    }

    set(id: string, state: State): void {
        if (!this.has(id)) {
            this.count++;
        }
        this.overrides.set(id, state);
    }

    delete(id: string): void {
        if (this.has(id)) {
            this.count--;
            this.overrides.set(id, null);
        }
    }

    *keys(): IterableIterator<string> {
        for (const id of this.baseline.keys()) {
            if (this.has(id)) {
                yield id;
            }
        }
        for (const [id, state] of this.overrides) {
            if (state !== null && !this.baseline.has(id)) {
                yield id;
            }
        }
    }

    /** Every state, read-only (nothing is copied). */
    *values(): IterableIterator<Readonly<State>> {
        for (const id of this.keys()) {
            yield this.get(id) as Readonly<State>;
        }
    }
}
