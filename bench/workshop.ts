import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { WorkshopClient } from "../cli/remote/client.js";
import type { PublicSession } from "../server/public-view.js";
import { Random } from "../runs/random.js";
import { postgresBinaries, startPostgres } from "./support/postgres.js";
import { type ServeProcess, startServe } from "./support/serve-process.js";

export interface WorkshopLoad {
  learners: number;
  thinkMs: readonly [number, number] | null;
  replicas: number;
  steps: number;
  errors: number;
  p50Ms: number;
  p95Ms: number;
  stepsPerSecond: number;
  database: string;
}

const secrets = { DXSIM_JOIN_CODE: "bench-join-code", DXSIM_INSTRUCTOR_TOKEN: "bench-instructor-token" };

const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

/**
 * Scripted learners against `dxsim serve` processes on one database: each joins, opens a case
 * and approves every proposal to the verdict, all at once. A step is one HTTP call that runs
 * the graph (create or decision); its latency is measured at the learner.
 */
export async function benchWorkshop(options: { learners: number; replicas: number; thinkMs?: readonly [number, number] }): Promise<WorkshopLoad> {
  // Seeded (mulberry32), so every bench run thinks the same pauses.
  const random = new Random(options.learners * 31 + options.replicas);
  const think = async () => {
    if (!options.thinkMs) return;
    const [low, high] = options.thinkMs;
    await new Promise((r) => setTimeout(r, low + random.next() * (high - low)));
  };
  const usePostgres = postgresBinaries() !== null;
  const postgres = usePostgres ? await startPostgres() : null;
  const folder = mkdtempSync(join(tmpdir(), "dxsim-bench-workshop-"));
  const db = postgres?.url ?? join(folder, "server.sqlite");
  const env = { PATH: process.env.PATH, HOME: folder, DXSIM_HOME: folder, ...secrets };
  const servers: ServeProcess[] = [];
  try {
    for (let i = 0; i < options.replicas; i++) servers.push(await startServe(["--db", db], env, folder));
    const cases = await (await WorkshopClient.signIn(servers[0]!.url, { instructorToken: secrets.DXSIM_INSTRUCTOR_TOKEN })).cases();
    const latencies: number[] = [];
    let errors = 0;
    const timedStep = async (work: () => Promise<PublicSession>): Promise<PublicSession | null> => {
      const t0 = performance.now();
      try {
        const session = await work();
        latencies.push(performance.now() - t0);
        return session;
      } catch {
        errors++;
        return null;
      }
    };
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: options.learners }, async (_, n) => {
        await think();
        const client = await WorkshopClient.signIn(servers[n % servers.length]!.url, { learner: `learner-${n}`, joinCode: secrets.DXSIM_JOIN_CODE });
        let session = await timedStep(() => client.create(cases[n % cases.length]!.id));
        while (session?.review || session?.planReview) {
          const { id, review } = session;
          await think();
          session = await timedStep(() => (review ? client.decide(id, { kind: "approve" }) : client.decidePlan(id, { kind: "approve" })));
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const sorted = [...latencies].sort((a, b) => a - b);
    return { learners: options.learners, thinkMs: options.thinkMs ?? null, replicas: options.replicas, steps: latencies.length, errors, p50Ms: quantile(sorted, 0.5), p95Ms: quantile(sorted, 0.95), stepsPerSecond: latencies.length / seconds, database: postgres ? "Postgres" : "SQLite" };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await postgres?.stop();
  }
}

export function formatWorkshopLoad(paced: WorkshopLoad, one: WorkshopLoad, two: WorkshopLoad): string {
  const line = (l: WorkshopLoad) =>
    `${l.replicas} replica${l.replicas === 1 ? " " : "s"}, ${l.learners} learners ${l.thinkMs ? `thinking ${l.thinkMs[0] / 1000}-${l.thinkMs[1] / 1000} s a step` : "with no pause"}: ${l.steps} steps, p50 ${l.p50Ms.toFixed(0)} ms, p95 ${l.p95Ms.toFixed(0)} ms a step, ${l.stepsPerSecond.toFixed(1)} steps/s, ${l.errors} errors`;
  const speedup = two.stepsPerSecond / one.stepsPerSecond;
  const errors = paced.errors + one.errors + two.errors;
  const met = (ok: boolean) => (ok ? "met" : "NOT met");
  return [
    `workshop server (${one.database}, offline brain):`,
    `  ${line(paced)}`,
    `  ${line(one)}`,
    `  ${line(two)}`,
    `target: ${paced.learners} concurrent learners, p95 under 250 ms a step on one server: ${paced.p95Ms.toFixed(0)} ms — ${met(paced.p95Ms < 250)}`,
    `target: 0 errors: ${errors} — ${met(errors === 0)}`,
    `target: two replicas at least 1.7x one (steps/s, learners with no pause): ${speedup.toFixed(2)}x — ${met(speedup >= 1.7)}`,
  ].join("\n");
}
