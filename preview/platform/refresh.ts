// lightning/refresh. On the platform RefreshEvent re-reads the record page's data (Lightning Data Service and
// components that registered a refresh handler); in the preview the record page re-reads its header.
import type { RefreshEvent as Declared } from 'lightning/refresh';

export const REFRESH = 'lightning__refreshevent';

export class RefreshEvent extends CustomEvent<undefined> {
    constructor() {
        super(REFRESH, { bubbles: true, composed: true });
    }
}

const fitsDeclaration: typeof Declared = RefreshEvent;
void fitsDeclaration;
