// Stores CRM_SYNC_API_KEY on the CRM_Sync external credential's named principal through the Connect REST API.
// Reads `sf org display --json` on stdin for the instance URL and access token. Prints no secret.
import { text } from 'node:stream/consumers';

const API_VERSION = 'v65.0';
const body = {
    externalCredential: 'CRM_Sync',
    authenticationProtocol: 'Custom',
    principalName: 'CRM_Sync_Service',
    principalType: 'NamedPrincipal',
    credentials: { ApiKey: { value: process.env.CRM_SYNC_API_KEY, encrypted: true } }
};

const org = JSON.parse(await text(process.stdin)).result;
if (!org?.accessToken || !org?.instanceUrl) {
    console.error('error: could not read the org connection from `sf org display --json`');
    process.exit(1);
}
const url = `${org.instanceUrl}/services/data/${API_VERSION}/named-credentials/credential`;
const headers = { Authorization: `Bearer ${org.accessToken}`, 'Content-Type': 'application/json' };

// POST creates the principal's credential; when it already exists, PUT replaces it.
let response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
if (!response.ok) {
    response = await fetch(url, { method: 'PUT', headers, body: JSON.stringify(body) });
}
if (!response.ok) {
    // The platform's answer names the problem (for example a missing principal); it never contains the key.
    console.error(`error: Salesforce refused the credential (HTTP ${response.status}): ${await response.text()}`);
    process.exit(1);
}
console.log('The API key is stored on CRM_Sync / CRM_Sync_Service.');
