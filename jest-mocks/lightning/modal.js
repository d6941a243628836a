// sfdx-lwc-jest stubs the modal parts but not LightningModal itself. Tests spy on `open()`;
// `close(result)` is recorded on the instance so a test can assert what the modal resolved with.
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
        this.closeValue = result;
    }
}
