// U1 ends a warm transfer with this package's typed client (npm install plivo-phlo-openapi): after
// speaking with U3 privately, U1 goes back into the original call. The other member actions take
// the same input: abortTransfer (U3 is dropped, U1 is back with the caller U2), hold, unhold, hangup
// and voicemailDrop. The client reads PLIVO_AUTH_ID and PLIVO_AUTH_TOKEN from the environment.
// PHLO_BASE_URL is only for trying it against the local mock (`npm start`); unset, Plivo's server is used.
import { createPhloClient, PhloApiError } from "plivo-phlo-openapi";

const client = createPhloClient({ baseUrl: process.env.PHLO_BASE_URL });

try {
  const { apiId } = await client.resumeCall({
    phloId: "4c1d8a9e-7b3f-4e2a-9d6c-0f1e2d3c4b5a", // your PHLO
    nodeId: "36989807-a76f-4555-84d1-9dfdccca7a80", // its multiparty call node
    memberAddress: "12025550000", // U1: the agent who started the transfer (a number or a SIP URI)
  });
  console.log(`resume_call accepted, api_id ${apiId}`);
} catch (error) {
  if (!(error instanceof PhloApiError)) throw error;
  console.error(`Plivo answered ${error.status}: ${error.plivoError} (api_id ${error.apiId})`);
  process.exitCode = 1;
}
