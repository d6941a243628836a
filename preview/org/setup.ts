// The setup records of the simulated org that assignment rules name: one profile per profile name the users have, a
// small role hierarchy and a few permission sets, handed to the standard users by their position in the seed, so the
// same seed always gives the same org. The backend knows nothing of them; the seed stays as it is.
import { toId18 } from '../seed/salesforce-id';
import type { OrgUser } from './data';

export interface SetupRecord {
    Id: string;
    Name: string;
    /** A role's parent role. */
    ParentId: string | null;
}

export interface OrgSetup {
    profiles: SetupRecord[];
    roles: SetupRecord[];
    permissionSets: SetupRecord[];
    profileOf: Map<string, string>;
    roleOf: Map<string, string>;
    permissionSetsOf: Map<string, Set<string>>;
}

function record(prefix: string, index: number, name: string, parentId: string | null = null): SetupRecord {
    return {
        Id: toId18(`${prefix}7Q0000000${String(index).padStart(3, '0')}`) as string,
        Name: name,
        ParentId: parentId
    };
}

const ROLE_NAMES = ['Sales', 'EMEA Sales', 'DACH Sales', 'Americas Sales', 'Customer Service'];
/** Each role's parent, by position in ROLE_NAMES; null for a top role. */
const ROLE_PARENTS = [null, 0, 1, 0, null];
/** Which role the n-th standard user has, by n modulo the length: DACH, EMEA, Americas, Sales, Service, none. */
const ROLE_BY_POSITION = [2, 1, 3, 0, 4, null];
const PERMISSION_SET_NAMES = ['Sales Cloud User', 'Service Cloud User', 'Marketing Analyst'];

export function setupOf(users: readonly OrgUser[]): OrgSetup {
    const profileNames = [...new Set(users.map((user) => user.ProfileName))].sort();
    const profiles = profileNames.map((name, index) => record('00e', index, name));
    const roles: SetupRecord[] = [];
    ROLE_NAMES.forEach((name, index) => {
        const parent = ROLE_PARENTS[index];
        roles.push(record('00E', index, name, parent === null ? null : roles[parent].Id));
    });
    const permissionSets = PERMISSION_SET_NAMES.map((name, index) => record('0PS', index, name));
    const profileIds = new Map(profiles.map((profile) => [profile.Name, profile.Id]));
    const setup: OrgSetup = {
        profiles,
        roles,
        permissionSets,
        profileOf: new Map(),
        roleOf: new Map(),
        permissionSetsOf: new Map()
    };
    users.forEach((user, index) => {
        setup.profileOf.set(user.Id, profileIds.get(user.ProfileName) as string);
        const role = ROLE_BY_POSITION[index % ROLE_BY_POSITION.length];
        if (role !== null) {
            setup.roleOf.set(user.Id, roles[role].Id);
        }
        const sets = new Set<string>();
        if (index % 3 === 0) {
            sets.add(permissionSets[0].Id);
        }
        if (index % 4 === 1) {
            sets.add(permissionSets[1].Id);
        }
        if (index % 10 === 7) {
            sets.add(permissionSets[2].Id);
        }
        setup.permissionSetsOf.set(user.Id, sets);
    });
    return setup;
}
