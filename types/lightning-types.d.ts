// Enables the ambient `lightning/*` declarations shipped by @salesforce/lightning-types.
import '@salesforce/lightning-types';
