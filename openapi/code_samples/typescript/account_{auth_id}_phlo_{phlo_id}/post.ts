// Runs a PHLO with this package's typed client (npm install plivo-phlo-openapi): the first step of
// a warm transfer, which starts the call. The payload's keys are the Start node's, sent as written.
// The client reads PLIVO_AUTH_ID and PLIVO_AUTH_TOKEN from the environment (the Auth ID in the
// path comes from them). PHLO_BASE_URL is only for trying it against the local mock (`npm start`);
// unset, Plivo's server is used.
import { createPhloClient, PhloApiError } from "plivo-phlo-openapi";

const client = createPhloClient({ baseUrl: process.env.PHLO_BASE_URL });

try {
  const run = await client.runPhlo({
    phloId: "4c1d8a9e-7b3f-4e2a-9d6c-0f1e2d3c4b5a", // your PHLO
    payload: { from: "14155550100", to: "14155550111" }, // the Start node's keys
  });
  console.log(`PHLO run started, api_id ${run.apiId}`);
} catch (error) {
  if (!(error instanceof PhloApiError)) throw error;
  console.error(`Plivo answered ${error.status}: ${error.plivoError} (api_id ${error.apiId})`);
  process.exitCode = 1;
}
