// A local stand-in for the live PHLO API (node:http, free port, no network): it knows one account,
// one PHLO node and one member, checks credentials, ids and bodies as the contract says Plivo does,
// and records every request and every action it would have performed. A `drift` hook rewrites its
// answers, to play a live API that no longer keeps the contract.
import { randomUUID } from "node:crypto";
import { AUTH_ID, AUTH_TOKEN, BASIC_CREDENTIAL, specExample } from "../helpers/fetch.js";
import { startLocalServer, type LocalServer, type Received } from "../helpers/local-server.js";
import { bundle, deref, violations, type JsonObject } from "../helpers/spec.js";

export const LIVE = {
  phloId: "0a1b2c3d-0000-4000-8000-00000000f001",
  nodeId: "0a1b2c3d-0000-4000-8000-00000000f002",
  member: "sip:agent1@phone.plivo.com",
  to: "+14155550100",
  triggerSource: "+14155550101",
};

/** The environment a consumer's CI would set for the live target, pointed at `baseUrl`. */
export const liveEnv = (baseUrl: string, extra: Record<string, string> = {}): Record<string, string> => ({
  PHLO_BASE_URL: baseUrl,
  PLIVO_AUTH_ID: AUTH_ID,
  PLIVO_AUTH_TOKEN: AUTH_TOKEN,
  PHLO_ID: LIVE.phloId,
  NODE_ID: LIVE.nodeId,
  PHLO_MEMBER_ADDRESS: LIVE.member,
  PHLO_TO: LIVE.to,
  PHLO_TRIGGER_SOURCE: LIVE.triggerSource,
  ...extra,
});

export interface Reply {
  status: number;
  headers: Record<string, string>;
  text: string;
}

export type Drift = (request: Received, reply: Reply) => Reply;

export interface FakePlivo extends LocalServer {
  /** The requests it accepted and would have acted on (placed a call, changed a member). */
  acted: Received[];
}

const json = (status: number, body: unknown): Reply => ({ status, headers: { "content-type": "application/json" }, text: JSON.stringify(body) });
const error = (status: number, message: string) => json(status, { api_id: randomUUID(), error: message });

/** The request body schema of a POST, by the path template it is on. */
const bodySchema = (path: string) =>
  deref<JsonObject>(deref<{ content: Record<string, { schema: unknown }> }>(deref<JsonObject>(deref<JsonObject>((bundle.paths as JsonObject)[path]).post).requestBody).content["application/json"]!.schema);

const RUN = "/account/{auth_id}/phlo/{phlo_id}";
const NODE = "/phlo/{phlo_id}/multi_party_call/{node_id}";
const MEMBER = `${NODE}/members/{member_address}`;

/** The PHLO run (`/account/{auth_id}/phlo/{phlo_id}`) and the PHLO read (`/phlo/{phlo_id}`). */
function answerPhlo(request: Received, pathname: string): { reply: Reply; acted: boolean } | undefined {
  const match = /^\/v1(?:\/account\/([^/]+))?\/phlo\/([^/]+)\/?$/.exec(pathname);
  if (!match) return undefined;
  if (request.headers.authorization != `Basic ${BASIC_CREDENTIAL}`) return { reply: error(401, "Authentication failed."), acted: false };
  const [, account, phloId] = match;
  const run = account !== undefined;
  if (request.method != (run ? "POST" : "GET")) return { reply: error(405, "Method not allowed."), acted: false };
  if (phloId != LIVE.phloId || (run && account != AUTH_ID)) return { reply: error(404, "Invalid PHLO ID, PHLO not deployed."), acted: false };
  if (!run) return { reply: json(200, { ...specExample<JsonObject>("PhloDetails"), api_id: randomUUID(), phlo_id: phloId }), acted: false };
  let body: unknown = {};
  if (request.body) {
    if (!request.headers["content-type"]?.startsWith("application/json")) return { reply: error(400, "Content type must be application/json."), acted: false };
    try {
      body = JSON.parse(request.body);
    } catch {
      return { reply: error(400, "Invalid JSON."), acted: false };
    }
  }
  const [problem] = violations(bodySchema(RUN), body);
  if (problem) return { reply: error(400, `Invalid request: ${problem}`), acted: false };
  return { reply: json(201, { api_id: randomUUID(), phlo_id: phloId, message: "started" }), acted: true };
}

function answer(request: Received): { reply: Reply; acted: boolean } {
  const url = new URL(request.url, "http://fake");
  const phlo = answerPhlo(request, url.pathname);
  if (phlo) return phlo;
  const match = /^\/v1\/phlo\/([^/]+)\/multi_party_call\/([^/]+)(?:\/members\/([^/]+))?\/?$/.exec(url.pathname);
  if (!match) return { reply: error(404, "Not found."), acted: false };
  if (request.headers.authorization != `Basic ${BASIC_CREDENTIAL}`) return { reply: error(401, "Authentication failed."), acted: false };
  const [, phloId, nodeId, member] = match.map((part) => part && decodeURIComponent(part));
  const allowed = member === undefined ? ["GET", "POST"] : ["POST"];
  if (!allowed.includes(request.method)) return { reply: error(405, "Method not allowed."), acted: false };
  if (phloId != LIVE.phloId || nodeId != LIVE.nodeId || (member !== undefined && member != LIVE.member)) {
    return { reply: error(404, "Invalid PHLO ID, PHLO not deployed."), acted: false };
  }
  if (request.method == "GET") return { reply: json(200, { ...specExample<JsonObject>("MultiPartyCallNode"), api_id: randomUUID(), phlo_id: phloId, node_id: nodeId }), acted: false };
  if (!request.headers["content-type"]?.startsWith("application/json")) return { reply: error(400, "Content type must be application/json."), acted: false };
  let body: unknown;
  try {
    body = JSON.parse(request.body);
  } catch {
    return { reply: error(400, "Invalid JSON."), acted: false };
  }
  const [problem] = violations(bodySchema(member === undefined ? NODE : MEMBER), body);
  if (problem) return { reply: error(400, `Invalid request: ${problem}`), acted: false };
  return { reply: json(201, { api_id: randomUUID(), error: "" }), acted: true };
}

export async function startFakePlivo(drift: Drift = (_, reply) => reply): Promise<FakePlivo> {
  const acted: Received[] = [];
  const server = await startLocalServer((request, response) => {
    const { reply, acted: didAct } = answer(request);
    if (didAct) acted.push(request);
    const { status, headers, text } = drift(request, reply);
    response.writeHead(status, headers);
    response.end(text);
  });
  return { ...server, acted };
}
