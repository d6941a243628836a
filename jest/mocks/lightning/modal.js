// sfdx-lwc-jest stubs the modal parts but not LightningModal itself. Tests spy on `open()`; an accepted
// `close(result)` is recorded on the instance (`closed`, `closeValue`) so a test can assert what the modal resolved
// with. Like the real LightningModal, close() is ignored while `disableClose` is true, so a modal that closes
// before re-enabling closing fails its tests instead of staying open in the org.
import { LightningElement, api } from 'lwc';

export default class LightningModal extends LightningElement {
    @api size;
    @api label;
    @api description;
    @api disableClose;

    static open() {
        return Promise.resolve(undefined);
    }

    close(result) {
        if (this.disableClose) {
            return;
        }
        this.closed = true;
        this.closeValue = result;
    }
}
