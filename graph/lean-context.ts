import { CallbackManager } from "@langchain/core/callbacks/manager";
import { AsyncLocalStorageProviderSingleton, _CONTEXT_VARIABLES_KEY } from "@langchain/core/singletons";

/** Where @langchain/core's getRunnableConfig() looks for a runnable's config in the store. */
const CHILD_CONFIG = Symbol.for("lc:child_config");
const installed = Symbol.for("dxsim:lean-run-context");

type Provider = typeof AsyncLocalStorageProviderSingleton & { [installed]?: true };

/**
 * LangGraph runs every node, state writer, edge and streamed chunk through @langchain/core's
 * runWithConfig (bench/graph-cost.ts counts about 220 calls a case). With no tracer it still
 * builds a LangSmith RunTree (some 30 properties, environment reads and a crypto-random UUID v7)
 * only to carry the runnable's config and context variables in async-local storage: about
 * 20 µs a call, a fifth of the graph's own time, and garbage. When no LangSmith tracer is
 * configured for the call, this stores the same three things a disabled RunTree would be read
 * for (the config, `tracingEnabled: false`, the context variables) in a plain holder; with a
 * tracer (LangSmith tracing on, or a traced parent run) the library's own code runs unchanged.
 * Idempotent; every graph builder calls it.
 */
export function installLeanRunContext(): void {
  const provider = AsyncLocalStorageProviderSingleton as Provider;
  if (provider[installed]) return;
  const original = provider.runWithConfig;
  provider.runWithConfig = function (this: Provider, config, callback, avoidCreatingRootRunTree) {
    const manager = CallbackManager._configureSync(config?.callbacks, undefined, config?.tags, undefined, config?.metadata);
    if (manager?.handlers.some((handler) => handler.name === "langchain_tracer")) return original.call(this, config, callback, avoidCreatingRootRunTree);
    const storage = this.getInstance();
    const context = (storage.getStore() as Record<symbol, unknown> | undefined)?.[_CONTEXT_VARIABLES_KEY];
    const store = avoidCreatingRootRunTree
      ? context === undefined
        ? undefined
        : { [_CONTEXT_VARIABLES_KEY]: context }
      : { tracingEnabled: false, extra: { [CHILD_CONFIG]: config }, ...(context === undefined ? {} : { [_CONTEXT_VARIABLES_KEY]: context }) };
    return storage.run(store, callback);
  } as typeof original;
  provider[installed] = true;
}
