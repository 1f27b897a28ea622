// Reads a PHLO with this package's typed client (npm install plivo-phlo-openapi): it runs nothing
// and changes nothing, so it is the safe way to check a PHLO id. The client reads PLIVO_AUTH_ID and
// PLIVO_AUTH_TOKEN from the environment. PHLO_BASE_URL is only for trying it against the local mock
// (`npm start`); unset, Plivo's server is used.
import { createPhloClient, PhloApiError } from "plivo-phlo-openapi";

const client = createPhloClient({ baseUrl: process.env.PHLO_BASE_URL });

try {
  const phlo = await client.getPhlo({ phloId: "4c1d8a9e-7b3f-4e2a-9d6c-0f1e2d3c4b5a" });
  console.log(`PHLO "${phlo.name}", created ${phlo.createdOn}, api_id ${phlo.apiId}`);
} catch (error) {
  if (!(error instanceof PhloApiError)) throw error;
  console.error(`Plivo answered ${error.status}: ${error.plivoError} (api_id ${error.apiId})`);
  process.exitCode = 1;
}
