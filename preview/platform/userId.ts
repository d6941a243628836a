// @salesforce/user/Id: the signed-in user of the simulated org.
import { session } from './session';

export default session.runningUserId;
