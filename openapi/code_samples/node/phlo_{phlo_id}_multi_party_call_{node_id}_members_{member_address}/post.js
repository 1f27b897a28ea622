// U1 cancels a warm transfer with Plivo's official Node SDK (npm install plivo): U3 is dropped and
// U1 is back with the caller U2. This is the one member action of the Node SDK that works:
// member(address).resumeCall(), hold(), unhold(), hangup() and voicemailDrop() always reject with
// `TypeError: client is not a function` (plivo 4.79.0), so use this package's client or curl for them.
// The SDK reads PLIVO_AUTH_ID and PLIVO_AUTH_TOKEN when you pass null. PHLO_BASE_URL is only for
// trying it against the local mock (`npm start`); the fallback must stay, because an undefined
// `url` option would replace the SDK's default.
const plivo = require('plivo');

const phloId = '4c1d8a9e-7b3f-4e2a-9d6c-0f1e2d3c4b5a'; // your PHLO
const nodeId = '36989807-a76f-4555-84d1-9dfdccca7a80'; // its multiparty call node
const memberAddress = '12025550000'; // U1: the agent who started the transfer

const phloClient = new plivo.PhloClient(null, null, {
  url: process.env.PHLO_BASE_URL || 'https://phlorunner.plivo.com/v1',
});

phloClient
  .phlo(phloId)
  .multiPartyCall(nodeId)
  .abortTransfer(memberAddress)
  .then((result) => console.log(`abort_transfer accepted, api_id ${result.apiId}`))
  .catch((error) => {
    // The SDK rejects with a plain Error: `status` and `apiID` are set for 400/401/404/500 only.
    console.error(`abort_transfer failed (${error.status ?? 'no status'}): ${error.message}`);
    process.exitCode = 1;
  });
