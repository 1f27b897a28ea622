// The auth token (and the Basic credential built from it) never appears in anything an error shows:
// message, stack, util.inspect, JSON.stringify, String(), or the request it carries, even when a
// server or a custom fetch echoes the credentials back.
import { inspect } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { PhloError } from "../../src/index.js";
import { credentialLeaks } from "../helpers/fetch.js";
import { failureOf, failureScenarios } from "../helpers/failure-scenarios.js";

const { scenarios, close } = await failureScenarios();
afterAll(close);

/** Every way an error can be shown to a person or a log. */
const renderings = (error: unknown) => [
  String(error),
  (error as Error).message,
  String((error as Error).stack),
  inspect(error, { depth: Infinity, showHidden: true }),
  JSON.stringify(error),
  JSON.stringify((error as { request?: unknown }).request ?? null),
];

describe("credentials stay secret", () => {
  it.each(scenarios)("%s", async (_case, run) => {
    const error = await failureOf(run);
    expect(error).toBeInstanceOf(PhloError);
    expect(renderings(error).flatMap(credentialLeaks)).toEqual([]);
  });
});
