import type { Document, LineCounter, Node } from "yaml";
import { FILE_LIMITS } from "./file-limits.js";
import { yaml } from "./yaml-lib.js";

/** A YAML construct dxsim refuses before turning the document into data. */
export interface YamlHazard {
  /** 1-based line. */
  line: number;
  message: string;
}

/**
 * Checks the size of a YAML (or JSON) text's tree from its tokens, before the parser builds it:
 * the parser recurses, so ten thousand nested brackets would cost a gigabyte and overflow the
 * stack, and it takes seconds over a list of a hundred thousand items. Depth on a line = open
 * indentation levels + block indicators on the line (`-`, `?`, `:`) + open flow brackets; it
 * over-counts a little, never under-counts. Values are scalars and flow collections. Linear.
 */
export function yamlShapeHazard(text: string, maxDepth: number = FILE_LIMITS.nestingDepth, maxValues: number = FILE_LIMITS.values): YamlHazard | undefined {
  const indents: number[] = [];
  let line = 1;
  let flow = 0;
  let indicators = 0;
  let indent = 0;
  let lineStarted = false;
  let scalarBody = false;
  let values = 0;
  const newlinesIn = (s: string): number => s.split("\n").length - 1;
  for (const token of new (yaml().Lexer)().lex(text)) {
    if (scalarBody) {
      // The text of a scalar follows its marker token; brackets and dashes in it are not structure.
      scalarBody = false;
      line += newlinesIn(token);
      continue;
    }
    const first = token.charCodeAt(0);
    if (token === "\u001f") {
      scalarBody = true;
      values++;
    } else if (token === "\n" || token === "\r\n") {
      line++;
      indicators = 0;
      indent = 0;
      lineStarted = false;
      continue;
    } else if (first === 0x20 || first === 0x09) {
      if (!lineStarted) indent = token.length;
      continue;
    } else if (first === 0x23 || first < 0x20) {
      continue; // a comment, or a lexer marker (document start and the like)
    }
    if (!lineStarted) {
      lineStarted = true;
      while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
      indents.push(indent);
    }
    if (token === "[" || token === "{") {
      flow++;
      values++;
    } else if (token === "]" || token === "}") flow = Math.max(0, flow - 1);
    else if (flow === 0 && (token === "-" || token === "?" || token === ":")) indicators++;
    else if (first === 0x22 || first === 0x27) {
      line += newlinesIn(token);
      values++;
    }
    if (values > maxValues) return { line, message: `holds more than ${maxValues} values` };
    if (indents.length + indicators + flow > maxDepth) return { line, message: `nested deeper than ${maxDepth} levels` };
  }
  return undefined;
}

/**
 * Aliases (*name) that cannot be expanded safely: one with no anchor before it, one inside the
 * node it names (a cycle), or more of them than the limit (an alias bomb). Anchors are tracked
 * in document order, as YAML resolves them; linear in the size of the document.
 */
export function yamlAliasHazards(doc: Document, lines: LineCounter, maxAliases: number = FILE_LIMITS.aliases): YamlHazard[] {
  const anchors = new Map<string, Node>();
  const hazards: YamlHazard[] = [];
  let aliases = 0;
  const lineOf = (node: Node): number => (node.range ? lines.linePos(node.range[0]).line : 1);
  const { isAlias, isNode, visit } = yaml();
  visit(doc, (_key, node, path) => {
    if (!isNode(node)) return;
    if (isAlias(node)) {
      aliases++;
      const target = anchors.get(node.source);
      if (!target) hazards.push({ line: lineOf(node), message: `alias *${node.source} has no anchor &${node.source} before it` });
      else if (path.includes(target)) hazards.push({ line: lineOf(node), message: `alias *${node.source} refers to a node that contains it` });
      if (aliases === maxAliases + 1) hazards.push({ line: lineOf(node), message: `more than ${maxAliases} aliases (*name); dxsim refuses alias bombs` });
      if (hazards.length > 0) return visit.BREAK;
    } else if (node.anchor) {
      anchors.set(node.anchor, node);
    }
    return undefined;
  });
  return hazards;
}

/** The line of the first alias in a document, where an alias bomb starts. */
export function firstAliasLine(doc: Document, lines: LineCounter): number | undefined {
  let line: number | undefined;
  const { visit } = yaml();
  visit(doc, {
    Alias(_key, node) {
      line = node.range ? lines.linePos(node.range[0]).line : undefined;
      return visit.BREAK;
    },
  });
  return line;
}
