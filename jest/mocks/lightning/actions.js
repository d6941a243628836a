// sfdx-lwc-jest has no stub for lightning/actions; quick actions close themselves with this event.
export class CloseActionScreenEvent extends CustomEvent {
    constructor() {
        super('close');
    }
}
