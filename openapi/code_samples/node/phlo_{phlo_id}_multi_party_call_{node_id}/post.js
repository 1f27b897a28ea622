// Warm transfer with Plivo's official Node SDK (npm install plivo). Unlike the sample on Plivo's
// page, this one declares every variable (no implicit global) and exits non-zero on failure.
// The SDK reads PLIVO_AUTH_ID and PLIVO_AUTH_TOKEN when you pass null. PHLO_BASE_URL is only for
// trying it against the local mock (`npm start`); the fallback must stay, because an undefined
// `url` option would replace the SDK's default.
const plivo = require('plivo');

const phloId = '4c1d8a9e-7b3f-4e2a-9d6c-0f1e2d3c4b5a'; // your PHLO
const nodeId = '36989807-a76f-4555-84d1-9dfdccca7a80'; // its multiparty call node
const triggerSource = '12025550000'; // U1: the agent who starts the transfer
const to = '12025551111'; // U3: who takes over the call
const role = 'agent'; // U3's role on the call: 'agent' or 'customer'

const phloClient = new plivo.PhloClient(null, null, {
  url: process.env.PHLO_BASE_URL || 'https://phlorunner.plivo.com/v1',
});

phloClient
  .phlo(phloId)
  .multiPartyCall(nodeId)
  .warmTransfer(triggerSource, to, role)
  .then((result) => console.log(`Warm transfer started, api_id ${result.apiId}`))
  .catch((error) => {
    // The SDK rejects with a plain Error: `status` and `apiID` are set for 400/401/404/500 only.
    console.error(`Warm transfer failed (${error.status ?? 'no status'}): ${error.message}`);
    process.exitCode = 1;
  });
