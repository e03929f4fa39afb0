import { CallbackManager } from "@langchain/core/callbacks/manager";
import { AsyncLocalStorageProviderSingleton, _CONTEXT_VARIABLES_KEY } from "@langchain/core/singletons";
import type { RunnableConfig } from "@langchain/core/runnables";

/** Where @langchain/core's getRunnableConfig() looks for a runnable's config in the store. */
const CHILD_CONFIG = Symbol.for("lc:child_config");
const installed = Symbol.for("dxsim:lean-run-context");
const TRACER = "langchain_tracer";

type Provider = typeof AsyncLocalStorageProviderSingleton & { [installed]?: true };
type Store = { tracingEnabled?: boolean; [_CONTEXT_VARIABLES_KEY]?: unknown } | undefined;

/** The environment switches with which @langchain/core adds a LangSmith tracer to every run (utils/callbacks.ts). */
const TRACING_SWITCHES = ["LANGSMITH_TRACING_V2", "LANGCHAIN_TRACING_V2", "LANGSMITH_TRACING", "LANGCHAIN_TRACING"];
const tracingSwitchedOn = () => TRACING_SWITCHES.some((name) => process.env[name] === "true");
let environmentTraces = tracingSwitchedOn();

/**
 * Whether @langchain/core would give this call a LangSmith tracer: the decision its
 * CallbackManager._configureSync makes, without building the manager or reading the
 * environment on every call. A traced parent run decides for its children; otherwise a tracer
 * among the config's callbacks, or tracing switched on in the environment (as read when the
 * last graph was built), does. Context variables may carry configure hooks that add handlers of
 * their own, so with any set the library's own code decides.
 */
function traced(config: RunnableConfig | undefined, store: Store): boolean {
  if (store?.[_CONTEXT_VARIABLES_KEY] !== undefined) {
    const manager = CallbackManager._configureSync(config?.callbacks, undefined, config?.tags, undefined, config?.metadata);
    return manager?.handlers.some((handler) => handler.name === TRACER) ?? false;
  }
  if (store?.tracingEnabled !== undefined) return store.tracingEnabled;
  const callbacks = config?.callbacks;
  const handlers = Array.isArray(callbacks) ? callbacks : (callbacks?.handlers ?? []);
  return environmentTraces || handlers.some((handler) => "name" in handler && handler.name === TRACER);
}

/**
 * LangGraph runs every node, state writer, edge and streamed chunk through @langchain/core's
 * runWithConfig (bench/graph-cost.ts counts about 175 calls a case). With no tracer it still
 * builds a LangSmith RunTree (some 30 properties, environment reads and a crypto-random UUID v7)
 * only to carry the runnable's config and context variables in async-local storage: about
 * 20 µs a call, a fifth of the graph's own time, and garbage. When no LangSmith tracer is
 * configured for the call, this stores the same three things a disabled RunTree would be read
 * for (the config, `tracingEnabled: false`, the context variables) in a plain holder; with a
 * tracer (LangSmith tracing on, or a traced parent run) the library's own code runs unchanged.
 * Every graph builder calls it; after the first call it only reads the tracing environment again.
 */
export function installLeanRunContext(): void {
  environmentTraces = tracingSwitchedOn();
  const provider = AsyncLocalStorageProviderSingleton as Provider;
  if (provider[installed]) return;
  const original = provider.runWithConfig;
  provider.runWithConfig = function (this: Provider, config, callback, avoidCreatingRootRunTree) {
    const storage = this.getInstance();
    const current = storage.getStore() as Store;
    if (traced(config, current)) return original.call(this, config, callback, avoidCreatingRootRunTree);
    const context = current?.[_CONTEXT_VARIABLES_KEY];
    const store = avoidCreatingRootRunTree
      ? context === undefined
        ? undefined
        : { [_CONTEXT_VARIABLES_KEY]: context }
      : { tracingEnabled: false, extra: { [CHILD_CONFIG]: config }, ...(context === undefined ? {} : { [_CONTEXT_VARIABLES_KEY]: context }) };
    return storage.run(store, callback);
  } as typeof original;
  provider[installed] = true;
}
