// lightning/refresh. On the platform RefreshEvent re-reads the record page's data (Lightning Data Service) and runs
// the refresh handlers components registered; in the preview the record page re-reads its header and calls
// runRefreshHandlers().
import type {
    RefreshEvent as Declared,
    registerRefreshHandler as DeclaredRegister,
    unregisterRefreshHandler as DeclaredUnregister
} from 'lightning/refresh';

export const REFRESH = 'lightning__refreshevent';

export class RefreshEvent extends CustomEvent<undefined> {
    constructor() {
        super(REFRESH, { bubbles: true, composed: true });
    }
}

const handlers = new Map<number, () => Promise<boolean>>();
let lastHandlerId = 0;

export const registerRefreshHandler: typeof DeclaredRegister = (_contextElement, providerMethod) => {
    lastHandlerId += 1;
    handlers.set(lastHandlerId, providerMethod);
    return lastHandlerId;
};

export const unregisterRefreshHandler: typeof DeclaredUnregister = (refreshHandlerId) => {
    handlers.delete(refreshHandlerId);
};

/** What the page's refresh container does after a RefreshEvent: runs every registered handler. */
export async function runRefreshHandlers(): Promise<void> {
    await Promise.all([...handlers.values()].map((handler) => handler()));
}

const fitsDeclaration: typeof Declared = RefreshEvent;
void fitsDeclaration;
