// lightning/platformShowToastEvent. On the platform the Lightning shell shows the toast; in the preview the page's
// toast host (shell/toasts.ts) listens for the same event on the document.
import type { ShowToastEvent as DeclaredShowToastEvent } from 'lightning/platformShowToastEvent';

export interface ToastDetail {
    title?: string;
    message?: string;
    messageData?: unknown[];
    variant?: 'info' | 'success' | 'warning' | 'error';
    mode?: 'dismissible' | 'pester' | 'sticky';
}

export const SHOW_TOAST = 'lightning__showtoast';

export class ShowToastEvent extends CustomEvent<ToastDetail> {
    constructor(toast: ToastDetail) {
        super(SHOW_TOAST, { bubbles: true, composed: true, cancelable: true, detail: toast });
    }
}

// The class must fit what types/salesforce-modules.d.ts promises the components.
const fitsDeclaration: typeof DeclaredShowToastEvent = ShowToastEvent;
void fitsDeclaration;
