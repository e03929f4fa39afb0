import type { Action } from "../core/action.js";
import type { Catalog } from "../core/catalog.js";
import { type OrderableTest, resolveOrder } from "../core/orders.js";

/** An action in words for the debrief: the questions as asked, tests by their catalog names. */
export function actionText(action: Action, catalog: Catalog, caseTests: readonly OrderableTest[] = []): string {
  switch (action.kind) {
    case "ask":
      return `ask: ${action.questions.join(" / ")}`;
    case "order":
      return `order: ${action.tests.map((t) => testName(t, catalog, caseTests)).join(", ")}`;
    case "diagnose":
      return `diagnose: ${action.diagnosis.name}`;
  }
}

/** A test as ordered, by the name of the test it resolves to; as written when it resolves to none. */
export function testName(asWritten: string, catalog: Catalog, caseTests: readonly OrderableTest[] = []): string {
  const resolved = resolveOrder(catalog, asWritten, caseTests);
  return resolved.kind === "match" ? resolved.test.name : asWritten;
}
