// Bundle of an app that places one warm transfer: this client against the official SDK and raw fetch.
import { bundleApp, WARM_TRANSFER_APPS } from "./lib/app-bundle.js";

export type BundleRow = {
  contender: string;
  minifiedBytes: number;
  gzippedBytes: number;
  ratioToThisClient: number;
};

export async function measureBundleSizes(): Promise<BundleRow[]> {
  const sizes = [];
  for (const [contender, source] of Object.entries(WARM_TRANSFER_APPS)) {
    // The SDK is a Node library: it cannot be bundled for a neutral platform.
    const { minifiedBytes, gzippedBytes } = await bundleApp(source, contender === "this client" ? "neutral" : "node");
    sizes.push({ contender, minifiedBytes, gzippedBytes });
  }
  const ours = sizes.find((row) => row.contender === "this client")!.gzippedBytes;
  return sizes.map((row) => ({ ...row, ratioToThisClient: Number((row.gzippedBytes / ours).toFixed(2)) }));
}
