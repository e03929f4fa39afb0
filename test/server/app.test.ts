import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { workshopApp } from "../../server/app.js";
import { type ServerStorage, openServerStorage } from "../../server/catalogue.js";
import type { PublicSession } from "../../server/public-view.js";
import { WorkshopService } from "../../server/service.js";
import { WorkshopSchema } from "../../server/workshop.js";
import { bundled, bundledCase } from "../graph/helpers.js";

const keys = { joinCode: "join-1234", instructorToken: "instructor-secret-token" };
let storage: ServerStorage | undefined;
afterEach(async () => {
  await storage?.close();
  storage = undefined;
});

async function workshopServer(workshop: Record<string, unknown> = {}, now: () => Date = () => new Date()) {
  storage = await openServerStorage(join(mkdtempSync(join(tmpdir(), "dxsim-serve-")), "server.sqlite"));
  const { knowledge, cases } = bundled();
  const app = workshopApp(new WorkshopService(storage, knowledge, [...cases.values()], WorkshopSchema.parse(workshop), now), keys);
  const call = async (path: string, token?: string, body?: unknown) => {
    const response = await app.request(path, {
      method: body === undefined ? "GET" : "POST",
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { "content-type": "application/json" } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> & unknown[] };
  };
  const join_ = async (learner: string) => (await call("/join", undefined, { code: keys.joinCode, learner })).body.token as string;
  return { call, join: join_ };
}

describe("the workshop server", () => {
  it("answers /health without signing in and refuses everything else without a token", async () => {
    const { call } = await workshopServer();
    expect((await call("/health")).body).toEqual({ ok: true });
    expect((await call("/cases")).status).toBe(401);
    expect((await call("/cases", "l.forged.token")).status).toBe(401);
  });

  it("lets a learner join only with the join code", async () => {
    const { call } = await workshopServer();
    expect((await call("/join", undefined, { code: "wrong", learner: "Ana" })).status).toBe(403);
    expect((await call("/join", undefined, { code: keys.joinCode, learner: "   " })).status).toBe(400);
    const { body } = await call("/join", undefined, { code: keys.joinCode, learner: "Ana" });
    expect((await call("/workshop", body.token as string)).body.you).toEqual({ kind: "learner", learner: "Ana" });
  });

  it("offers only the workshop's cases, with nothing that names a diagnosis", async () => {
    const { call, join } = await workshopServer({ cases: ["cp-01", "ha-01"] });
    const cards = (await call("/cases", await join("Ana"))).body as unknown as { id: string; title: string }[];
    expect(cards.map((c) => c.id)).toEqual(["cp-01", "ha-01"]);
    expect(JSON.stringify(cards)).not.toContain(bundledCase("cp-01").diagnosis.name);
    expect((await call("/sessions", await join("Ana"), { caseId: "abd-01" })).status).toBe(404);
  });

  it("sends a learner only what the gatekeeper revealed until the verdict, then the verdict", async () => {
    const { call, join } = await workshopServer();
    const token = await join("Ana");
    const caseFile = bundledCase("cp-02");
    let session = (await call("/sessions", token, { caseId: "cp-02" })).body as unknown as PublicSession;
    while (!session.finished) {
      const shared = JSON.stringify(session);
      const revealed = JSON.stringify(session.values.reveals);
      const unrevealed = caseFile.findings.map((f) => JSON.stringify(f.text).slice(1, -1)).filter((text) => !revealed.includes(text));
      expect(unrevealed.length).toBeGreaterThan(0);
      for (const text of unrevealed) expect(shared).not.toContain(text);
      expect(shared).not.toContain(caseFile.title);
      expect(session.conclusion).toBeNull();
      expect(session.values.gatekeeperLog).toEqual([]);
      const step = session.planReview ? "plan" : "decision";
      session = (await call(`/sessions/${session.id}/${step}`, token, { decision: { kind: "approve" } })).body as unknown as PublicSession;
    }
    expect(session.conclusion?.truth.name).toBe(caseFile.diagnosis.name);
    expect(session.values.verdict?.score).toBeGreaterThanOrEqual(1);
  });

  it("shows a learner only their own sessions and the instructor all of them", async () => {
    const { call, join } = await workshopServer();
    const ana = await join("Ana");
    const ben = await join("Ben");
    const anas = (await call("/sessions", ana, { caseId: "cp-01" })).body as unknown as PublicSession;
    await call("/sessions", ben, { caseId: "ha-01" });
    expect(((await call("/sessions", ana)).body as unknown as { learner: string }[]).map((r) => r.learner)).toEqual(["Ana"]);
    expect((await call(`/sessions/${anas.id}`, ben)).status).toBe(404);
    expect((await call(`/sessions/${anas.id}/decision`, ben, { decision: { kind: "approve" } })).status).toBe(404);
    expect(((await call("/workshop/status", keys.instructorToken)).body as unknown as { learner: string }[]).map((r) => r.learner).sort()).toEqual(["Ana", "Ben"]);
    expect((await call("/workshop/status", ana)).status).toBe(403);
  });

  it("allows no decision after the verdict: a retry is a new attempt, counted", async () => {
    const { call, join } = await workshopServer();
    const ana = await join("Ana");
    const first = (await call("/sessions", ana, { caseId: "cp-01" })).body as unknown as PublicSession;
    const diagnosed = (await call(`/sessions/${first.id}/decision`, ana, { decision: { kind: "diagnose", diagnosis: { name: "stable angina" } } })).body as unknown as PublicSession;
    expect(diagnosed.planReview?.kind).toBe("plan");
    expect((await call(`/sessions/${first.id}/decision`, ana, { decision: { kind: "approve" } })).status).toBe(409);
    const done = (await call(`/sessions/${first.id}/plan`, ana, { decision: { kind: "approve" } })).body as unknown as PublicSession;
    expect(done.finished).toBe(true);
    const again = await call(`/sessions/${first.id}/decision`, ana, { decision: { kind: "approve" } });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatch(/new attempt/);
    const second = (await call("/sessions", ana, { caseId: "cp-01" })).body as unknown as PublicSession;
    expect([first.attempt, second.attempt]).toEqual([1, 2]);
  });

  it("hides the panel's work when the workshop says so, and refuses a blind approval", async () => {
    const { call, join } = await workshopServer({ show_panel: false });
    const ana = await join("Ana");
    const session = (await call("/sessions", ana, { caseId: "cp-01" })).body as unknown as PublicSession;
    expect(session.values.debate).toEqual([]);
    expect(session.values.differentials).toEqual([]);
    expect(session.review?.proposal).toBeNull();
    expect((await call(`/sessions/${session.id}/decision`, ana, { decision: { kind: "approve" } })).status).toBe(400);
    const asked = (await call(`/sessions/${session.id}/decision`, ana, { decision: { kind: "replace", action: { kind: "ask", questions: ["Does the pain spread anywhere?"] } } })).body as unknown as PublicSession;
    expect(asked.values.reveals.length).toBeGreaterThan(session.values.reveals.length);
  });

  it("takes no step once the workshop's time limit for a session has passed", async () => {
    let clock = new Date("2026-12-04T09:00:00Z");
    const { call, join } = await workshopServer({ time_limit_minutes: 30 }, () => clock);
    const ana = await join("Ana");
    const session = (await call("/sessions", ana, { caseId: "cp-01" })).body as unknown as PublicSession;
    clock = new Date("2026-12-04T09:29:00Z");
    expect((await call(`/sessions/${session.id}/decision`, ana, { decision: { kind: "approve" } })).status).toBe(200);
    clock = new Date("2026-12-04T09:31:00Z");
    const late = await call(`/sessions/${session.id}/decision`, ana, { decision: { kind: "approve" } });
    expect(late.status).toBe(409);
    expect(late.body.error).toMatch(/time limit of 30 minutes/);
  });

  it("refuses malformed bodies with a reason", async () => {
    const { call, join } = await workshopServer();
    const ana = await join("Ana");
    const session = (await call("/sessions", ana, { caseId: "cp-01" })).body as unknown as PublicSession;
    const bad = await call(`/sessions/${session.id}/decision`, ana, { decision: { kind: "explode" } });
    expect(bad.status).toBe(400);
    expect(String(bad.body.error)).toMatch(/expected \{decision\}/);
  });
});
