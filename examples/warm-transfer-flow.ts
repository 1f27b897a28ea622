// A warm transfer from start to finish, printed step by step:
//
//   The app runs the PHLO, which puts U2 (a customer) on the line with U1 (an agent). U1 brings in
//   U3 (a specialist), speaks with U3 privately, then goes back to the call and leaves it: U2 stays
//   with U3. With --abort, U1 changes their mind instead: U3 is dropped and U1 is back with U2.
//
// Run it: `npx tsx examples/warm-transfer-flow.ts [--abort]`. Without PHLO_BASE_URL it starts the
// stateful mock and runs against it (no call is placed; the mock checks that each step can apply);
// with PHLO_BASE_URL, PLIVO_AUTH_ID, PLIVO_AUTH_TOKEN, PHLO_ID and NODE_ID set, it runs against that
// server — against Plivo, it places real calls.
import { createPhloClient, PhloError } from "plivo-phlo-openapi";

const caller = process.env.PHLO_CALLER ?? "+14155550100"; // U2, dialled by the PHLO's Start node
const agent = process.env.PHLO_AGENT ?? "sip:agent1@phone.plivo.com"; // U1, who starts the transfer
const specialist = process.env.PHLO_TO ?? "+14152225555"; // U3, who takes over
const abort = process.argv.includes("--abort");

// The mock (and Prism) is loaded only when it is used.
const mock = process.env.PHLO_BASE_URL ? undefined : await (await import("plivo-phlo-openapi/mock")).startMock({ stateful: true });
// The mock takes any credentials; it cannot check them (see the README's "The mock").
const phlo = createPhloClient(
  mock ? { baseUrl: mock.baseUrl, authId: "MAXXXXXXXXXXXXXXXXXX", authToken: "mock-token" } : { baseUrl: process.env.PHLO_BASE_URL },
);
const node = { phloId: process.env.PHLO_ID ?? "73d6ab01-a2f6-4a84-850f-21e1d46b30bf", nodeId: process.env.NODE_ID ?? "b4b48fc2-f47a-4a93-97c3-749ed9a40fa8" };
const step = (text: string, apiId?: string) => console.log(`${text}${apiId ? ` (api_id ${apiId})` : ""}`);

try {
  step(`0. Target: ${mock ? `the stateful mock at ${mock.baseUrl}` : process.env.PHLO_BASE_URL}`);
  // The payload's keys are the Start node's own (here `from` and `to`), sent as written.
  const run = await phlo.runPhlo({ phloId: node.phloId, payload: { from: caller, to: agent } });
  step(`1. runPhlo: the PHLO dials ${caller} and ${agent} into its multiparty call`, run.apiId);

  const transfer = await phlo.warmTransfer({ ...node, triggerSource: agent, to: specialist, role: "agent" });
  step(`2. warm_transfer: ${agent} brings in ${specialist}; the caller hears hold music`, transfer.apiId);
  step(`3. ${agent} and ${specialist} speak privately`);

  if (abort) {
    const aborted = await phlo.abortTransfer({ ...node, memberAddress: agent });
    step(`4. abort_transfer: ${specialist} is dropped; ${agent} is back with the caller`, aborted.apiId);
  } else {
    const resumed = await phlo.resumeCall({ ...node, memberAddress: agent });
    step(`4. resume_call: ${agent} goes back into the call, now with the caller and ${specialist}`, resumed.apiId);
    const left = await phlo.hangup({ ...node, memberAddress: agent });
    step(`5. hangup: ${agent} leaves; the caller stays with ${specialist}. Transfer complete`, left.apiId);
  }
} catch (error) {
  // Every failure of the client is a PhloError whose message says what happened, credentials redacted.
  if (!(error instanceof PhloError)) throw error;
  console.error(`${error.name}: ${error.message}`);
  process.exitCode = 1;
} finally {
  await mock?.stop();
}
