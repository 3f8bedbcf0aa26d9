//! The language server through its protocol: the real server loop in a
//! thread over an in-memory connection, one test per capability.

#[path = "lsp/client.rs"]
mod client;
#[path = "lsp/transport.rs"]
mod transport;

use client::{apply, find, range_of, span16, uri, utf16, Client};
use serde_json::{json, Value};

use crate::plans::plans_in;

fn acme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/acme.plan")).unwrap()
}

fn at(text: &str, needle: &str, n: usize) -> Value {
    let (line, character) = utf16(text, find(text, needle, n));
    Client::at(line, character)
}

#[test]
fn initialize_negotiates_the_position_encoding() {
    let client = Client::start(false);
    let caps = &client.initialized["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(client.initialized["serverInfo"]["name"], "planc");
    for provider in [
        "definitionProvider",
        "referencesProvider",
        "documentSymbolProvider",
        "hoverProvider",
        "documentFormattingProvider",
    ] {
        assert_eq!(caps[provider], true, "{provider}");
    }
    assert_eq!(caps["renameProvider"]["prepareProvider"], true);
    assert_eq!(
        caps["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix", "source.addCheckin"])
    );
    assert_eq!(caps["textDocumentSync"]["change"], 1, "full sync");
    assert_eq!(caps["textDocumentSync"]["save"]["includeText"], true);
    client.shutdown();

    let client = Client::start(true);
    assert_eq!(
        client.initialized["capabilities"]["positionEncoding"],
        "utf-8"
    );
    client.shutdown();
}

#[test]
fn diagnostics_on_open_change_and_save() {
    let mut client = Client::start(false);
    let text = acme().replace(
        "for fission\n  kind conversion",
        "for fision\n  kind conversion",
    );
    client.open(&text);
    let published = client.diagnostics();
    assert_eq!(published.uri, uri());
    assert_eq!(published.version, Some(1));
    let d = serde_json::to_value(&published.diagnostics).unwrap();
    let expected_range = span16(&text, find(&text, "fision", 0), "fision".len());
    assert_eq!(d.as_array().unwrap().len(), 1, "{d:#}");
    assert_eq!(d[0]["code"], "unknown-name");
    assert_eq!(d[0]["severity"], 1);
    assert_eq!(d[0]["source"], "planc");
    assert_eq!(
        d[0]["codeDescription"]["href"],
        format!("{}unknown-name.md", planc::render::sarif::DOCS_BASE)
    );
    assert_eq!(
        d[0]["message"],
        "there is no battle named `fision`\nhelp: Did you mean `fission`?"
    );
    assert_eq!(range_of(&d[0]["range"]), expected_range);

    // A change that fixes it clears the list; one that duplicates a name
    // brings a diagnostic whose label is related information.
    client.change(2, &acme());
    let published = client.diagnostics();
    assert_eq!(published.version, Some(2));
    assert!(
        published.diagnostics.is_empty(),
        "{:?}",
        published.diagnostics
    );

    let duplicated = acme().replace("battle hit ", "battle fission ");
    client.change(3, &duplicated);
    let d = serde_json::to_value(client.diagnostics().diagnostics).unwrap();
    let dup = d
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "duplicate-name")
        .unwrap_or_else(|| panic!("no duplicate-name in {d:#}"));
    assert_eq!(
        range_of(&dup["range"]),
        span16(&duplicated, find(&duplicated, "fission", 1), 7)
    );
    let related = &dup["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], json!(uri()));
    assert_eq!(
        range_of(&related["location"]["range"]),
        span16(&duplicated, find(&duplicated, "fission", 0), 7)
    );
    assert!(related["message"].as_str().unwrap().contains("first"));

    // Save sends the text again: diagnostics are published for it.
    client.notify(
        "textDocument/didSave",
        json!({ "textDocument": { "uri": uri() }, "text": acme() }),
    );
    assert!(client.diagnostics().diagnostics.is_empty());

    // Closing clears them.
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": uri() } }),
    );
    assert!(client.diagnostics().diagnostics.is_empty());
    client.shutdown();
}

#[test]
fn warnings_have_warning_severity_and_allow_is_honoured() {
    let mut client = Client::start(false);
    let text = acme().replace("  owner \"张三\"\n", "");
    client.open(&text);
    let d = serde_json::to_value(client.diagnostics().diagnostics).unwrap();
    assert_eq!(d[0]["code"], "tactic-without-owner");
    assert_eq!(d[0]["severity"], 2);
    let allowed = text.replace(
        "limits main_paths 2, concurrent_battles 3",
        "limits main_paths 2, concurrent_battles 3\n  allow tactic-without-owner",
    );
    client.change(2, &allowed);
    assert!(client.diagnostics().diagnostics.is_empty());
    client.shutdown();
}

#[test]
fn definition_lands_on_the_item() {
    let mut client = Client::start(false);
    let text = acme();
    client.open(&text);
    // From `for fission` in a tactic, from `after fission`, and from the
    // definition itself.
    let def = span16(&text, find(&text, "fission", 0), 7);
    assert_eq!(
        find(&text, "fission", 0),
        find(&text, "battle fission", 0) + 7
    );
    for n in [0, 1, 2, 3] {
        let found = client.call("textDocument/definition", at(&text, "fission", n));
        assert_eq!(found["uri"], json!(uri()));
        assert_eq!(range_of(&found["range"]), def, "occurrence {n}");
    }
    // A metric in `win`, a resource in `needs`, a path in `on`, a goal in `serves`.
    for (reference, n, definition) in [
        ("referrals >=", 0, "metric referrals"),
        ("budget ¥15万", 0, "resource budget"),
        ("on hit_product", 0, "path hit_product"),
        ("serves revenue_2026", 0, "goal revenue_2026"),
    ] {
        let mut position = at(&text, reference, n);
        if reference.starts_with("on ") || reference.starts_with("serves ") {
            let skip = reference.find(' ').unwrap() as u64 + 1;
            let c = position["position"]["character"].as_u64().unwrap();
            position["position"]["character"] = json!(c + skip);
        }
        let found = client.call("textDocument/definition", position);
        let name = definition.split(' ').nth(1).unwrap();
        let offset = find(&text, definition, 0) + definition.len() - name.len();
        assert_eq!(
            range_of(&found["range"]),
            span16(&text, offset, name.len()),
            "{reference}"
        );
    }
    // Not on a name: nothing.
    let found = client.call("textDocument/definition", at(&text, "objective", 0));
    assert_eq!(found, Value::Null);
    client.shutdown();
}

#[test]
fn references_find_every_use() {
    let mut client = Client::start(false);
    let text = acme();
    client.open(&text);
    let mut params = at(&text, "fission", 0);
    params["context"] = json!({ "includeDeclaration": true });
    let found = client.call("textDocument/references", params.clone());
    let ranges: Vec<_> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|l| range_of(&l["range"]))
        .collect();
    // The declaration, `after`, two `for`s, and two check-ins' `status`.
    let expected: Vec<_> = (0..6)
        .map(|n| span16(&text, find(&text, "fission", n), 7))
        .collect();
    assert_eq!(ranges, expected);
    params["context"] = json!({ "includeDeclaration": false });
    let found = client.call("textDocument/references", params);
    assert_eq!(found.as_array().unwrap().len(), 5);
    client.shutdown();
}

/// The outline as indented lines: `name (detail)`.
fn outline(symbols: &Value, depth: usize, out: &mut String) {
    for s in symbols.as_array().unwrap() {
        out.push_str(&format!(
            "{}{} ({}) kind {}\n",
            "  ".repeat(depth),
            s["name"].as_str().unwrap(),
            s["detail"].as_str().unwrap(),
            s["kind"]
        ));
        if let Some(children) = s.get("children") {
            outline(children, depth + 1, out);
        }
    }
}

#[test]
fn document_symbols_nest_as_the_plan_traces() {
    let mut client = Client::start(false);
    let text = acme();
    client.open(&text);
    let symbols = client.call(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri() } }),
    );
    let mut out = String::new();
    outline(&symbols, 0, &mut out);
    assert_eq!(
        out,
        "\
Acme 2026 (plan) kind 1
positioning (positioning) kind 3
people (resource «销售与实施人员») kind 13
budget (resource «市场预算») kind 13
revenue (metric «营收») kind 14
new_customers (metric «新增有效客户») kind 14
referrals (metric «转介绍数») kind 14
revenue_2026 (goal «年收入增长至2000万») kind 5
  hit_product (path «单品爆款突破») kind 2
    fission (battle «5000用户裂变增长战役») kind 24
      referral (tactic «老带新裂变») kind 12
      groups (tactic «社群成交») kind 12
    hit (battle «单品打爆战役») kind 24
      bundle (tactic «价格锚点与组合套餐») kind 12
customers_2026 (goal «新增5000个核心客户») kind 5
  channels (path «渠道突破») kind 2
"
    );
    // The selection range is the name, the range the whole item.
    let fission = &symbols[7]["children"][0]["children"][0];
    let start = find(&text, "battle fission", 0);
    assert_eq!(
        range_of(&fission["selectionRange"]),
        span16(&text, start + 7, 7)
    );
    let end = start + text[start..].find("\n}\n").unwrap() + 2;
    assert_eq!(
        range_of(&fission["range"]),
        (utf16(&text, start), utf16(&text, end))
    );
    client.shutdown();
}

#[test]
fn rename_changes_every_occurrence_or_refuses() {
    let mut client = Client::start(false);
    let text = acme();
    client.open(&text);
    let prepared = client.call("textDocument/prepareRename", at(&text, "fission", 2));
    assert_eq!(
        range_of(&prepared),
        span16(&text, find(&text, "fission", 2), 7)
    );

    let mut params = at(&text, "fission", 3);
    params["newName"] = json!("裂变");
    let edit = client.call("textDocument/rename", params.clone());
    let edits = edit["changes"][uri().as_str()].as_array().unwrap().clone();
    assert_eq!(edits.len(), 6);
    let renamed = apply(&text, &edits);
    assert_eq!(renamed, text.replace("fission", "裂变"));
    assert!(planc::analyze(&renamed, &[]).diagnostics.is_empty());

    for (name, why) in [
        ("hit", "already the name of battle `hit`"),
        ("battle", "one of the eight item words"),
        ("2026plan", "is not a name"),
        ("a b", "is not a name"),
    ] {
        params["newName"] = json!(name);
        let response = client.request("textDocument/rename", params.clone());
        let error = response.error.unwrap_or_else(|| panic!("{name} accepted"));
        assert!(error.message.contains(why), "{name}: {}", error.message);
    }
    client.shutdown();
}

fn hover_text(client: &mut Client, params: Value) -> String {
    let hover = client.call("textDocument/hover", params);
    assert_eq!(hover["contents"]["kind"], "markdown");
    hover["contents"]["value"].as_str().unwrap().to_string()
}

#[test]
fn hover_tells_what_the_checks_know() {
    let mut client = Client::start(false);
    let text = acme();
    client.open(&text);
    assert_eq!(
        hover_text(&mut client, at(&text, "fission", 1)),
        "**battle `fission`** «5000用户裂变增长战役»\n\n\
- window: 2026-04-01 .. 2026-05-15 (45 days)\n\
- on: `hit_product`\n\
- objective: new_customers +5000\n\
- needs: people 4, budget ¥15万\n\
- tactics: `referral`, `groups`\n\
- contributes: +5000 toward goal `customers_2026` (gap 5000, all battles together +5000)\n"
    );
    assert_eq!(
        hover_text(&mut client, at(&text, "people", 0)),
        "**resource `people`** «销售与实施人员»\n\n\
- capacity: 12 at once\n\
- peak load: 5 of 12, from 2026-06-01 to 2026-09-30\n\
- charged by: `fission` 4, `hit` 5\n"
    );
    assert_eq!(
        hover_text(&mut client, at(&text, "budget", 0)),
        "**resource `budget`** «市场预算»\n\n\
- total: ¥120万\n\
- used: ¥35万 of ¥120万\n\
- charged by: `fission` ¥15万, `hit` ¥20万\n"
    );
    // What the plan says; then where the goal stands today (the day is
    // the machine's: `hover_and_checkin_action_follow_today` tests it).
    let goal = hover_text(&mut client, at(&text, "revenue_2026", 0));
    assert!(
        goal.starts_with(
            "**goal `revenue_2026`** «年收入增长至2000万»\n\n\
- target: revenue ¥2000万 by 2026-12-31\n\
- baseline: ¥1200万\n\
- split: quarterly ¥400万, ¥500万, ¥500万, ¥600万\n\
- gap: ¥800万\n\
- coverage: battles add +¥800万 — covered\n\
- battles: `hit` +¥800万\n\
- served by: `hit_product`\n\n**As of today, "
        ),
        "{goal}"
    );
    assert_eq!(
        hover_text(&mut client, at(&text, "referrals", 0)),
        "**metric `referrals`** «转介绍数»\n\n\
- unit: count\n\
- targeted by:\n  - tactic `referral` wins at >= 1500\n"
    );
    let revenue = hover_text(&mut client, at(&text, "revenue ¥2000万", 0));
    assert!(revenue.contains("- unit: money (¥)"), "{revenue}");
    assert!(
        revenue.contains("  - goal `revenue_2026` ¥2000万\n"),
        "{revenue}"
    );
    assert!(
        revenue.contains("  - path `hit_product` expects +¥500万\n"),
        "{revenue}"
    );
    assert!(revenue.contains("  - battle `hit` +¥800万\n"), "{revenue}");
    // Nothing on a keyword.
    assert_eq!(
        client.call("textDocument/hover", at(&text, "window", 0)),
        Value::Null
    );
    client.shutdown();
}

fn labels(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap_or_else(|| panic!("not a list: {list}"))
        .iter()
        .map(|i| i["label"].as_str().unwrap().to_string())
        .collect()
}

/// Complete at the end of `text` (the cursor after its last character).
fn complete(client: &mut Client, version: i32, text: &str) -> Vec<String> {
    client.change(version, text);
    let (line, character) = utf16(text, text.len());
    labels(&client.call("textDocument/completion", Client::at(line, character)))
}

#[test]
fn completion_offers_what_fits_the_place() {
    let mut client = Client::start(false);
    let text = acme();
    client.open(&text);
    let items = [
        "plan",
        "positioning",
        "resource",
        "metric",
        "goal",
        "path",
        "battle",
        "tactic",
        "checkin",
    ];
    assert_eq!(complete(&mut client, 2, &format!("{text}\n")), items);
    assert_eq!(complete(&mut client, 3, &format!("{text}\nbat")), items);
    assert_eq!(
        complete(&mut client, 4, &format!("{text}\nbattle b {{\n  ")),
        [
            "on",
            "objective",
            "significance",
            "window",
            "needs",
            "review",
            "after",
            "owner",
            "segment",
            "allow"
        ]
    );
    assert_eq!(
        complete(
            &mut client,
            5,
            &format!("{text}\ntactic t {{\n  for fission\n  ow")
        ),
        ["kind", "owner", "window", "needs", "win", "after", "segment", "allow"],
        "without `for`, written already"
    );
    assert_eq!(
        complete(&mut client, 6, &format!("{text}\nbattle b {{\n  on ")),
        ["hit_product", "channels"]
    );
    assert_eq!(
        complete(&mut client, 7, &format!("{text}\ntactic t {{\n  win ")),
        ["revenue", "new_customers", "referrals"]
    );
    assert_eq!(
        complete(&mut client, 8, &format!("{text}\ntactic t {{\n  for ")),
        ["fission", "hit"]
    );
    assert_eq!(
        complete(&mut client, 9, &format!("{text}\ntactic t {{\n  after re")),
        ["referral", "groups", "bundle"]
    );
    assert_eq!(
        complete(&mut client, 10, &format!("{text}\nbattle b {{\n  after ")),
        ["fission", "hit"]
    );
    assert_eq!(
        complete(
            &mut client,
            11,
            &format!("{text}\npath p {{\n  serves revenue_2026, ")
        ),
        ["revenue_2026", "customers_2026"]
    );
    assert_eq!(
        complete(&mut client, 12, &format!("{text}\ngoal g {{\n  supports ")),
        ["revenue_2026", "customers_2026"]
    );
    let metrics = ["revenue", "new_customers", "referrals"];
    assert_eq!(
        complete(&mut client, 13, &format!("{text}\ngoal g {{\n  target ")),
        metrics
    );
    assert_eq!(
        complete(
            &mut client,
            14,
            &format!("{text}\nbattle b {{\n  objective revenue +¥1万, ")
        ),
        metrics
    );
    assert_eq!(
        complete(&mut client, 15, &format!("{text}\npath p {{\n  expects ")),
        metrics
    );
    let resources = ["people", "budget"];
    assert_eq!(
        complete(
            &mut client,
            16,
            &format!("{text}\nbattle b {{\n  needs people 1,\n    ")
        ),
        resources
    );
    assert_eq!(
        complete(&mut client, 17, &format!("{text}\npath p {{\n  cost ")),
        resources
    );
    // Values that are not names: nothing; inside a string or comment: nothing.
    assert!(complete(
        &mut client,
        18,
        &format!("{text}\nbattle b {{\n  needs people ")
    )
    .is_empty());
    assert!(complete(&mut client, 19, &format!("{text}\nbattle b \"on ")).is_empty());
    assert!(complete(&mut client, 20, &format!("{text}\n// on ")).is_empty());
    assert_eq!(
        complete(
            &mut client,
            21,
            &format!("{text}\ngoal g {{\n  perspective ")
        ),
        ["financial", "customer", "process", "learning"]
    );
    // A one-line block.
    assert_eq!(
        complete(&mut client, 22, &format!("{text}\nresource r {{ ")),
        ["capacity", "total"]
    );
    client.shutdown();
}

#[test]
fn formatting_uses_planc_fmt() {
    let mut client = Client::start(false);
    let text = planc::testing::untidy(&acme());
    assert_ne!(text, acme());
    client.open(&text);
    let edits = client.call(
        "textDocument/formatting",
        json!({ "textDocument": { "uri": uri() }, "options": { "tabSize": 2, "insertSpaces": true } }),
    );
    let formatted = apply(&text, edits.as_array().unwrap());
    assert_eq!(formatted, planc::format::format(&text).unwrap());
    // Already formatted: no edit. Broken: no edit either.
    client.change(2, &formatted);
    let edits = client.call(
        "textDocument/formatting",
        json!({ "textDocument": { "uri": uri() }, "options": { "tabSize": 2, "insertSpaces": true } }),
    );
    assert_eq!(edits, json!([]));
    client.change(3, "battle {");
    let edits = client.call(
        "textDocument/formatting",
        json!({ "textDocument": { "uri": uri() }, "options": { "tabSize": 2, "insertSpaces": true } }),
    );
    assert_eq!(edits, Value::Null);
    client.shutdown();
}

/// The code actions at a place (a line and a column in the negotiated
/// encoding), of the kind `only` names if it does.
fn actions_at(client: &mut Client, (line, character): (u32, u32), only: Option<&str>) -> Value {
    let mut context = json!({ "diagnostics": [] });
    if let Some(kind) = only {
        context["only"] = json!([kind]);
    }
    client.call(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri() },
            "range": { "start": { "line": line, "character": character },
                       "end": { "line": line, "character": character } },
            "context": context
        }),
    )
}

/// The quick fixes at `needle` (only those: the check-in action depends on
/// the day, and has its own test).
fn actions(client: &mut Client, text: &str, needle: &str) -> Value {
    actions_at(client, utf16(text, find(text, needle, 0)), Some("quickfix"))
}

fn apply_action(text: &str, action: &Value) -> String {
    assert_eq!(action["kind"], "quickfix");
    let edits = action["edit"]["changes"][uri().as_str()]
        .as_array()
        .unwrap();
    apply(text, edits)
}

#[test]
fn code_actions_fix_the_cheap_cases() {
    let mut client = Client::start(false);
    let codes = |text: &str| -> Vec<&'static str> {
        planc::analyze(text, &[])
            .diagnostics
            .iter()
            .map(|d| d.code.name())
            .collect()
    };

    // A missing owner.
    let text = acme().replace("  owner \"张三\"\n", "");
    client.open(&text);
    let found = actions(&mut client, &text, "referral \"");
    assert_eq!(found.as_array().unwrap().len(), 1, "{found:#}");
    assert_eq!(found[0]["diagnostics"][0]["code"], "tactic-without-owner");
    let fixed = apply_action(&text, &found[0]);
    assert!(
        fixed.contains("  win referrals >= 1500\n  owner \"\"\n}"),
        "{fixed}"
    );
    assert!(codes(&fixed).is_empty(), "{:?}", codes(&fixed));

    // A missing review.
    let text = acme().replace("  review every 1mo\n", "");
    client.change(2, &text);
    let found = actions(&mut client, &text, "hit \"");
    assert_eq!(found[0]["title"], "Add `review every 2w`");
    assert!(codes(&apply_action(&text, &found[0])).is_empty());

    // A missing win: the battle's objective as a skeleton.
    let text = acme().replace("  win new_customers >= 3500\n", "");
    client.change(3, &text);
    let found = actions(&mut client, &text, "groups \"");
    let fixed = apply_action(&text, &found[0]);
    assert!(fixed.contains("  win new_customers >= 5000\n}"), "{fixed}");
    assert!(codes(&fixed).is_empty());

    // An unknown name: the suggested one.
    let text = acme().replace("after fission", "after fision");
    client.change(4, &text);
    let found = actions(&mut client, &text, "fision");
    assert_eq!(found[0]["title"], "Replace `fision` with `fission`");
    assert_eq!(found[0]["isPreferred"], true);
    assert_eq!(apply_action(&text, &found[0]), acme());

    // A name of the wrong kind: the closest of the right kind.
    let text = format!("{}\nbattle channel {{\n  on channel\n}}\n", acme());
    client.change(5, &text);
    let found = actions(&mut client, &text, "channel\n}");
    assert_eq!(found[0]["diagnostics"][0]["code"], "wrong-kind");
    assert_eq!(found[0]["title"], "Replace `channel` with `channels`");
    assert_eq!(
        apply_action(&text, &found[0]),
        text.replace("on channel\n", "on channels\n")
    );

    // A one-line block gets the attribute before its `}`.
    let text = acme().replace(
        "tactic bundle \"价格锚点与组合套餐\" {\n  for hit\n  kind product\n  owner \"王五\"\n  needs people 5, budget ¥20万\n  win revenue >= ¥800万\n}",
        "tactic bundle { for hit win revenue >= ¥800万 }",
    );
    client.change(6, &text);
    let found = actions(&mut client, &text, "bundle");
    assert_eq!(
        apply_action(&text, &found[0]),
        text.replace("¥800万 }", "¥800万 owner \"\" }")
    );
    // Nowhere near a diagnostic: nothing.
    assert_eq!(actions(&mut client, &text, "positioning"), json!([]));
    client.shutdown();
}

#[test]
fn unknown_requests_and_documents_get_answers() {
    let mut client = Client::start(false);
    let response = client.request("textDocument/semanticTokens/full", json!({}));
    assert_eq!(response.error.unwrap().code, -32601);
    let response = client.request("textDocument/hover", json!({ "nonsense": 1 }));
    assert_eq!(response.error.unwrap().code, -32602);
    // A document never opened: null.
    assert_eq!(
        client.call("textDocument/hover", Client::at(0, 0)),
        Value::Null
    );
    client.shutdown();
}

/// A plan with Chinese names and emoji (four UTF-8 bytes, two UTF-16 units)
/// before names on the same lines. The labels hold no name, so every
/// occurrence of a name below is code.
const WIDE: &str = "// 🚀 计划 🎯\n\
plan \"增长 🚀\" {\n  period 2026-01-01 .. 2026-12-31\n}\n\
positioning { we_are \"🍜\" serve \"🏘️\" pain \"😩\" why_us \"💪\" }\n\
resource 人员 \"👩‍💻 团队\" { capacity 10 }\n\
metric 营收 \"💰\" money\n\
goal 年度目标 \"🎯🎯\" {\n  /* 🎯 */ target 营收 ¥100万 by 2026-12-31\n}\n\
path 主路径 \"🛣️\" {\n  serves /* 🎯 */ 年度目标\n  main\n}\n\
battle 战役_1 \"⚔️\" {\n  on /*🚀*/ 主路径\n  objective 营收 +¥100万\n  window 2026-01-01 .. 2026-03-31\n  needs 人员 /*😀*/ 5\n  review every 2w\n}\n\
tactic 打法 \"🃏\" {\n  for /*😀😀*/ 战役_1\n  owner \"张三 😀\"\n  needs 人员 5\n  win 营收 >= ¥100万\n}\n";

#[test]
fn ranges_are_exact_with_chinese_names_and_emoji() {
    assert!(planc::analyze(WIDE, &[]).diagnostics.is_empty());
    let names = ["人员", "营收", "年度目标", "主路径", "战役_1", "打法"];
    for utf8 in [false, true] {
        let mut client = Client::start(utf8);
        let position = |text: &str, offset: usize| {
            if utf8 {
                let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
                (
                    text[..offset].matches('\n').count() as u32,
                    (offset - line_start) as u32,
                )
            } else {
                utf16(text, offset)
            }
        };
        let span = |text: &str, offset: usize, len: usize| {
            (position(text, offset), position(text, offset + len))
        };
        client.open(WIDE);
        assert!(client.diagnostics().diagnostics.is_empty());
        for name in names {
            let offsets: Vec<usize> = WIDE.match_indices(name).map(|(i, _)| i).collect();
            let expected: Vec<_> = offsets.iter().map(|&o| span(WIDE, o, name.len())).collect();
            for (n, &offset) in offsets.iter().enumerate() {
                // Ask from the middle of the name: its second character.
                let inside = offset + name.chars().next().unwrap().len_utf8();
                let (line, character) = position(WIDE, inside);
                let params = Client::at(line, character);
                let found = client.call("textDocument/definition", params.clone());
                assert_eq!(
                    range_of(&found["range"]),
                    expected[0],
                    "{name} #{n} utf8={utf8}"
                );
                let mut with = params.clone();
                with["context"] = json!({ "includeDeclaration": true });
                let found = client.call("textDocument/references", with);
                let ranges: Vec<_> = found
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|l| range_of(&l["range"]))
                    .collect();
                assert_eq!(ranges, expected, "{name} utf8={utf8}");
                let hover = client.call("textDocument/hover", params.clone());
                assert_eq!(range_of(&hover["range"]), expected[n], "{name} utf8={utf8}");
            }
        }
        // The outline's selection ranges are the names.
        let symbols = client.call(
            "textDocument/documentSymbol",
            json!({ "textDocument": { "uri": uri() } }),
        );
        let goal = symbols
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["name"] == "年度目标")
            .unwrap();
        let path = &goal["children"][0];
        let battle = &path["children"][0];
        let tactic = &battle["children"][0];
        for (symbol, name) in [
            (goal, "年度目标"),
            (path, "主路径"),
            (battle, "战役_1"),
            (tactic, "打法"),
        ] {
            assert_eq!(symbol["name"], name);
            assert_eq!(
                range_of(&symbol["selectionRange"]),
                span(WIDE, find(WIDE, name, 0), name.len()),
                "utf8={utf8}"
            );
        }
        // A diagnostic after emoji: a misspelt path.
        let typo = WIDE.replace("on /*🚀*/ 主路径", "on /*🚀*/ 主路经");
        client.change(2, &typo);
        let d = serde_json::to_value(client.diagnostics().diagnostics).unwrap();
        assert_eq!(d[0]["code"], "unknown-name", "{d:#}");
        assert_eq!(
            range_of(&d[0]["range"]),
            span(&typo, find(&typo, "主路经", 0), "主路经".len())
        );
        // Its quick fix and the rename edit land exactly.
        let found = actions_at(&mut client, position(&typo, find(&typo, "主路经", 0)), None);
        let edit = &found[0]["edit"]["changes"][uri().as_str()][0];
        assert_eq!(edit["newText"], "主路径");
        assert_eq!(
            range_of(&edit["range"]),
            span(&typo, find(&typo, "主路经", 0), "主路经".len())
        );
        client.change(3, WIDE);
        let (line, character) = position(WIDE, find(WIDE, "打法", 0));
        let mut params = Client::at(line, character);
        params["newName"] = json!("打法_😀");
        assert!(client
            .request("textDocument/rename", params.clone())
            .error
            .is_some());
        params["newName"] = json!("玩法");
        let edit = client.call("textDocument/rename", params);
        let edits = &edit["changes"][uri().as_str()][0];
        assert_eq!(
            range_of(&edits["range"]),
            span(WIDE, find(WIDE, "打法", 0), 6)
        );
        client.shutdown();
    }
}

/// Every prefix of the example, sent as it would be typed, one character at
/// a time; after each change, hover, completion and the outline must all be
/// answered (an error answer would fail `call`).
#[test]
fn typing_a_whole_plan_character_by_character_never_loses_an_answer() {
    let text = acme();
    let mut client = Client::start(false);
    client.open("");
    let mut version = 1;
    let mut answered = 0;
    for (i, c) in text.char_indices() {
        let typed = &text[..i + c.len_utf8()];
        version += 1;
        client.change(version, typed);
        let (line, character) = utf16(typed, typed.len());
        client.call("textDocument/hover", Client::at(line, character));
        // Also in the middle of what was typed, where names are.
        let middle = (0..=typed.len() / 2)
            .rev()
            .find(|&m| typed.is_char_boundary(m))
            .unwrap();
        let (line, character) = utf16(typed, middle);
        let hover = client.call("textDocument/hover", Client::at(line, character));
        assert!(hover.is_null() || hover["contents"]["value"].is_string());
        let items = client.call("textDocument/completion", Client::at(line, character));
        assert!(items.is_array(), "completion at {i}: {items}");
        let symbols = client.call(
            "textDocument/documentSymbol",
            json!({ "textDocument": { "uri": uri() } }),
        );
        assert!(symbols.is_array(), "outline at {i}: {symbols}");
        answered += 4;
    }
    assert_eq!(answered, text.chars().count() * 4);
    // Whatever was published last is for the whole text: clean.
    let last = std::iter::from_fn(|| client.notifications.pop_back())
        .find(|n| n.method == "textDocument/publishDiagnostics")
        .expect("diagnostics were published");
    let last: lsp_types::PublishDiagnosticsParams = serde_json::from_value(last.params).unwrap();
    assert_eq!(last.version, Some(version));
    assert!(last.diagnostics.is_empty());
    client.shutdown();
}

/// A real editor: headless Neovim (Debian's 0.7 in CI) with `planc lsp`
/// attached gets the diagnostics and jumps to a definition. Skipped, saying
/// so, where `nvim` is not installed; `.ci/run` installs it.
/// Run tests/lsp/nvim.lua in a headless Neovim on `plan`: it waits for
/// diagnostics, then goes to the definition of the name at line `from`
/// (1-based), column `col` (0-based). What it saw, or `None` without Neovim.
fn neovim(
    dir: &std::path::Path,
    plan: &std::path::Path,
    from: usize,
    col: usize,
) -> Option<String> {
    let Ok(version) = std::process::Command::new("nvim").arg("--version").output() else {
        println!("SKIPPED: nvim is not on PATH; the end-to-end editor test needs Neovim");
        return None;
    };
    assert!(version.status.success());
    let result = dir.join("result.txt");
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/lsp/nvim.lua");
    let mut child = std::process::Command::new("nvim")
        .args(["--headless", "--clean", "-u", "NONE", "-i", "NONE", "-c"])
        .arg(format!("luafile {script}"))
        .env("PLANC", env!("CARGO_BIN_EXE_planc"))
        .env("PLAN", plan)
        .env("RESULT", &result)
        .env("FROM", from.to_string())
        .env("COL", col.to_string())
        // Neovim's log and state go to the test's own directory.
        .env("XDG_CACHE_HOME", dir.join("cache"))
        .env("XDG_STATE_HOME", dir.join("state"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Neovim must finish on its own; the script waits at most 40 s.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(90);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("Neovim did not finish within 90 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    let seen = std::fs::read_to_string(&result).unwrap_or_default();
    assert!(status.success(), "Neovim failed:\n{seen}");
    Some(seen)
}

#[test]
fn neovim_gets_diagnostics_and_goes_to_definition() {
    let dir = std::env::temp_dir().join(format!("planc-nvim-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let plan = dir.join("acme.plan");
    let text = acme().replace("after fission", "after fision");
    std::fs::write(&plan, &text).unwrap();
    // From `for fission` in tactic `referral` (1-based line), to `battle fission`.
    let from = text[..find(&text, "for fission", 0)].matches('\n').count() + 1;
    let seen = neovim(&dir, &plan, from, 6);
    let _ = std::fs::remove_dir_all(&dir);
    let Some(seen) = seen else { return };
    let line = |needle: &str| text[..find(&text, needle, 0)].matches('\n').count() + 1;
    assert_eq!(
        seen,
        format!(
            "diagnostic {}:9 unknown-name there is no battle named `fision`\n\
             definition acme.plan:{}:8 fission\nOK\n",
            line("after fision"),
            line("battle fission"),
        )
    );
}

/// Neovim opens a part of a plan of several files: it gets that file's
/// diagnostics (found through the whole plan) and goes to a definition in
/// the root file.
#[test]
fn neovim_opens_a_part_and_goes_to_a_definition_in_another_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/acme-company");
    std::fs::create_dir_all(dir.path().join("departments")).unwrap();
    for name in [
        "acme.plan",
        "departments/marketing.plan",
        "departments/sales.plan",
    ] {
        std::fs::copy(format!("{example}/{name}"), dir.path().join(name)).unwrap();
    }
    let part = dir.path().join("departments/sales.plan");
    let text = std::fs::read_to_string(&part)
        .unwrap()
        .replace("after fission", "after fision");
    std::fs::write(&part, &text).unwrap();
    let root = std::fs::read_to_string(dir.path().join("acme.plan")).unwrap();
    let from = text[..find(&text, "serves revenue_2026", 0)]
        .matches('\n')
        .count()
        + 1;
    let Some(seen) = neovim(dir.path(), &part, from, 9) else {
        return;
    };
    let line = |t: &str, needle: &str| t[..find(t, needle, 0)].matches('\n').count() + 1;
    assert_eq!(
        seen,
        format!(
            "diagnostic {}:9 unknown-name there is no battle named `fision`\n\
             definition acme.plan:{}:6 revenue_2026\nOK\n",
            line(&text, "after fision"),
            line(&root, "goal revenue_2026"),
        )
    );
}

/// The incremental parse gives exactly what `planc check` gives: the same
/// diagnostics and every name at the same place, on every prefix of every
/// test plan (by character for the examples, by line for the cases), and
/// with any one line of the example removed, each parser reusing what the
/// previous version kept.
#[test]
fn incremental_analysis_equals_the_whole_analysis() {
    use planc::lsp::incremental::Incremental;
    use planc::lsp::occurrences::Occurrences;
    let same = |parser: &mut Incremental, text: &str| {
        let fast = parser.analyze(text);
        let whole = planc::analyze(text, &[]);
        assert_eq!(fast.diagnostics, whole.diagnostics, "on:\n{text}");
        assert_eq!(
            Occurrences::build(&fast.model).all(),
            Occurrences::build(&whole.model).all(),
            "on:\n{text}"
        );
    };
    let files = plans_in("tests/cases");
    assert!(files.len() > 10);
    for path in files {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue; // not UTF-8: the language server receives text only
        };
        let mut parser = Incremental::default();
        let mut end = 0;
        while let Some(n) = text[end..].find('\n') {
            end += n + 1;
            same(&mut parser, &text[..end]);
        }
        same(&mut parser, &text);
        // Going back to an earlier text reuses kept chunks at new places.
        let third = (0..=text.len() / 3)
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap();
        same(&mut parser, &text[..third]);
    }
    // Texts where comments, strings and broken items meet the lines where
    // items start.
    let tricky = [
        "metric a count\n/* a comment\nbattle inside it\n*/\nmetric b count\n",
        "battle b {\n  on p\n/* broken above\nbattle x {\n*/\ntactic t { for b }\n",
        "goal g \"unclosed\n  battle b {\n}\nmetric m count\n",
        "\u{feff}metric a count\r\n  battle b {\r\n  on x }\r\n\tmetric c count",
        "metric a count /* one\nmetric b count */ metric c count\nmetric d count",
        "}}}\nplan \"x\" {\nplanned\n}\nbattle_2\nbattle",
    ];
    for text in tricky {
        let mut parser = Incremental::default();
        for (i, c) in text.char_indices() {
            same(&mut parser, &text[..i + c.len_utf8()]);
        }
    }
    for example in ["acme", "bakery"] {
        let path = format!("{}/examples/{example}.plan", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(path).unwrap();
        let mut parser = Incremental::default();
        if example == "acme" {
            for (i, c) in text.char_indices() {
                same(&mut parser, &text[..i + c.len_utf8()]);
            }
        }
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        for skip in 0..lines.len() {
            let without: String = lines
                .iter()
                .enumerate()
                .filter(|&(i, _)| i != skip)
                .map(|(_, l)| *l)
                .collect();
            same(&mut parser, &without);
            same(&mut parser, &text);
        }
    }
}

/// `planc lsp` itself on stdio: it answers `initialize`, publishes
/// diagnostics, and exits with 0 after `shutdown` and `exit`.
#[test]
fn the_binary_speaks_on_stdio_and_exits_cleanly() {
    use std::io::{BufRead, BufReader, Read, Write};
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_planc"))
        .arg("lsp")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut send = |message: Value| {
        let body = message.to_string();
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        stdin.flush().unwrap();
    };
    let mut receive = || -> Value {
        let mut length = 0;
        loop {
            let mut line = String::new();
            stdout.read_line(&mut line).unwrap();
            if line == "\r\n" {
                break;
            }
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                length = n.trim().parse().unwrap();
            }
        }
        let mut body = vec![0; length];
        stdout.read_exact(&mut body).unwrap();
        serde_json::from_slice(&body).unwrap()
    };
    send(
        json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": { "capabilities": {} } }),
    );
    assert_eq!(
        receive()["result"]["capabilities"]["positionEncoding"],
        "utf-16"
    );
    send(json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }));
    send(
        json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": { "textDocument": {
            "uri": uri(), "languageId": "plan", "version": 1, "text": "metric m count\n"
        }}}),
    );
    let published = receive();
    assert_eq!(published["method"], "textDocument/publishDiagnostics");
    let codes: Vec<&str> = published["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"plan-missing"), "{codes:?}");
    send(json!({ "jsonrpc": "2.0", "id": 2, "method": "shutdown" }));
    assert_eq!(receive()["id"], 2);
    send(json!({ "jsonrpc": "2.0", "method": "exit" }));
    assert!(child.wait().unwrap().success());
}

/// Issue 12: `keep`, `part_of` and `milestones` are completed and hovered.
#[test]
fn completion_and_hover_know_guardrails_parts_and_milestones() {
    let mut client = Client::start(false);
    let text = acme();
    client.open(&text);
    let metrics = ["revenue", "new_customers", "referrals"];
    assert_eq!(
        complete(&mut client, 2, &format!("{text}\ngoal g {{\n  keep ")),
        metrics
    );
    assert_eq!(
        complete(&mut client, 3, &format!("{text}\ngoal g {{\n  part_of ")),
        ["revenue_2026", "customers_2026"]
    );
    assert_eq!(
        complete(&mut client, 4, &format!("{text}\ngoal g {{\n  milestones ")),
        ["quarterly", "monthly"]
    );
    let goal_attrs = complete(&mut client, 5, &format!("{text}\ngoal g {{\n  "));
    for word in ["keep", "milestones", "part_of"] {
        assert!(goal_attrs.iter().any(|a| a == word), "{goal_attrs:?}");
    }
    assert!(complete(
        &mut client,
        6,
        &format!("{text}\nplan \"x\" {{\n  limits main_paths 2, ")
    )
    .iter()
    .any(|w| w == "owner_load"));

    let parts = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/cases/clean-parts.plan"
    ))
    .unwrap();
    let guard =
        "\nmetric cash \"Cash\" money\ngoal floor \"Cash floor\" {\n  keep cash >= ¥300万\n}\n";
    let text = format!("{parts}{guard}");
    client.change(7, &text);
    let company = hover_text(&mut client, at(&text, "公司营收 \"", 0));
    assert!(
        company.contains("- parts: `电商目标`, `门店目标`\n"),
        "{company}"
    );
    assert!(
        company.contains("- coverage: battles add +¥4亿 — covered\n"),
        "{company}"
    );
    let part = hover_text(&mut client, at(&text, "电商目标 \"", 0));
    assert!(part.contains("- part of: `公司营收`\n"), "{part}");
    let floor = hover_text(&mut client, at(&text, "floor", 0));
    assert!(
        floor.contains("- guardrail: keep cash >= ¥300万"),
        "{floor}"
    );
    let cash = hover_text(&mut client, at(&text, "cash \"", 0));
    assert!(cash.contains("goal `floor` keeps it >= ¥300万"), "{cash}");
    client.shutdown();
}

/// A plan of several files on disk, for the in-process server: the
/// acme-company example in a fresh directory (with a `.git`), and the
/// `file://` URI of each of its files.
fn company() -> (tempfile::TempDir, impl Fn(&str) -> String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/acme-company");
    std::fs::create_dir_all(dir.path().join("departments")).unwrap();
    for name in [
        "acme.plan",
        "departments/marketing.plan",
        "departments/sales.plan",
    ] {
        std::fs::copy(format!("{example}/{name}"), dir.path().join(name)).unwrap();
    }
    let base = dir.path().canonicalize().unwrap();
    let uri_of = move |name: &str| format!("file://{}/{name}", base.display());
    (dir, uri_of)
}

/// Every publication until each of `uris` has been published once more.
fn published(
    client: &mut Client,
    uris: &[String],
) -> std::collections::HashMap<String, Vec<String>> {
    let mut seen = std::collections::HashMap::new();
    while uris.iter().any(|u| !seen.contains_key(u)) {
        let p = client.diagnostics();
        let codes = p
            .diagnostics
            .iter()
            .map(|d| match &d.code {
                Some(lsp_types::NumberOrString::String(s)) => s.clone(),
                _ => String::new(),
            })
            .collect();
        seen.insert(p.uri.as_str().to_string(), codes);
    }
    seen
}

#[test]
fn a_part_is_analysed_with_its_whole_plan() {
    let (dir, uri_of) = company();
    let mut client = Client::start(false);
    let sales = std::fs::read_to_string(dir.path().join("departments/sales.plan")).unwrap();
    // An error in the unopened marketing file, found when sales is opened.
    let marketing_path = dir.path().join("departments/marketing.plan");
    let marketing = std::fs::read_to_string(&marketing_path).unwrap();
    std::fs::write(
        &marketing_path,
        marketing.replace("for fission", "for fision"),
    )
    .unwrap();
    let (root, part, other) = (
        uri_of("acme.plan"),
        uri_of("departments/sales.plan"),
        uri_of("departments/marketing.plan"),
    );
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": part, "languageId": "plan", "version": 1, "text": sales }}),
    );
    let seen = published(&mut client, &[root.clone(), part.clone(), other.clone()]);
    assert_eq!(seen[&other], ["unknown-name", "unknown-name"], "{seen:?}");
    assert!(seen[&part].is_empty() && seen[&root].is_empty(), "{seen:?}");

    // Definition and references across files.
    let position = |text: &str, needle: &str, skip: usize| {
        let (line, character) = utf16(text, find(text, needle, 0) + skip);
        json!({ "textDocument": { "uri": part }, "position": { "line": line, "character": character } })
    };
    let found = client.call(
        "textDocument/definition",
        position(&sales, "serves revenue_2026", 7),
    );
    assert_eq!(found["uri"], json!(root));
    let mut params = position(&sales, "after fission", 6);
    params["context"] = json!({ "includeDeclaration": true });
    let refs = client.call("textDocument/references", params);
    let files: std::collections::BTreeSet<&str> = refs
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|l| l["uri"].as_str())
        .collect();
    assert!(
        files.contains(part.as_str()) && files.contains(other.as_str()),
        "{files:?}"
    );

    // Rename edits every file the name is written in.
    let mut params = position(&sales, "after fission", 6);
    params["newName"] = json!("referral_push");
    let edit = client.call("textDocument/rename", params);
    let changed: std::collections::BTreeSet<&String> =
        edit["changes"].as_object().unwrap().keys().collect();
    assert!(
        changed.contains(&part) && changed.contains(&other),
        "{changed:?}"
    );

    // The outline holds this file's items only.
    let symbols = client.call(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": part } }),
    );
    let mut outline_text = String::new();
    outline(&symbols, 0, &mut outline_text);
    assert!(
        outline_text.contains("hit_product") && outline_text.contains("bundle"),
        "{outline_text}"
    );
    assert!(
        !outline_text.contains("fission") && !outline_text.contains("revenue_2026"),
        "{outline_text}"
    );

    // Fixed on disk: the watcher's notification re-reads it, and the
    // unopened file's diagnostics are cleared.
    std::fs::write(&marketing_path, marketing).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": other, "type": 2 }] }),
    );
    let seen = published(&mut client, &[root, part, other.clone()]);
    assert!(seen[&other].is_empty(), "{seen:?}");
    client.shutdown();
}

/// Issue 14: through the server, a goal's hover says where it stands on the
/// machine's local date, and "Add a check-in for today" inserts a check-in
/// the hover then reads. The plan is written around today (its year), so
/// the test holds on any day.
#[test]
fn hover_and_checkin_action_follow_today() {
    let today = jiff::ZonedDateTime::now().date().to_string();
    let year = &today[..4];
    let text = format!(
        "plan \"Today\" {{\n  period {year}-01-01 .. {year}-12-31\n}}\n\n\
positioning {{\n  we_are \"a\"\n  serve  \"b\"\n  pain   \"c\"\n  why_us \"d\"\n}}\n\n\
resource people \"People\" {{ capacity 4 }}\n\n\
metric customers \"Customers\" count\n\n\
goal grow \"Grow\" {{\n  target customers 1000 by {year}-12-31\n}}\n\n\
path direct \"Direct\" {{\n  serves grow\n  main\n}}\n\n\
battle push \"Push\" {{\n  on direct\n  objective customers +1000\n  window {year}-01-01 .. {year}-12-31\n  needs people 2\n  review every 1mo\n}}\n\n\
tactic ads \"Ads\" {{\n  for push\n  owner \"Li\"\n  win customers >= 500\n}}\n"
    );
    assert_eq!(planc::format::format(&text).unwrap(), text);
    let mut client = Client::start(false);
    client.open(&text);
    assert!(client.diagnostics().diagnostics.is_empty());
    let goal = hover_text(&mut client, at(&text, "grow", 0));
    assert!(
        goal.contains(&format!(
            "**As of today, {today}**\n\n\
- latest actual: none yet (no check-in on or before today gives `actual customers`)\n"
        )),
        "{goal}"
    );
    assert!(goal.ends_with("- state: no data\n"), "{goal}");

    // The action, wherever the cursor is; asked for source actions only.
    let found = actions_at(
        &mut client,
        utf16(&text, find(&text, "people", 0)),
        Some("source"),
    );
    let found = found.as_array().unwrap();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["title"], "Add a check-in for today");
    assert_eq!(found[0]["kind"], "source.addCheckin");
    let edits = found[0]["edit"]["changes"][uri().as_str()]
        .as_array()
        .unwrap();
    let with = apply(&text, edits);
    assert!(
        with.ends_with(&format!(
            "checkin {today} \"Review of {today}\" {{\n  actual customers 0\n  status push on_track\n}}\n"
        )),
        "{with}"
    );
    assert_eq!(planc::format::format(&with).unwrap(), with);
    client.change(2, &with);
    assert!(client.diagnostics().diagnostics.is_empty());
    let goal = hover_text(&mut client, at(&with, "grow", 0));
    assert!(
        goal.contains(&format!("- latest actual: 0 on {today}\n")),
        "{goal}"
    );
    // Now that today has its check-in, the action is not offered again.
    let again = actions_at(&mut client, (0, 0), None);
    assert_eq!(again, json!([]));
    client.shutdown();
}
