import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningPostgres, postgresBinaries, startPostgres } from "../../bench/support/postgres.js";
import { CLI, type ServeProcess, startServe } from "../../bench/support/serve-process.js";
import { WorkshopClient } from "../../cli/remote/client.js";
import type { PublicSession } from "../../server/public-view.js";

const run = promisify(execFile);
const secrets = { DXSIM_JOIN_CODE: "ward-7-join", DXSIM_INSTRUCTOR_TOKEN: "instructor-token-for-tests" };
const LEARNERS = 40;

// Postgres comes from the machine's binaries (.ci/run installs Debian's postgresql); in CI it must be there.
const hasPostgres = postgresBinaries() !== null || process.env.CI === "true";

describe.skipIf(!hasPostgres)("two dxsim serve replicas on one Postgres", () => {
  let postgres: RunningPostgres;
  let replicas: ServeProcess[] = [];
  // A folder with no case files: the learners' and the servers' working directory.
  const empty = mkdtempSync(join(tmpdir(), "dxsim-no-cases-"));
  const env = { PATH: process.env.PATH, HOME: empty, DXSIM_HOME: join(empty, "home"), ...secrets };

  beforeAll(async () => {
    postgres = await startPostgres();
    replicas = await Promise.all([startServe(["--db", postgres.url], env, empty), startServe(["--db", postgres.url], env, empty)]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await postgres?.stop();
  });

  it(`serves ${LEARNERS} learners at once, each session moving between replicas, every one to a verdict`, async () => {
    expect(readdirSync(empty).filter((f) => /\.(ya?ml|json)$/.test(f))).toEqual([]);
    const cases = await (await WorkshopClient.signIn(replicas[0]!.url, { instructorToken: secrets.DXSIM_INSTRUCTOR_TOKEN })).cases();
    const finished = await Promise.all(
      Array.from({ length: LEARNERS }, async (_, n) => {
        const [a, b] = await Promise.all(replicas.map((r) => WorkshopClient.signIn(r.url, { learner: `learner-${n}`, joinCode: secrets.DXSIM_JOIN_CODE })));
        let session: PublicSession = await a!.create(cases[n % cases.length]!.id);
        const startedOn = session.id;
        for (let step = 0; session.review || session.planReview; step++) {
          const replica = step % 2 === 0 ? b! : a!;
          session = session.review ? await replica.decide(session.id, { kind: "approve" }) : await replica.decidePlan(session.id, { kind: "approve" });
        }
        expect(session.id).toBe(startedOn);
        return session;
      }),
    );
    expect(finished.filter((s) => s.finished && s.values.verdict !== null)).toHaveLength(LEARNERS);
    expect(new Set(finished.map((s) => s.id)).size).toBe(LEARNERS);

    const { stdout } = await run(process.execPath, [CLI, "sessions", "--server", replicas[1]!.url, "--json"], { env, cwd: empty });
    const listed = JSON.parse(stdout) as { id: string; status: string; learner: string }[];
    expect(listed.map((r) => r.id).sort()).toEqual(finished.map((s) => s.id).sort());
    expect(listed.every((r) => r.status === "finished")).toBe(true);
  }, 180_000);

  it("lets a learner list only their own sessions from the command line", { timeout: 60_000 }, async () => {
    const { stdout } = await run(process.execPath, [CLI, "sessions", "--server", replicas[0]!.url, "--learner", "learner-3", "--json"], { env, cwd: empty });
    expect((JSON.parse(stdout) as { learner: string }[]).map((r) => r.learner)).toEqual(["learner-3"]);
  });

  it("plays a case without a terminal from the learner's machine and prints the transcript", { timeout: 60_000 }, async () => {
    const { stdout, stderr } = await run(process.execPath, [CLI, "play", "cp-01", "--server", replicas[1]!.url, "--learner", "Ana"], { env, cwd: empty });
    expect(stdout).toMatch(/approving every proposal/);
    expect(stdout).toMatch(/Verdict/i);
    expect(stderr).toMatch(/^session cp-01-/);
  });

  it("gives the instructor the live table and the cohort report, grouped by learner", { timeout: 120_000 }, async () => {
    const status = await run(process.execPath, [CLI, "workshop", "status", "--server", replicas[0]!.url], { env, cwd: empty });
    expect(status.stdout.split("\n")[0]).toMatch(/^LEARNER\s+CASE\s+ATTEMPT\s+ROUND\s+SPENT\s+HARMFUL\s+STATUS/);
    expect(status.stdout).toMatch(/^learner-17\s/m);
    // A judged session shows its score and its points.
    expect(status.stdout).toMatch(/finished, [1-5]\/5, \d+ points/);
    const html = join(empty, "cohort.html");
    const report = await run(process.execPath, [CLI, "workshop", "report", "--server", replicas[1]!.url, "--html", html], { env, cwd: empty });
    expect(report.stdout).toMatch(/by learner:/);
    expect(report.stdout).toMatch(/learner-39 +n +1 .* points \d+/);
    expect(readFileSync(html, "utf8")).toContain("learner-39");
  });

  it("says in one line when the join code is wrong and exits 1", { timeout: 60_000 }, async () => {
    const failed = await run(process.execPath, [CLI, "sessions", "--server", replicas[0]!.url, "--learner", "Ana"], { env: { ...env, DXSIM_JOIN_CODE: "nope" }, cwd: empty }).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr.trim()).toBe(`dxsim: the server at ${new URL(replicas[0]!.url).origin} refused: wrong join code`);
  });
});
