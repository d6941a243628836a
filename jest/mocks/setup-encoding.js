// jsdom leaves out the Encoding API every browser has (and Lightning Web Security allows): the CSV import decodes
// files with TextDecoder. Node's implementation is the WHATWG one.
const { TextDecoder, TextEncoder } = require('node:util');

globalThis.TextDecoder ??= TextDecoder;
globalThis.TextEncoder ??= TextEncoder;
