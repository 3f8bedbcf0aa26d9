// Checks the TextMate grammar without any dependency: `npm test` (node --test).
//
// 1. The grammar files and language-configuration.json parse, every
//    `include` resolves, and every regex compiles as a JavaScript RegExp
//    (with the `u` flag, so `\p{L}` works as in Oniguruma).
// 2. A small TextMate tokenizer (below) runs the grammar over sample text and
//    checks the scopes that matter. It follows vscode-textmate's rules
//    closely enough for this grammar (earliest match wins, the end pattern
//    wins ties, begin/end rules push and pop, captures paint over their
//    match), but it is not VS Code: it exists to catch regressions.

"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const root = path.join(__dirname, "..");
const readJson = (rel) => JSON.parse(fs.readFileSync(path.join(root, rel), "utf8"));

const GRAMMAR = "syntaxes/plan.tmLanguage.json";
const MARKDOWN = "syntaxes/plan.markdown.tmLanguage.json";

// ---------------------------------------------------------------- regexes

/**
 * Oniguruma source → JavaScript source. The plan grammar is written to be
 * valid in both; this only handles the Oniguruma-only escapes that the
 * Markdown injection needs (`\G`) and TextMate's back-references from an end
 * or while pattern to its begin captures (`\1`), which are text substitutions
 * rather than real back-references.
 */
function toJsSource(source, { crossRefs = false } = {}) {
  return source.replace(/\\(.)/gsu, (whole, ch) => {
    if (ch === "G") return "(?:)"; // end of the previous match
    if (ch === "A") return "^";
    if (ch === "z" || ch === "Z") return "$";
    if (ch === "h") return "[0-9A-Fa-f]";
    if (ch === "H") return "[^0-9A-Fa-f]";
    if (crossRefs && /[1-9]/.test(ch)) return "(?:)";
    return whole;
  });
}

function compile(source, opts) {
  return new RegExp(toJsSource(source, opts), "dgmu");
}

/** Every regex of a grammar, as [where, source, isEndOrWhile]. */
function collectRegexes(node, where = "$", out = []) {
  if (Array.isArray(node)) {
    node.forEach((child, i) => collectRegexes(child, `${where}[${i}]`, out));
  } else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === "string" && ["match", "begin", "end", "while"].includes(key)) {
        out.push([`${where}.${key}`, value, key === "end" || key === "while"]);
      } else if (typeof value === "object") {
        collectRegexes(value, `${where}.${key}`, out);
      }
    }
  }
  return out;
}

function collectIncludes(node, out = []) {
  if (Array.isArray(node)) node.forEach((child) => collectIncludes(child, out));
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "include" && typeof value === "string") out.push(value);
      else if (typeof value === "object") collectIncludes(value, out);
    }
  }
  return out;
}

// ---------------------------------------------------------------- tokenizer

class Tokenizer {
  constructor(grammar) {
    this.grammar = grammar;
    this.cache = new Map();
  }

  regex(source, opts) {
    const key = `${opts && opts.crossRefs ? "x" : ""}${source}`;
    if (!this.cache.has(key)) this.cache.set(key, compile(source, opts));
    return this.cache.get(key);
  }

  /** The rules a pattern list stands for, includes expanded. */
  rules(patterns, seen = new Set()) {
    const out = [];
    for (const pattern of patterns || []) {
      if (pattern.include) {
        let target;
        if (pattern.include === "$self" || pattern.include === this.grammar.scopeName) {
          target = { patterns: this.grammar.patterns };
        } else if (pattern.include.startsWith("#")) {
          target = this.grammar.repository[pattern.include.slice(1)];
        } else {
          continue; // another grammar: not loaded here
        }
        if (!target || seen.has(target)) continue;
        if (target.match || target.begin) out.push(target);
        else out.push(...this.rules(target.patterns, new Set([...seen, target])));
      } else if (pattern.match || pattern.begin) {
        out.push(pattern);
      } else if (pattern.patterns) {
        out.push(...this.rules(pattern.patterns, seen));
      }
    }
    return out;
  }

  /** Tokenizes a whole text; returns one array of scope lists per line, one list per character. */
  tokenize(text) {
    const base = { patterns: this.grammar.patterns, scopes: [this.grammar.scopeName] };
    base.content = base.scopes;
    const stack = [base];
    return text.split("\n").map((line) => this.tokenizeLine(line, stack));
  }

  tokenizeLine(line, stack) {
    const text = `${line}\n`; // TextMate matches each line with its newline
    const chars = new Array(line.length).fill(null);
    const paint = (from, to, scopes) => {
      for (let i = from; i < Math.min(to, line.length); i++) chars[i] = scopes;
    };
    const paintCaptures = (m, captures, scopes) => {
      if (!captures) return;
      for (const [index, capture] of Object.entries(captures)) {
        const span = m.indices[Number(index)];
        if (span && capture.name) paint(span[0], span[1], [...scopes, capture.name]);
      }
    };
    const exec = (re, at) => {
      re.lastIndex = at;
      return re.exec(text);
    };

    let pos = 0;
    for (let guard = 0; pos <= line.length; guard++) {
      assert.ok(guard < 10000, `tokenizer loops on: ${line}`);
      const top = stack[stack.length - 1];
      let best = null;
      if (top.end) {
        const m = exec(top.end, pos);
        if (m) best = { kind: "end", m };
      }
      for (const rule of this.rules(top.patterns)) {
        const m = exec(this.regex(rule.match || rule.begin), pos);
        if (m && (!best || m.index < best.m.index)) best = { kind: rule.match ? "match" : "begin", rule, m };
      }
      if (!best || best.m.index > line.length) {
        paint(pos, line.length, top.content);
        break;
      }
      const { m } = best;
      const start = m.index;
      const stop = start + m[0].length;
      paint(pos, start, top.content);
      if (best.kind === "end") {
        paint(start, stop, top.scopes);
        paintCaptures(m, top.rule.endCaptures || top.rule.captures, top.scopes);
        stack.pop();
        pos = stop;
      } else if (best.kind === "match") {
        const scopes = best.rule.name ? [...top.content, best.rule.name] : top.content;
        paint(start, stop, scopes);
        paintCaptures(m, best.rule.captures, scopes);
        pos = stop > start ? stop : stop + 1;
      } else {
        const rule = best.rule;
        const scopes = rule.name ? [...top.content, rule.name] : top.content;
        paint(start, stop, scopes);
        paintCaptures(m, rule.beginCaptures || rule.captures, scopes);
        // End patterns may refer to the begin captures (\1): substitute them.
        const endSource = rule.end.replace(/\\([1-9])/g, (_, n) =>
          (m[Number(n)] || "").replace(/[\\^$.*+?()[\]{}|\/-]/g, "\\$&"),
        );
        stack.push({
          rule,
          patterns: rule.patterns,
          scopes,
          content: rule.contentName ? [...scopes, rule.contentName] : scopes,
          end: compile(endSource),
        });
        pos = stop;
      }
    }
    return chars.map((scopes) => scopes || stack[0].scopes);
  }
}

// ---------------------------------------------------------------- helpers

const grammar = readJson(GRAMMAR);
const tokenizer = new Tokenizer(grammar);

/**
 * The scope lists of the characters of the `nth` occurrence of `needle` in
 * `text`. A needle may give context around its target in brackets:
 * "tactic [referral] " is the "referral" that follows "tactic ".
 */
function scopesOf(text, needle, nth = 0) {
  const lines = text.split("\n");
  const tokens = tokenizer.tokenize(text);
  let offset = 0;
  let context = needle;
  const bracketed = /^(.*)\[(.+)\](.*)$/su.exec(needle);
  if (bracketed) {
    offset = bracketed[1].length;
    context = bracketed[1] + bracketed[2] + bracketed[3];
    needle = bracketed[2];
  }
  let seen = 0;
  for (let l = 0; l < lines.length; l++) {
    let from = 0;
    for (;;) {
      const found = lines[l].indexOf(context, from);
      if (found < 0) break;
      from = found + 1;
      if (seen++ === nth) {
        const at = found + offset;
        return tokens[l].slice(at, at + needle.length);
      }
    }
  }
  throw new Error(`"${context}" (occurrence ${nth}) not found`);
}

const has = (scopes, wanted) => scopes.some((s) => s === wanted || s.startsWith(`${wanted}.`));

/** Every character of the needle carries the scope `expected` (or one below it). */
function assertScope(text, needle, expected, nth = 0) {
  for (const scopes of scopesOf(text, needle, nth)) {
    assert.ok(has(scopes, expected), `"${needle}" should be ${expected}, is: ${scopes.join(" ")}`);
  }
}

/** No character of the needle carries the scope `unexpected` (or one below it). */
function assertNotScope(text, needle, unexpected, nth = 0) {
  for (const scopes of scopesOf(text, needle, nth)) {
    assert.ok(!has(scopes, unexpected), `"${needle}" should not be ${unexpected}, is: ${scopes.join(" ")}`);
  }
}

const ITEM = "keyword.declaration.item.plan";
const ATTR = "keyword.other.attribute.plan";

// ---------------------------------------------------------------- tests

test("grammar files and language configuration parse", () => {
  assert.equal(grammar.scopeName, "source.plan");
  assert.ok(Array.isArray(grammar.patterns) && grammar.patterns.length > 0);
  const markdown = readJson(MARKDOWN);
  assert.equal(markdown.injectionSelector, "L:text.html.markdown");
  const config = readJson("language-configuration.json");
  assert.equal(config.comments.lineComment, "//");
  assert.deepEqual(config.comments.blockComment, ["/*", "*/"]);
  const pkg = readJson("package.json");
  for (const contributed of pkg.contributes.grammars) {
    assert.ok(fs.existsSync(path.join(root, contributed.path)), contributed.path);
  }
  assert.equal(pkg.contributes.grammars[0].scopeName, grammar.scopeName);
});

test("every include resolves", () => {
  for (const include of collectIncludes(grammar)) {
    if (include === "$self" || include === "source.plan") continue;
    assert.ok(include.startsWith("#"), `unexpected external include ${include}`);
    assert.ok(grammar.repository[include.slice(1)], `missing repository entry ${include}`);
  }
});

test("every regex compiles in JavaScript", () => {
  for (const file of [GRAMMAR, MARKDOWN]) {
    const regexes = collectRegexes(readJson(file));
    assert.ok(regexes.length > 0);
    for (const [where, source, crossRefs] of regexes) {
      assert.doesNotThrow(() => compile(source, { crossRefs }), `${file} ${where}: ${source}`);
    }
  }
  // The plan grammar itself needs no translation at all.
  for (const [where, source] of collectRegexes(grammar)) {
    assert.doesNotThrow(() => new RegExp(source, "u"), `${GRAMMAR} ${where} is not plain JavaScript: ${source}`);
  }
  const config = readJson("language-configuration.json");
  const word = new RegExp(config.wordPattern.pattern, config.wordPattern.flags);
  for (const w of ["营收目标", "fission_2", "¥2000万", "2026-04-01", "6mo", "40%"]) {
    assert.equal(w.match(word)[0], w, `word pattern should take "${w}" whole`);
  }
  new RegExp(config.indentationRules.increaseIndentPattern);
  new RegExp(config.indentationRules.decreaseIndentPattern);
  for (const rule of config.onEnterRules) {
    new RegExp(rule.beforeText);
    if (rule.afterText) new RegExp(rule.afterText);
  }
});

test("the LANGUAGE.md example tokenizes without invalid scopes", () => {
  const text = fs.readFileSync(path.join(__dirname, "fixtures", "acme.plan"), "utf8");
  const tokens = tokenizer.tokenize(text);
  tokens.forEach((line, l) =>
    line.forEach((scopes, c) => assert.ok(!scopes.some((s) => s.startsWith("invalid")), `invalid at ${l + 1}:${c + 1}`)),
  );
  for (const [word, count] of [["plan", 1], ["positioning", 1], ["resource", 2], ["metric", 3], ["goal", 2], ["path", 2], ["battle", 2], ["tactic", 3]]) {
    for (let i = 0; i < count; i++) {
      const re = new RegExp(`^${word} `, "m");
      assert.ok(re.test(text));
    }
  }
  assertScope(text, "plan", ITEM, 1); // occurrence 0 is in the comment's "acme.plan"
  assertScope(text, "acme.plan", "comment.line.double-slash.plan");
  assertScope(text, "positioning", ITEM);
  assertScope(text, "resource", ITEM);
  assertScope(text, "people", "entity.name.type.resource.plan");
  assertScope(text, "metric", ITEM);
  assertScope(text, "new_customers", "entity.name.type.metric.plan");
  assertScope(text, "money", "constant.language.unit.plan");
  assertScope(text, "goal", ITEM);
  assertScope(text, "revenue_2026", "entity.name.type.goal.plan");
  assertScope(text, "年收入增长至2000万", "string.quoted.double.plan");
  assertNotScope(text, "年收入增长至2000万", "constant.numeric");
  assertScope(text, "[path] hit_product", ITEM);
  assertScope(text, "hit_product", "entity.name.type.path.plan");
  assertScope(text, "[battle] fission", ITEM);
  assertScope(text, "fission", "entity.name.type.battle.plan");
  assertScope(text, "tactic", ITEM);
  assertScope(text, "tactic [referral] ", "entity.name.type.tactic.plan");
  assertScope(text, "period", ATTR);
  assertScope(text, "2026-01-01", "constant.numeric.date.plan");
  assertScope(text, "..", "keyword.operator.range.plan");
  assertScope(text, "main_paths", "variable.language.limit.plan");
  assertScope(text, "¥2000万", "constant.numeric.money.plan");
  assertScope(text, "by", ATTR);
  assertScope(text, "quarterly", ATTR);
  assertScope(text, "financial", "constant.language.perspective.plan");
  assertScope(text, "acquisition", "constant.language.tactic-kind.plan");
  assertScope(text, "every", ATTR);
  assertScope(text, "[6]mo", "constant.numeric.duration.plan");
  assertScope(text, ">=", "keyword.operator.comparison.plan");
  // `product` names a moat entry here, and is a tactic kind further down.
  assertNotScope(text, "[product] 4", "constant.language");
  assertScope(text, "kind [product]", "constant.language.tactic-kind.plan");
});

test("item keywords only start items", () => {
  const text = [
    "/* goal inside a comment */",
    'goal g "path battle tactic" {',
    "  supports goal_x, path2, 目标",
    "  target plan_metric 5 by 2026-01-01",
    "}",
  ].join("\n");
  assertNotScope(text, "goal", ITEM, 0);
  assertScope(text, "goal", ITEM, 1);
  assertNotScope(text, "path", ITEM, 0);
  assertNotScope(text, "goal_x", ITEM);
  assertNotScope(text, "path2", ITEM);
  assertNotScope(text, "plan_metric", ITEM);
  assertScope(text, "目标", "variable.other.reference.plan");
});

test("every attribute keyword is recognised", () => {
  const attributes = [
    "period", "limits", "allow", "we_are", "serve", "pain", "why_us", "not_do", "moat",
    "perspective", "target", "baseline", "split", "supports", "breakthrough", "serves", "main",
    "cost", "duration", "expects", "segment", "on", "objective", "significance", "window",
    "needs", "review", "after", "owner", "for", "kind", "win", "capacity", "total",
  ];
  const text = `goal g {\n${attributes.map((a) => `  ${a} x`).join("\n")}\n}`;
  for (const a of attributes) assertScope(text, `[${a}] x`, ATTR);
  const inline = 'resource r { capacity 3 }';
  assertScope(inline, "capacity", ATTR);
  const more = "goal g {\n  split monthly 1, 2\n  review every 2w\n  target m 5 by 2026-01-01\n}";
  assertScope(more, "monthly", ATTR);
  assertScope(more, "every", ATTR);
  assertScope(more, "by", ATTR);
  // Outside the attribute position, attribute words are plain names.
  assertNotScope("battle b {\n  on main\n}", "main", ATTR);
  assertNotScope("goal g {\n  target owner 5 by 2026-01-01\n}", "owner", ATTR);
});

test("Unicode identifiers", () => {
  const text = 'metric 营收目标 "营收" money\ngoal 目标_2026 {\n  target 营收目标 ¥1亿 by 2026-12-31\n}';
  assertScope(text, "营收目标", "entity.name.type.metric.plan", 0);
  assertScope(text, "营收目标", "variable.other.reference.plan", 1);
  assertScope(text, "目标_2026", "entity.name.type.goal.plan");
  assertScope(text, "¥1亿", "constant.numeric.money.plan");
});

test("strings and escapes", () => {
  const text = 'plan "a \\" b \\\\ c \\n \\t \\u{4E2D} \\q" {\n  owner "unterminated\n}';
  for (const escape of ['\\"', "\\\\", "\\n", "\\t", "\\u{4E2D}"]) {
    assertScope(text, escape, "constant.character.escape.plan");
  }
  assertScope(text, "\\q", "invalid.illegal");
  // A string cannot span lines: the "}" on the next line still closes the block.
  assertScope(text, "}", "punctuation.section.block.end.plan", 1);
});

test("comments", () => {
  const text = "// line goal\n/* block\n   tactic t { } */\nmetric m count // trailing";
  assertScope(text, "line goal", "comment.line.double-slash.plan");
  assertScope(text, "tactic t { }", "comment.block.plan");
  assertScope(text, "metric", ITEM);
  assertScope(text, "count", "constant.language.unit.plan");
  assertScope(text, "trailing", "comment.line.double-slash.plan");
});

test("quantities, durations and dates", () => {
  const text = [
    "goal g {",
    "  split monthly 5000, 5_000, 1.5M, 12k, 2000万, 3亿, $1.5M, €300k, £40k, ¥2000万, ￥5万",
    "  baseline 40%, 12.5%",
    "  expects a +5000, b +¥500万, c -3%, d -2k",
    "  durations 45d 2w 6mo 1q 1y",
    "  window 2026-04-01 .. 2026-05-15",
    "  win m >= 1, m <= 2, m > 3, m < 4, m = 5",
    "}",
  ].join("\n");
  for (const n of ["5000", "5_000", "1.5M", "12k", "2000万", "3亿"]) assertScope(text, n, "constant.numeric.plan");
  for (const n of ["$1.5M", "€300k", "£40k", "¥2000万", "￥5万"]) assertScope(text, n, "constant.numeric.money.plan");
  assertScope(text, "40%", "constant.numeric.percent.plan");
  assertScope(text, "12.5%", "constant.numeric.percent.plan");
  assertScope(text, "+5000", "constant.numeric.change.plan");
  assertScope(text, "+¥500万", "constant.numeric.change.money.plan");
  assertScope(text, "-3%", "constant.numeric.change.percent.plan");
  assertScope(text, "-2k", "constant.numeric.change.plan");
  for (const d of ["45d", "2w", "6mo", "1q", "1y"]) assertScope(text, d, "constant.numeric.duration.plan");
  assertScope(text, "2026-04-01", "constant.numeric.date.plan");
  assertScope(text, "2026-05-15", "constant.numeric.date.plan");
  for (const op of [">=", "<=", ">", "<", "="]) assertScope(text, `m [${op}] `, "keyword.operator.comparison.plan");
  // Malformed quantities are not coloured as numbers.
  assertNotScope("goal g {\n  target m ¥200万元 by 2026-01-01\n}", "[¥200]万元", "constant.numeric");
});

test("a block missing its closing brace ends at the next item", () => {
  const text = "goal g {\n  target m 5 by 2026-01-01\n\npath p {\n  serves g\n}";
  assertScope(text, "path", ITEM);
  assertScope(text, "path [p] {", "entity.name.type.path.plan");
  assertScope(text, "serves", ATTR);
});

test("allow names diagnostics", () => {
  const text = 'plan "p" {\n  allow goal-undercovered, tactic-without-owner // quiet\n}';
  assertScope(text, "allow", ATTR);
  assertScope(text, "goal-undercovered", "constant.other.diagnostic-name.plan");
  assertScope(text, "tactic-without-owner", "constant.other.diagnostic-name.plan");
  assertScope(text, "quiet", "comment.line.double-slash.plan");
});
