import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { streamSSE } from "hono/streaming";
import { z } from "zod";
import { LearnerNameSchema } from "../core/learner.js";
import { PhysicianDecisionSchema } from "../graph/decision.js";
import { PlanDecisionSchema } from "../graph/plan.js";
import type { SessionUpdate } from "../graph/state.js";
import { type AccessKeys, type Principal, joinToken, principalOf } from "./access.js";
import { Refusal, type WorkshopService } from "./service.js";

/** The largest request body the server reads: a decision or a join is a few hundred bytes. */
const MAX_BODY_BYTES = 64 * 1024;

const JoinSchema = z.object({ code: z.string().max(200), learner: LearnerNameSchema.pipe(z.string().max(100)) });
const CreateSchema = z.object({ caseId: z.string().min(1).max(200), learner: LearnerNameSchema.pipe(z.string().max(100)).optional() });
const DecideSchema = z.object({ decision: PhysicianDecisionSchema });
const PlanSchema = z.object({ decision: PlanDecisionSchema });

type Env = { Variables: { principal: Principal } };

/**
 * The workshop server's routes. Thin: each parses its input, asks the service, and answers JSON
 * (or server-sent events, one per finished graph node, when the client accepts them).
 */
export function workshopApp(service: WorkshopService, keys: AccessKeys): Hono<Env> {
  const app = new Hono<Env>();
  app.use(bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => c.json({ error: `request body over ${MAX_BODY_BYTES} bytes` }, 413) }));

  app.get("/health", (c) => c.json({ ok: true }));

  app.post("/join", async (c) => {
    const body = JoinSchema.safeParse(await jsonBody(c));
    if (!body.success) return c.json({ error: "expected {code, learner} with a learner name of 1-100 characters" }, 400);
    const token = joinToken(keys, body.data.code, body.data.learner);
    return token ? c.json({ token, learner: body.data.learner }) : c.json({ error: "wrong join code" }, 403);
  });

  app.use("/*", async (c, next) => {
    const principal = principalOf(keys, c.req.header("authorization"));
    if (!principal) return c.json({ error: "sign in: a learner token from /join, or the instructor token, as 'Authorization: Bearer …'" }, 401);
    c.set("principal", principal);
    await next();
  });

  app.get("/workshop", (c) => {
    const w = service.workshop;
    return c.json({ name: w.name, mode: w.mode, showPanel: w.show_panel, budgetUsd: w.budget_usd ?? null, timeLimitMinutes: w.time_limit_minutes ?? null, you: c.get("principal") });
  });
  app.get("/cases", (c) => c.json(service.caseCards()));
  app.get("/sessions", async (c) => c.json(await service.list(c.get("principal"))));
  app.get("/workshop/status", async (c) => {
    if (c.get("principal").kind !== "instructor") return c.json({ error: "the workshop's status is for the instructor" }, 403);
    return c.json(await service.list(c.get("principal")));
  });

  app.get("/workshop/results", async (c) => {
    if (c.get("principal").kind !== "instructor") return c.json({ error: "the cohort's results are for the instructor" }, 403);
    return c.json(await service.results());
  });

  app.post("/sessions", async (c) => {
    const body = CreateSchema.safeParse(await jsonBody(c));
    if (!body.success) return c.json({ error: "expected {caseId} (and, from the instructor, learner)" }, 400);
    return answer(c, service, (onUpdate) => service.create(c.get("principal"), body.data.caseId, body.data.learner, onUpdate));
  });
  app.get("/sessions/:id", (c) => answer(c, service, () => service.get(c.get("principal"), c.req.param("id"))));
  app.post("/sessions/:id/decision", async (c) => {
    const body = DecideSchema.safeParse(await jsonBody(c));
    if (!body.success) return c.json({ error: `expected {decision}: ${body.error.issues[0]?.message ?? "a physician decision"}` }, 400);
    return answer(c, service, (onUpdate) => service.decide(c.get("principal"), c.req.param("id"), body.data.decision, onUpdate));
  });
  app.post("/sessions/:id/plan", async (c) => {
    const body = PlanSchema.safeParse(await jsonBody(c));
    if (!body.success) return c.json({ error: `expected {decision}: ${body.error.issues[0]?.message ?? "a plan decision"}` }, 400);
    return answer(c, service, (onUpdate) => service.decidePlan(c.get("principal"), c.req.param("id"), body.data.decision, onUpdate));
  });
  app.post("/sessions/:id/undo", (c) => answer(c, service, (onUpdate) => service.undo(c.get("principal"), c.req.param("id"), onUpdate)));
  app.get("/sessions/:id/debrief", async (c) => {
    try {
      return c.json(await service.debrief(c.get("principal"), c.req.param("id")));
    } catch (e) {
      return refused(c, e);
    }
  });
  app.get("/sessions/:id/transcript", async (c) => {
    const format = c.req.query("format") === "markdown" ? "markdown" : "text";
    try {
      return c.text(await service.transcript(c.get("principal"), c.req.param("id"), format));
    } catch (e) {
      return refused(c, e);
    }
  });
  return app;
}

type Work = (onUpdate?: (node: string, update: SessionUpdate) => void) => Promise<unknown>;

/** JSON by default; with `Accept: text/event-stream`, each node's update as it finishes, then the session. */
async function answer(c: Context<Env>, service: WorkshopService, work: Work): Promise<Response> {
  if (!(c.req.header("accept") ?? "").includes("text/event-stream")) {
    try {
      return c.json(await work());
    } catch (e) {
      return refused(c, e);
    }
  }
  return streamSSE(c, async (stream) => {
    const updates: Promise<void>[] = [];
    try {
      const session = await work((node, update) => {
        updates.push(stream.writeSSE({ event: "update", data: JSON.stringify({ node, update: shareable(update, service.workshop.show_panel) }) }));
      });
      await Promise.all(updates);
      await stream.writeSSE({ event: "session", data: JSON.stringify(session) });
    } catch (e) {
      await stream.writeSSE({ event: "error", data: JSON.stringify({ error: e instanceof Refusal ? e.message : "the server could not run this step" }) });
    }
  });
}

/** A node's update as it may leave the server: the gatekeeper's log stays behind, and the panel's work where the workshop hides it. */
const shareable = (update: SessionUpdate, showPanel: boolean): SessionUpdate => {
  const { gatekeeperLog: _log, debate, differentials, ...rest } = update;
  return showPanel ? { ...rest, ...(debate ? { debate } : {}), ...(differentials ? { differentials } : {}) } : rest;
};

function refused(c: Context<Env>, e: unknown): Response {
  if (e instanceof Refusal) return c.json({ error: e.message }, e.status);
  process.stderr.write(`dxsim serve: ${e instanceof Error ? e.message : String(e)}\n`);
  return c.json({ error: "the server could not do this; its log says why" }, 500);
}

async function jsonBody(c: Context<Env>): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    return undefined;
  }
}
