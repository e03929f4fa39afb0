import { join } from "node:path";
import { serve } from "@hono/node-server";
import type { Command } from "commander";
import type { Case } from "../../core/case.js";
import { formatProblem } from "../../core/data-file.js";
import { loadBundledCases, loadCases } from "../../core/case-loader.js";
import { dxsimHome } from "../../graph/dxsim-home.js";
import { type AccessKeys, freshSecret } from "../../server/access.js";
import { workshopApp } from "../../server/app.js";
import { type ServerStorage, openServerStorage } from "../../server/catalogue.js";
import { WorkshopService } from "../../server/service.js";
import { type Workshop, defaultWorkshop, loadWorkshop } from "../../server/workshop.js";
import { loadBundledKnowledge } from "../knowledge.js";
import { parsedBy } from "../options.js";
import { z } from "zod";

interface ServeFlags {
  port: number;
  host: string;
  db?: string;
  cases?: string;
  workshop?: string;
}

const port = parsedBy(z.coerce.number().int().min(0).max(65535), "a port number from 0 to 65535");

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("serve sessions over HTTP for a workshop: learners' consoles attach with --server, state lives in SQLite or Postgres")
    .option("--port <n>", "port to listen on (0: any free port)", port, 8787)
    .option("--host <address>", "address to listen on", "127.0.0.1")
    .option("--db <url>", "postgres://… for a shared database (several replicas), or a SQLite file (default: server.sqlite in the dxsim data folder)")
    .option("--cases <dir>", "serve the cases in this folder instead of the bundled ones")
    .option("--workshop <file>", "a workshop file: cases, budget, mode, time limit, whether learners see the panel")
    .action(async (flags: ServeFlags) => {
      process.exitCode = await startServer(flags);
    });
}

async function startServer(flags: ServeFlags): Promise<number> {
  const fail = (message: string): number => {
    process.stderr.write(`dxsim serve: ${message}\n`);
    return 1;
  };
  let workshop: Workshop;
  let cases: Case[];
  try {
    workshop = flags.workshop ? loadWorkshop(flags.workshop) : defaultWorkshop();
    const loaded = flags.cases ? loadCases([flags.cases]) : loadBundledCases();
    for (const p of loaded.problems) process.stderr.write(`warning: ${formatProblem(p)} (case left out)\n`);
    cases = loaded.cases.map((l) => l.case);
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  }
  if (cases.length === 0) return fail(`no case could be read from ${flags.cases ?? "the bundled cases"}`);

  const generated: string[] = [];
  const secret = (variable: string, fromFile?: string): string => {
    const value = process.env[variable] ?? fromFile;
    if (value) return value;
    generated.push(variable);
    return freshSecret();
  };
  const keys: AccessKeys = { joinCode: secret("DXSIM_JOIN_CODE", workshop.join_code), instructorToken: secret("DXSIM_INSTRUCTOR_TOKEN") };

  let storage: ServerStorage;
  try {
    storage = await openServerStorage(flags.db ?? join(dxsimHome(), "server.sqlite"));
  } catch (e) {
    return fail(`cannot open the database: ${e instanceof Error ? e.message : String(e)}`);
  }
  let service: WorkshopService;
  try {
    service = new WorkshopService(storage, loadBundledKnowledge(), cases, workshop);
  } catch (e) {
    await storage.close();
    return fail(e instanceof Error ? e.message : String(e));
  }
  const app = workshopApp(service, keys);
  const server = serve({ fetch: app.fetch, port: flags.port, hostname: flags.host }, (info) => {
    process.stdout.write(`dxsim serve: listening on http://${flags.host}:${info.port} · ${service.caseCards().length} cases · workshop "${workshop.name}" · state in ${storage.where}\n`);
    // Secrets made up here are shown once, on this terminal, so the instructor can hand them out;
    // replicas must be started with the same values in the environment.
    if (generated.includes("DXSIM_JOIN_CODE")) process.stdout.write(`join code for learners: ${keys.joinCode}\n`);
    if (generated.includes("DXSIM_INSTRUCTOR_TOKEN")) process.stdout.write(`instructor token (keep it private): ${keys.instructorToken}\n`);
    process.stdout.write("For education and research; not a medical device.\n");
  });
  await new Promise<void>((resolve) => {
    const stop = () => server.close(() => resolve());
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await storage.close();
  return 0;
}
