// sfdx-lwc-jest's stub of lightning-progress-bar has no `ariaLabel`, so an aria-label set on it lands on an element
// without a role, which axe flags. Like the base component, this one takes `ariaLabel` (and `value`) as properties
// and exposes them with the progressbar role, here on its host, so a test checks what assistive technology gets (and
// axe fails a bar without a name).
import { LightningElement, api } from 'lwc';

export default class ProgressBar extends LightningElement {
    @api size;
    @api variant;
    privateValue;
    privateAriaLabel;

    @api
    get value() {
        return this.privateValue;
    }
    set value(value) {
        this.privateValue = value;
        this.reflect('aria-valuenow', value);
    }

    @api
    get ariaLabel() {
        return this.privateAriaLabel;
    }
    set ariaLabel(value) {
        this.privateAriaLabel = value;
        this.reflect('aria-label', value);
    }

    connectedCallback() {
        this.setAttribute('role', 'progressbar');
        this.setAttribute('aria-valuemin', '0');
        this.setAttribute('aria-valuemax', '100');
    }

    reflect(name, value) {
        if (value === undefined || value === null) {
            this.removeAttribute(name);
        } else {
            this.setAttribute(name, String(value));
        }
    }
}
