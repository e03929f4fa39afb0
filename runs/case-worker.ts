import { enableCompileCache } from "node:module";
import { parentPort, workerData } from "node:worker_threads";
import type { WorkerMessage, WorkerRequest, WorkerSetup } from "./workers.js";

// A worker of runOnWorker: plays the cases it is sent, by index into the batch. It loads the
// engine and LangGraph afresh (some 750 modules) and does not inherit the main thread's compile
// cache (cli/main.ts), so it turns on its own before loading them.
enableCompileCache();
const { settleCase } = await import("./batch.js");
const { shareBundledVocabularyFiles } = await import("../core/vocabulary-loader.js");
const setup = workerData as WorkerSetup;
const port = parentPort!;
const say = (message: WorkerMessage) => port.postMessage(message);
port.on("message", async (request: WorkerRequest) => {
  if (request.kind === "vocabulary") return shareBundledVocabularyFiles(request.files);
  say({ kind: "settled", index: request.index, outcome: await settleCase(setup.tasks[request.index]!, setup.knowledge, setup) });
});
say({ kind: "ready" });
