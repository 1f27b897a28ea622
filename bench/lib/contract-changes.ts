// Changes a developer could make to the contract, each with the verdict it must get: the gate's
// tests (test/breaking/) make each one in a temporary copy, and the differ benchmark scores each
// differ on them.

/** The bundle as a plain object, to change in place. */
export type Spec = {
  info: { version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};
export type Operation = { responses: Record<string, unknown>; [key: string]: unknown };
export type Schema = { properties: Record<string, Schema>; required: string[]; enum: string[]; pattern: string; [key: string]: unknown };

export const NODE_PATH = "/phlo/{phlo_id}/multi_party_call/{node_id}";
export const schemas = (spec: Spec) => spec.components.schemas;

export interface ContractChange {
  name: string;
  breaking: boolean;
  change: (spec: Spec) => void;
  /** Made to the baseline too, before `change`: something for `change` to remove or extend. */
  baseline?: (spec: Spec) => void;
}

/** Adds a path the spec does not have yet; replacing one (and its operations) would be a different change. */
function addPath(spec: Spec, path: string, item: Record<string, Operation>): void {
  if (spec.paths[path]) throw new Error(`the spec already has ${path}: pick a new path for "a new operation"`);
  spec.paths[path] = item;
}

const addOptionalString = (schema: Schema, field: string) => (schema.properties[field] = { type: "string" } as never);

export const CONTRACT_CHANGES: ContractChange[] = [
  {
    name: "a request enum value removed",
    breaking: true,
    change: (spec) => (schemas(spec).MultiPartyCallAction!.enum = ["warm_transfer", "call"]),
  },
  {
    name: "a required request field added",
    breaking: true,
    change: (spec) => {
      addOptionalString(schemas(spec).MultiPartyCallUpdate!, "callback_url");
      schemas(spec).MultiPartyCallUpdate!.required.push("callback_url");
    },
  },
  {
    name: "a required response field removed",
    breaking: true,
    change: (spec) => {
      const node = schemas(spec).MultiPartyCall!;
      delete node.properties.name;
      node.required = node.required.filter((field) => field != "name");
    },
  },
  {
    name: "an optional response field removed",
    breaking: true,
    baseline: (spec) => addOptionalString(schemas(spec).MultiPartyCall!, "region"),
    change: (spec) => delete schemas(spec).MultiPartyCall!.properties.region,
  },
  {
    name: "a request pattern narrowed",
    breaking: true,
    change: (spec) => (schemas(spec).Address!.pattern = "^\\+?[0-9]{3,15}$"),
  },
  {
    name: "an operation removed",
    breaking: true,
    change: (spec) => delete spec.paths[NODE_PATH]!.get,
  },
  {
    name: "a success status code changed",
    breaking: true,
    change: (spec) => {
      const responses = spec.paths[NODE_PATH]!.post!.responses;
      responses["200"] = responses["201"];
      delete responses["201"];
    },
  },
  {
    name: "a new optional request field",
    breaking: false,
    change: (spec) => addOptionalString(schemas(spec).MultiPartyCallUpdate!, "caller_name"),
  },
  {
    name: "a new response field",
    breaking: false,
    change: (spec) => addOptionalString(schemas(spec).MultiPartyCall!, "region"),
  },
  {
    name: "a new operation",
    breaking: false,
    change: (spec) => addPath(spec, `${NODE_PATH}/members`, {
      get: {
        operationId: "listMultiPartyCallMembers",
        summary: "List the members of a multiparty call",
        parameters: [{ $ref: "#/components/parameters/PhloId" }, { $ref: "#/components/parameters/NodeId" }],
        responses: { "200": { description: "The members", content: { "application/json": { schema: { type: "object" } } } } },
      },
    }),
  },
  {
    name: "a new enum value in a response",
    breaking: false,
    baseline: (spec) => (schemas(spec).MultiPartyCall!.properties.node_type = { type: "string", enum: ["multi_party_call"] } as never),
    change: (spec) => schemas(spec).MultiPartyCall!.properties.node_type!.enum.push("conference"),
  },
];

export const contractChange = (name: string): ContractChange => {
  const found = CONTRACT_CHANGES.find((candidate) => candidate.name == name);
  if (!found) throw new Error(`no contract change named ${name}`);
  return found;
};
