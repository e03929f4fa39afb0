import { describe, expect, it } from "vitest";
import { getContextVariable, registerConfigureHook, setContextVariable } from "@langchain/core/context";
import { LangChainTracer } from "@langchain/core/tracers/tracer_langchain";
import { AsyncLocalStorageProviderSingleton as provider } from "@langchain/core/singletons";
import { installLeanRunContext } from "../../graph/lean-context.js";

installLeanRunContext();
const store = () => provider.getInstance().getStore() as Record<string, unknown> | undefined;

describe("the lean run context (no RunTree when nothing traces)", () => {
  it("hands a runnable its own config, nested runs theirs, and keeps tracing off for children", async () => {
    const outer = { configurable: { thread_id: "outer" } };
    const inner = { configurable: { thread_id: "inner" } };
    const seen = await provider.runWithConfig(outer, async () => {
      const first = provider.getRunnableConfig();
      const nested = await provider.runWithConfig(inner, async () => provider.getRunnableConfig());
      return { first, nested, after: provider.getRunnableConfig(), tracing: store()?.tracingEnabled, runId: store()?.id };
    });
    expect(seen.first).toBe(outer);
    expect(seen.nested).toBe(inner);
    expect(seen.after).toBe(outer);
    expect(seen.tracing).toBe(false);
    expect(seen.runId).toBeUndefined();
  });

  it("carries context variables into nested runs, as a RunTree would", async () => {
    const value = await provider.runWithConfig({}, async () => {
      setContextVariable("dxsim-test", 42);
      return provider.runWithConfig({}, async () => provider.runWithConfig({}, async () => getContextVariable("dxsim-test"), true));
    });
    expect(value).toBe(42);
  });

  it("leaves a traced call to the library: a LangSmith tracer gets a real run tree", async () => {
    const tree = await provider.runWithConfig({ callbacks: [new LangChainTracer()] }, async () => store());
    expect(typeof tree?.id).toBe("string");
    expect(tree?.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("leaves a call to the library when LangSmith tracing is switched on in the environment (read when a graph is built)", async () => {
    const before = process.env.LANGSMITH_TRACING;
    process.env.LANGSMITH_TRACING = "true";
    try {
      installLeanRunContext();
      const tree = await provider.runWithConfig({}, async () => store());
      expect(tree?.id).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      if (before === undefined) delete process.env.LANGSMITH_TRACING;
      else process.env.LANGSMITH_TRACING = before;
      installLeanRunContext();
    }
    expect((await provider.runWithConfig({}, async () => store()))?.id).toBeUndefined();
  });

  it("lets a traced parent run decide for its children, switched on or off", async () => {
    // A LangSmith RunTree, by way of the library (langsmith is not a dependency of ours to import).
    const disabled = (await provider.runWithConfig({ callbacks: [new LangChainTracer()] }, async () => store())) as object;
    const RunTree = disabled.constructor as new (fields: { name: string; tracingEnabled: boolean }) => object;
    const under = (tracingEnabled: boolean) =>
      provider.getInstance().run(new RunTree({ name: "parent", tracingEnabled }), () => provider.runWithConfig({ callbacks: [new LangChainTracer()] }, async () => store()));
    expect((await under(true))?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await under(false))?.id).toBeUndefined();
  });

  it("leaves the decision to the library when context variables may carry a configure hook that adds a tracer", async () => {
    const tree = await provider.runWithConfig({}, async () => {
      registerConfigureHook({ contextVar: "dxsim-tracer" });
      setContextVariable("dxsim-tracer", new LangChainTracer());
      return provider.runWithConfig({}, async () => store());
    });
    expect(tree?.id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
