import { parentPort, workerData } from "node:worker_threads";
import { settleCase } from "./batch.js";
import type { WorkerMessage, WorkerSetup } from "./workers.js";

// A worker of runOnWorker: plays the cases it is sent, by index into the batch.
const setup = workerData as WorkerSetup;
const port = parentPort!;
const say = (message: WorkerMessage) => port.postMessage(message);
port.on("message", async (index: number) => {
  say({ kind: "settled", index, outcome: await settleCase(setup.tasks[index]!, setup.knowledge, setup) });
});
say({ kind: "ready" });
