// Declarations for platform modules that `lwc` and @salesforce/lightning-types do not type.
// A script file (no top-level import/export), so every `declare module` here is global.
// Keep each one to the surface this project uses; widen it when a component needs more.

declare module '@salesforce/schema/*' {
    const field: { fieldApiName: string; objectApiName: string };
    export default field;
}

declare module '@salesforce/label/*' {
    const label: string;
    export default label;
}

declare module '@salesforce/i18n/locale' {
    // The running user's locale as a BCP 47 tag, such as en-US or de-DE.
    const locale: string;
    export default locale;
}

declare module '@salesforce/i18n/number.decimalSeparator' {
    // The decimal separator of the running user's locale: "." for en-US, "," for de-DE.
    const decimalSeparator: string;
    export default decimalSeparator;
}

declare module '@salesforce/customPermission/*' {
    // The platform gives `true` when the running user holds the permission, otherwise `undefined`.
    const hasPermission: boolean | undefined;
    export default hasPermission;
}

declare module 'lightning/uiRecordApi' {
    import type { WireAdapterConstructor } from 'lwc';

    export interface RecordFieldValue {
        value: unknown;
        displayValue: string | null;
    }
    export interface RecordRepresentation {
        id: string;
        apiName: string;
        fields: Record<string, RecordFieldValue>;
    }
    export const getRecord: WireAdapterConstructor<
        { recordId?: string; fields?: unknown[]; optionalFields?: unknown[] },
        { data?: RecordRepresentation; error?: unknown }
    >;
    export function getFieldValue(record: RecordRepresentation | undefined, field: unknown): unknown;
    export function notifyRecordUpdateAvailable(items: { recordId: string }[]): Promise<void>;
}

declare module 'lightning/platformShowToastEvent' {
    export type ToastVariant = 'info' | 'success' | 'warning' | 'error';
    export class ShowToastEvent extends CustomEvent<unknown> {
        constructor(init: {
            title?: string;
            message?: string;
            messageData?: unknown[];
            variant?: ToastVariant;
            mode?: 'dismissible' | 'pester' | 'sticky';
        });
    }
}

declare module 'lightning/navigation' {
    export interface PageReference {
        type: string;
        attributes?: Record<string, unknown>;
        state?: Record<string, string | undefined>;
    }
    // NavigationMixin adds two symbol-keyed methods; components call them as
    // `this[NavigationMixin.Navigate](pageReference)`.
    export const NavigationMixin: {
        <T extends abstract new (...args: never[]) => object>(base: T): T;
        readonly Navigate: unique symbol;
        readonly GenerateUrl: unique symbol;
    };
    export const CurrentPageReference: import('lwc').WireAdapterConstructor<Record<string, never>, PageReference>;
}

declare module 'lightning/messageService' {
    import type { WireAdapterConstructor } from 'lwc';
    export interface MessageContext {
        readonly __brand: 'MessageContext';
    }
    export interface Subscription {
        readonly __brand: 'Subscription';
    }
    export const MessageContext: WireAdapterConstructor<Record<string, never>, MessageContext>;
    export const APPLICATION_SCOPE: symbol;
    export function publish(context: MessageContext, channel: unknown, message?: unknown): void;
    export function subscribe(
        context: MessageContext,
        channel: unknown,
        listener: (message: unknown) => void,
        options?: { scope?: symbol }
    ): Subscription;
    export function unsubscribe(subscription: Subscription): void;
}

declare module '@salesforce/messageChannel/*' {
    const channel: { readonly __brand: 'MessageChannel' };
    export default channel;
}

declare module 'lightning/actions' {
    export class CloseActionScreenEvent extends CustomEvent<undefined> {
        constructor();
    }
}

declare module 'lightning/refresh' {
    import type { LightningElement } from 'lwc';
    export class RefreshEvent extends CustomEvent<undefined> {
        constructor();
    }
    /**
     * Adds the component to the page's refresh: after a RefreshEvent the handler runs and resolves true when the
     * refresh may go on to the components inside this one. Returns the id for unregisterRefreshHandler.
     */
    export function registerRefreshHandler(
        contextElement: LightningElement,
        providerMethod: () => Promise<boolean>
    ): number;
    export function unregisterRefreshHandler(refreshHandlerId: number): void;
}
