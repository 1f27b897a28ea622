// The generated types say what the spec says: run by vitest's typecheck with the other tests.
import { describe, expectTypeOf, it } from "vitest";
import type { components, operations } from "../../generated/schema.js";

type Schemas = components["schemas"];
type Update = Schemas["MultiPartyCallUpdate"];

describe("generated/schema.d.ts", () => {
  it("has the actions and roles of the spec, and nothing else", () => {
    expectTypeOf<Schemas["MultiPartyCallAction"]>().toEqualTypeOf<"warm_transfer" | "cold_transfer" | "call">();
    expectTypeOf<Schemas["Role"]>().toEqualTypeOf<"agent" | "customer">();
  });

  it("requires every field of the request body", () => {
    const seed: Update = { action: "warm_transfer", trigger_source: "12025550000", role: "agent", to: "12025551111" };
    expectTypeOf(seed).toEqualTypeOf<Update>();
    // @ts-expect-error `to` is required
    const missingTo: Update = { action: "warm_transfer", trigger_source: "12025550000", role: "agent" };
    // @ts-expect-error `boss` is not a role
    const badRole: Update = { ...seed, role: "boss" };
    // @ts-expect-error the Go example's typo is not an action
    const badAction: Update = { ...seed, action: "warm_tranfer" };
    expectTypeOf([missingTo, badRole, badAction]).toBeArray();
  });

  it("types the 201 body and every documented error body", () => {
    type Responses = operations["updateMultiPartyCall"]["responses"];
    expectTypeOf<Responses[201]["content"]["application/json"]>().toEqualTypeOf<{ api_id: string; error: "" }>();
    expectTypeOf<keyof Responses>().toEqualTypeOf<201 | 400 | 401 | 403 | 404 | 429 | 500>();
    expectTypeOf<Responses[400]["content"]["application/json"]>().toEqualTypeOf<Schemas["ErrorResponse"]>();
  });
});
