// The compiler refuses what the spec refuses: these lines fail the run if a type loosens.
import { describe, expectTypeOf, it } from "vitest";
import { createPhloClient, createPhloRawClient, type MultiPartyCallResult } from "../../src/index.js";

const client = createPhloClient({ authId: "MA", authToken: "t" });
const raw = createPhloRawClient({ authId: "MA", authToken: "t" });
const ids = { phloId: "p", nodeId: "n" };

describe("client types", () => {
  it("warmTransfer returns the typed acknowledgement", () => {
    expectTypeOf(client.warmTransfer({ ...ids, triggerSource: "1202", to: "1203" })).resolves.toEqualTypeOf<MultiPartyCallResult>();
    expectTypeOf<MultiPartyCallResult>().toEqualTypeOf<{ apiId: string; error: "" }>();
  });

  it("refuses a call without `to`", () => {
    // @ts-expect-error `to` is required
    void client.warmTransfer({ ...ids, triggerSource: "1202" });
  });

  it("refuses a role the spec does not list", () => {
    // @ts-expect-error role is "agent" | "customer"
    void client.coldTransfer({ ...ids, triggerSource: "1202", to: "1203", role: "boss" });
  });

  it("refuses an action the spec does not list, on the raw client", () => {
    void raw.POST("/phlo/{phlo_id}/multi_party_call/{node_id}", {
      params: { path: { phlo_id: "p", node_id: "n" } },
      // @ts-expect-error "warm_tranfer" (the Go sample's typo) is not an action
      body: { action: "warm_tranfer", trigger_source: "1202", role: "agent", to: "1203" },
    });
  });

  it("refuses a path the spec does not have, and a missing path parameter", () => {
    // @ts-expect-error no such path in the spec
    void raw.POST("/phlo/{phlo_id}/multi_party_calls/{node_id}", {});
    void raw.POST("/phlo/{phlo_id}/multi_party_call/{node_id}", {
      // @ts-expect-error node_id is required
      params: { path: { phlo_id: "p" } },
      body: { action: "warm_transfer", trigger_source: "1202", role: "agent", to: "1203" },
    });
  });
});
