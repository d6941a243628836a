// lightning/actions. The platform closes the quick action's dialog on this event; the preview's quick-action panel
// (shell/record-page.ts) does the same.
import type { CloseActionScreenEvent as Declared } from 'lightning/actions';

export const CLOSE_ACTION_SCREEN = 'lightning__actionsclosescreen';

export class CloseActionScreenEvent extends CustomEvent<undefined> {
    constructor() {
        super(CLOSE_ACTION_SCREEN, { bubbles: true, composed: true });
    }
}

const fitsDeclaration: typeof Declared = CloseActionScreenEvent;
void fitsDeclaration;
