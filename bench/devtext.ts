import { join } from "node:path";
import { packageRoot } from "../core/paths.js";

/**
 * The development plain-text cases (test/fixtures/devtext/README.md): written the way the
 * held-out cases were, without the knowledge base, but open to the engine's developers. Calibrate
 * on these; the held-out set stays untouched.
 */
export const devtextCasesDir = join(packageRoot, "test", "fixtures", "devtext");
