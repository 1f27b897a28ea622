// What `npm install` brings in for a consumer: this package (packed from this tree) against the SDK.
import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { projectRoot } from "./lib/app-bundle.js";

const run = promisify(execFile);

export type InstallRow = {
  contender: string;
  packages: number;
  bytes: number;
  ratioToThisClient: number;
};

async function measureTree(directory: string): Promise<{ packages: number; bytes: number }> {
  let packages = 0;
  let bytes = 0;
  for (const entry of await readdir(directory, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isFile()) {
      bytes += (await stat(path)).size;
      if (entry.name === "package.json" && /node_modules\/(@[^/]+\/)?[^/@]+$/.test(entry.parentPath)) packages++;
    }
  }
  return { packages, bytes };
}

async function installInto(spec: string): Promise<{ packages: number; bytes: number }> {
  const directory = await mkdtemp(join(tmpdir(), "phlo-install-"));
  try {
    await writeFile(join(directory, "package.json"), '{"name":"footprint","private":true}');
    await run("npm", ["install", "--omit=dev", "--omit=peer", "--ignore-scripts", "--no-audit", "--no-fund", "--prefer-offline", spec], {
      cwd: directory,
    });
    return await measureTree(join(directory, "node_modules"));
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

export async function measureInstallSizes(): Promise<InstallRow[]> {
  const packDirectory = await mkdtemp(join(tmpdir(), "phlo-pack-"));
  try {
    const { stdout } = await run("npm", ["pack", "--silent", "--pack-destination", packDirectory], { cwd: projectRoot });
    const tarball = join(packDirectory, stdout.trim().split("\n").pop()!);
    const ours = await installInto(tarball);
    const sdk = await installInto("plivo@4.79.0");
    return [
      { contender: "this client", ...ours, ratioToThisClient: 1 },
      { contender: "official plivo SDK 4.79.0", ...sdk, ratioToThisClient: Number((sdk.bytes / ours.bytes).toFixed(1)) },
    ];
  } finally {
    await rm(packDirectory, { recursive: true, force: true });
  }
}
