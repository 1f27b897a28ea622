// The compiler refuses what the spec refuses: these lines fail the run if a type loosens.
import { describe, expectTypeOf, it } from "vitest";
import { createPhloClient, createPhloRawClient, type components, type MultiPartyCallNode, type MultiPartyCallResult, type PhloClient, type PhloDetails, type PhloRunResult } from "../../src/index.js";

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

type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;

describe("the client's methods follow the spec", () => {
  it("has one method per action of the spec (node and member), plus the operations without an action", () => {
    type SpecActions = components["schemas"]["MultiPartyCallAction"] | components["schemas"]["MemberAction"];
    expectTypeOf<Exclude<keyof PhloClient, "getMultiPartyCall" | "runPhlo" | "getPhlo">>().toEqualTypeOf<CamelCase<SpecActions>>();
  });

  it("runPhlo takes the PHLO and a payload of strings, never the Auth ID; getPhlo returns the typed PHLO", () => {
    void client.runPhlo({ phloId: "p", payload: { from: "14155550100", to: "14155550111" } });
    void client.runPhlo({ phloId: "p" });
    // @ts-expect-error every payload value is a string
    void client.runPhlo({ phloId: "p", payload: { from: 14155550100 } });
    // @ts-expect-error the Auth ID comes from the credentials
    void client.runPhlo({ phloId: "p", authId: "MA" });
    expectTypeOf(client.runPhlo({ phloId: "p" })).resolves.toEqualTypeOf<PhloRunResult>();
    expectTypeOf(client.getPhlo({ phloId: "p" })).resolves.toEqualTypeOf<PhloDetails>();
    expectTypeOf<PhloRunResult["apiId"]>().toEqualTypeOf<string>();
  });

  it("member actions need a member address; getMultiPartyCall returns the typed node", () => {
    // @ts-expect-error memberAddress is required
    void client.hold({ phloId: "p", nodeId: "n" });
    expectTypeOf(client.getMultiPartyCall({ phloId: "p", nodeId: "n" })).resolves.toEqualTypeOf<MultiPartyCallNode>();
    expectTypeOf<MultiPartyCallNode["nodeType"]>().toEqualTypeOf<"multi_party_call">();
  });
});
