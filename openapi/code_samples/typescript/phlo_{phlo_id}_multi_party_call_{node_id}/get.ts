// Reads the multiparty call node with this package's typed client (npm install plivo-phlo-openapi):
// it places no call and changes nothing, so it is the safe way to check a PHLO id and a node id
// before a transfer. The client reads PLIVO_AUTH_ID and PLIVO_AUTH_TOKEN from the environment.
// PHLO_BASE_URL is only for trying it against the local mock (`npm start`); unset, Plivo's server is used.
import { createPhloClient, PhloApiError } from "plivo-phlo-openapi";

const client = createPhloClient({ baseUrl: process.env.PHLO_BASE_URL });

try {
  const node = await client.getMultiPartyCall({
    phloId: "4c1d8a9e-7b3f-4e2a-9d6c-0f1e2d3c4b5a", // your PHLO
    nodeId: "36989807-a76f-4555-84d1-9dfdccca7a80", // its multiparty call node
  });
  console.log(`Node "${node.name}" (${node.nodeType}), created ${node.createdOn}, api_id ${node.apiId}`);
} catch (error) {
  if (!(error instanceof PhloApiError)) throw error;
  console.error(`Plivo answered ${error.status}: ${error.plivoError} (api_id ${error.apiId})`);
  process.exitCode = 1;
}
