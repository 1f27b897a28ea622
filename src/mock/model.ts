// The stateful mock's model of a PHLO's calls (opt-in: startMock({ stateful: true }), `plivo-phlo
// mock --stateful`). Plivo does not document what its API answers when an action cannot apply, so
// these rules are the mock's own, listed in the README and the docs, and every refusal says so in
// its text ("Stateful mock: …"). The model is driven only by the requests it accepts:
//
// 1. A run of a PHLO (`POST /account/{auth_id}/phlo/{phlo_id}`) makes its call live. Every payload
//    value that is a phone number or SIP URI (the Start node's `from`, `to`, …) is a member of the
//    call of each of the PHLO's multiparty call nodes.
// 2. An action on a node of a PHLO that was never run: 404.
// 3. `call`, `warm_transfer`, `cold_transfer` add `to` to the node's call (400 if `to` is already on
//    it). `warm_transfer` and `cold_transfer` need `trigger_source` on the call (404 otherwise).
// 4. A warm transfer is in progress for its `trigger_source` (U1) until `resume_call` or
//    `abort_transfer` on U1; a second `warm_transfer` from U1 meanwhile: 400.
// 5. `resume_call` / `abort_transfer` on a member with no transfer in progress: 400.
//    `abort_transfer` also drops U3 from the call.
// 6. `hold` on a member on hold, or `unhold` on a member not on hold: 400.
// 7. `hangup` removes the member (and ends a transfer whose U3 hangs up).
// 8. Any member action on an address that is not on the call: 404.
// Bounded: at most MODEL_LIMITS.phlos PHLOs (the least recently run dropped first) and
// MODEL_LIMITS.members members per call (the oldest dropped first).
import { inputSchemas } from "../../generated/contract.js";

export const MODEL_LIMITS = { phlos: 1_000, nodes: 100, members: 100 };

interface Member {
  role: string | undefined;
  onHold: boolean;
  /** U3, while this member (U1) has a warm transfer in progress. */
  transferTo?: string | undefined;
}

interface Phlo {
  /** The addresses of the run's payload: the first members of each node's call. */
  callers: string[];
  /** Per multiparty call node: its call's members, oldest first. */
  calls: Map<string, Map<string, Member>>;
}

/** Why the model refuses a request: a documented status and Plivo-style text. */
export interface Refusal {
  status: 400 | 404;
  error: string;
}

const ADDRESS = new RegExp(inputSchemas.Address.pattern, "u");
const RUN = /^\/account\/[^/]+\/phlo\/([^/]+)$/;
const NODE = /^\/phlo\/([^/]+)\/multi_party_call\/([^/]+)(?:\/members\/([^/]+))?$/;

const refuse = (status: Refusal["status"], error: string): Refusal => ({ status, error: `Stateful mock: ${error}` });

/** Adds to a Map kept in insertion order, dropping the oldest entries beyond `limit`. */
function addBounded<K, V>(map: Map<K, V>, key: K, value: V, limit: number) {
  map.delete(key);
  map.set(key, value);
  for (const oldest of map.keys()) {
    if (map.size <= limit) break;
    map.delete(oldest);
  }
}

export class CallModel {
  #phlos = new Map<string, Phlo>();

  /** @param basePath the server path (`/v1`), for the paths its refusals name. */
  constructor(readonly basePath = "") {}

  /**
   * Applies a request that the contract accepts (a documented 2xx) to the model. Returns the refusal
   * when the model says it cannot apply; nothing changes then.
   * @param path the operation path, without the server path or a trailing slash.
   */
  apply(method: string, path: string, body: unknown): Refusal | undefined {
    if (method != "POST") return undefined; // Reads change nothing.
    const run = RUN.exec(path);
    if (run) return this.#run(decodeURIComponent(run[1]!), body);
    const node = NODE.exec(path);
    if (!node) return undefined;
    const [, phloId, nodeId, member] = node.map((part) => part && decodeURIComponent(part)) as [string, string, string, string | undefined];
    const phlo = this.#phlos.get(phloId);
    if (!phlo) {
      return refuse(404, `PHLO ${phloId} was never run on this mock, so its node ${nodeId} has no call. Run it first (POST ${this.basePath}/account/{auth_id}/phlo/${phloId}).`);
    }
    const call = this.#callOf(phlo, nodeId);
    const { action, to, role, trigger_source: trigger } = (body ?? {}) as Record<string, string>;
    return member === undefined ? this.#nodeAction(call, action!, to!, role, trigger!) : this.#memberAction(call, action!, member);
  }

  /** The members of a node's call, oldest first (for tests and debugging). */
  members(phloId: string, nodeId: string): { address: string; role: string | undefined; onHold: boolean; transferTo: string | undefined }[] {
    const call = this.#phlos.get(phloId)?.calls.get(nodeId);
    return [...(call ?? [])].map(([address, { role, onHold, transferTo }]) => ({ address, role, onHold, transferTo }));
  }

  /** How many PHLOs the model keeps. */
  get size(): number {
    return this.#phlos.size;
  }

  clear() {
    this.#phlos.clear();
  }

  #run(phloId: string, body: unknown): undefined {
    const payload = body && typeof body == "object" ? Object.values(body as Record<string, unknown>) : [];
    const callers = payload.filter((value): value is string => typeof value == "string" && ADDRESS.test(value));
    const phlo = this.#phlos.get(phloId) ?? { callers: [], calls: new Map() };
    phlo.callers = callers;
    for (const call of phlo.calls.values()) for (const address of callers) if (!call.has(address)) addBounded(call, address, { role: undefined, onHold: false }, MODEL_LIMITS.members);
    addBounded(this.#phlos, phloId, phlo, MODEL_LIMITS.phlos);
    return undefined;
  }

  #callOf(phlo: Phlo, nodeId: string): Map<string, Member> {
    let call = phlo.calls.get(nodeId);
    if (!call) {
      call = new Map();
      for (const address of phlo.callers) addBounded(call, address, { role: undefined, onHold: false }, MODEL_LIMITS.members);
      addBounded(phlo.calls, nodeId, call, MODEL_LIMITS.nodes);
    }
    return call;
  }

  #nodeAction(call: Map<string, Member>, action: string, to: string, role: string | undefined, trigger: string): Refusal | undefined {
    if (call.has(to)) return refuse(400, `${to} (to) is already on the call; ${action} adds a member who is not.`);
    if (action != "call") {
      const initiator = call.get(trigger);
      if (!initiator) return refuse(404, `${trigger} (trigger_source) is not on the call, so it cannot start a ${action}.`);
      if (action == "warm_transfer" && initiator.transferTo !== undefined) {
        return refuse(400, `${trigger} already has a warm transfer to ${initiator.transferTo} in progress; end it with resume_call or abort_transfer first.`);
      }
      if (action == "warm_transfer") initiator.transferTo = to;
    }
    addBounded(call, to, { role, onHold: false }, MODEL_LIMITS.members);
    return undefined;
  }

  #memberAction(call: Map<string, Member>, action: string, address: string): Refusal | undefined {
    const member = call.get(address);
    if (!member) return refuse(404, `${address} is not on the call, so ${action} cannot apply to it.`);
    switch (action) {
      case "resume_call":
      case "abort_transfer":
        if (member.transferTo === undefined) {
          return refuse(400, `${action} needs a warm transfer in progress started by ${address} (its trigger_source); there is none.`);
        }
        if (action == "abort_transfer") call.delete(member.transferTo);
        member.transferTo = undefined;
        return undefined;
      case "hold":
      case "unhold":
        if (member.onHold == (action == "hold")) return refuse(400, `${address} is ${member.onHold ? "already" : "not"} on hold, so ${action} cannot apply.`);
        member.onHold = action == "hold";
        return undefined;
      case "hangup":
        call.delete(address);
        for (const other of call.values()) if (other.transferTo == address) other.transferTo = undefined;
        return undefined;
      default:
        return undefined; // voicemail_drop changes nothing on the call.
    }
  }
}
