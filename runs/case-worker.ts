import { enableCompileCache } from "node:module";
import { parentPort } from "node:worker_threads";
import type { WorkerMessage, WorkerRequest, WorkerSetup } from "./workers.js";

// A worker of runOnWorker: plays the cases it is sent, by index into the batch it was sent first.
// It loads the engine and LangGraph afresh (some 700 modules) and does not inherit the main
// thread's compile cache (cli/main.ts), so it turns on its own before loading them.
enableCompileCache();
const { settleCase } = await import("./batch.js");
const { shareBundledVocabularyFiles } = await import("../core/vocabulary-loader.js");
const port = parentPort!;
const say = (message: WorkerMessage) => port.postMessage(message);
let setup: WorkerSetup | undefined;
port.on("message", async (request: WorkerRequest) => {
  if (request.kind === "setup") {
    setup = request.setup;
    return say({ kind: "ready" });
  }
  if (request.kind === "vocabulary") return shareBundledVocabularyFiles(request.files);
  if (!setup) throw new Error("dxsim worker: a case came before its batch");
  say({ kind: "settled", index: request.index, outcome: await settleCase(setup.tasks[request.index]!, setup.knowledge, setup) });
});
