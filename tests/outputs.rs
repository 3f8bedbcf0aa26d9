//! Outputs for machines, checked against their published schemas on every
//! case: `--format json` (docs/schema/check.schema.json), `planc build`
//! (docs/schema/build.schema.json), SARIF (the official 2.1.0 schema), and
//! GitHub annotations, which must parse back to the same place and message.

use planc::render::{github, json, sarif, Source};
use serde_json::Value;
use std::path::{Path, PathBuf};

use crate::plans::plans_in;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn schema(path: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(root().join(path)).expect("schema readable");
    let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{path} is a valid schema: {e}"))
}

fn plans() -> Vec<PathBuf> {
    let mut plans: Vec<PathBuf> = plans_in("tests/cases")
        .into_iter()
        .chain(plans_in("examples"))
        .collect();
    plans.sort();
    plans
}

fn name(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string()
}

fn assert_valid(validator: &jsonschema::Validator, value: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .take(5)
        .collect();
    assert!(errors.is_empty(), "{what}:\n{}", errors.join("\n"));
}

#[test]
fn check_json_matches_its_schema() {
    let validator = schema("docs/schema/check.schema.json");
    for path in plans() {
        let text = std::fs::read_to_string(&path).expect("readable");
        let d = planc::analyze(&text, &[]).diagnostics;
        let n = name(&path);
        assert_valid(&validator, &json::render(&[Source::new(&n, &text, &d)]), &n);
    }
}

#[test]
fn build_json_matches_its_schema_and_is_deterministic() {
    let validator = schema("docs/schema/build.schema.json");
    for path in plans() {
        let text = std::fs::read_to_string(&path).expect("readable");
        let n = name(&path);
        let analysis = planc::analyze(&text, &[]);
        let value =
            serde_json::to_value(planc::export::export(&n, &text, &analysis)).expect("JSON");
        assert_valid(&validator, &value, &n);
        let analysis = planc::analyze(&text, &[]);
        let again =
            serde_json::to_value(planc::export::export(&n, &text, &analysis)).expect("JSON");
        assert_eq!(
            serde_json::to_string(&value).ok(),
            serde_json::to_string(&again).ok(),
            "{n} is not deterministic"
        );
    }
}

#[test]
fn sarif_matches_the_official_schema() {
    let validator = schema("tests/schemas/sarif-schema-2.1.0.json");
    let texts: Vec<(String, String)> = plans()
        .iter()
        .map(|p| (name(p), std::fs::read_to_string(p).expect("readable")))
        .collect();
    let diagnostics: Vec<Vec<planc::Diagnostic>> = texts
        .iter()
        .map(|(_, t)| planc::analyze(t, &[]).diagnostics)
        .collect();
    let sources: Vec<Source> = texts
        .iter()
        .zip(&diagnostics)
        .map(|((n, t), d)| Source::new(n, t, d))
        .collect();
    for source in &sources {
        assert_valid(
            &validator,
            &sarif::render(std::slice::from_ref(source)),
            source.name,
        );
    }
    // All files in one log, as CI uploads it.
    let log = sarif::render(&sources);
    assert_valid(&validator, &log, "all cases in one log");
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    assert_eq!(rules.len(), planc::Code::ALL.len());
    for result in log["runs"][0]["results"].as_array().expect("results") {
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
}

#[test]
fn sarif_fingerprints_survive_unrelated_edits() {
    let text =
        std::fs::read_to_string(root().join("tests/cases/unknown-name.plan")).expect("readable");
    let edited = format!("// a new first line\n\n{text}");
    let print = |t: &str| {
        let d = planc::analyze(t, &[]).diagnostics;
        let log = sarif::render(&[Source::new("a.plan", t, &d)]);
        (
            log["runs"][0]["results"][0]["partialFingerprints"].clone(),
            log["runs"][0]["results"][0]["locations"][0].clone(),
        )
    };
    let (before, at_before) = print(&text);
    let (after, at_after) = print(&edited);
    assert_eq!(before, after);
    assert_ne!(
        at_before, at_after,
        "the location moved, the fingerprint did not"
    );
}

/// A workflow command as GitHub reads it: level, properties, message.
type Annotation = (String, Vec<(String, String)>, String);

/// Parse `::level key=value,…::message` with GitHub's unescaping.
fn parse_annotation(line: &str) -> Option<Annotation> {
    let unescape = |s: &str| {
        s.replace("%2C", ",")
            .replace("%3A", ":")
            .replace("%0A", "\n")
            .replace("%0D", "\r")
            .replace("%25", "%")
    };
    let rest = line.strip_prefix("::")?;
    let (head, message) = rest.split_once("::")?;
    let (level, props) = head.split_once(' ')?;
    let props = props
        .split(',')
        .map(|kv| {
            let (k, v) = kv.split_once('=').expect("key=value");
            (k.to_string(), unescape(v))
        })
        .collect();
    Some((level.to_string(), props, unescape(message)))
}

#[test]
fn github_annotations_parse_back_to_the_same_place_and_message() {
    for path in plans() {
        let text = std::fs::read_to_string(&path).expect("readable");
        let d = planc::analyze(&text, &[]).diagnostics;
        let n = name(&path);
        let source = Source::new(&n, &text, &d);
        let out = github::render(std::slice::from_ref(&source));
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines.len(),
            d.len() + 1,
            "{n}: one line per diagnostic and a summary"
        );
        assert!(
            lines.last().is_some_and(|l| l.starts_with("planc: ")),
            "{n}: ends with the totals"
        );
        for (line, diagnostic) in lines.iter().zip(&d) {
            let (level, props, message) = parse_annotation(line)
                .unwrap_or_else(|| panic!("{n}: not a workflow command: {line}"));
            assert_eq!(level, diagnostic.severity.as_str());
            let get = |k: &str| {
                props
                    .iter()
                    .find(|(key, _)| key == k)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default()
            };
            let at = source.lines.root().line_col(diagnostic.span.start());
            assert_eq!(get("file"), n);
            assert_eq!(get("line"), at.line.to_string());
            assert_eq!(get("col"), at.column.to_string());
            assert_eq!(get("title"), format!("planc {}", diagnostic.code.name()));
            assert_eq!(
                message,
                format!("{}\nhelp: {}", diagnostic.message, diagnostic.help)
            );
        }
    }
}

#[test]
fn github_escapes_what_github_requires() {
    assert_eq!(github::escape_data("50%\r\nnext"), "50%25%0D%0Anext");
    assert_eq!(github::escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    let (_, props, message) = parse_annotation(&format!(
        "::error file={},line=1::{}",
        github::escape_property("dir,with:odd%name.plan"),
        github::escape_data("100% sure\nsecond line")
    ))
    .expect("parses");
    assert_eq!(props[0].1, "dir,with:odd%name.plan");
    assert_eq!(message, "100% sure\nsecond line");
}

/// The schemas are strict enough to catch drift: each of these breakages fails.
#[test]
fn the_schemas_reject_what_planc_must_not_print() {
    let text =
        std::fs::read_to_string(root().join("tests/cases/many-faults.plan")).expect("readable");
    let analysis = planc::analyze(&text, &[]);
    let source = Source::new("m.plan", &text, &analysis.diagnostics);

    let check = schema("docs/schema/check.schema.json");
    let mut value = json::render(std::slice::from_ref(&source));
    assert!(check.is_valid(&value));
    value["diagnostics"][0]
        .as_object_mut()
        .expect("object")
        .remove("help");
    assert!(!check.is_valid(&value), "a diagnostic without help");
    let mut value = json::render(std::slice::from_ref(&source));
    value["diagnostics"][0]["column"] = Value::from(0);
    assert!(!check.is_valid(&value), "a 0 column");

    let build = schema("docs/schema/build.schema.json");
    let acme = std::fs::read_to_string(root().join("examples/acme.plan")).expect("readable");
    let analysis = planc::analyze(&acme, &[]);
    let good =
        serde_json::to_value(planc::export::export("acme.plan", &acme, &analysis)).expect("JSON");
    assert!(build.is_valid(&good));
    let mut bad = good.clone();
    bad["goals"][0]["target"]["amount"]["unit"] = Value::from("bananas");
    assert!(!build.is_valid(&bad), "an unknown unit");
    let mut bad = good.clone();
    bad["goals"][0]["target"]["amount"]
        .as_object_mut()
        .expect("object")
        .remove("currency");
    assert!(!build.is_valid(&bad), "money without its currency");
    let mut bad = good.clone();
    bad["battles"][0]["surprise"] = Value::from(1);
    assert!(!build.is_valid(&bad), "an undocumented field");

    let sarif_schema = schema("tests/schemas/sarif-schema-2.1.0.json");
    let mut log = sarif::render(std::slice::from_ref(&source));
    assert!(sarif_schema.is_valid(&log));
    log["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!sarif_schema.is_valid(&log), "a level SARIF does not know");
}

// ---------------------------------------------------------------------------
// What a person sees (`planc check`, human output): the place in each
// excerpt's header, short excerpts, no control character, no huge echo.

fn human_style() -> planc::render::human::Style {
    planc::render::human::Style {
        color: false,
        width: 100,
    }
}

/// The human rendering of one diagnostic alone.
fn human_one(name: &str, text: &str, d: &planc::Diagnostic) -> String {
    let one = [d.clone()];
    planc::render::human::render(&Source::new(name, text, &one), human_style())
}

/// The `file:line:col` of every excerpt header, in order.
fn headers(rendered: &str) -> Vec<String> {
    rendered
        .lines()
        .filter_map(|l| {
            let (_, rest) = l.split_once("╭─[")?;
            Some(rest.strip_suffix(']')?.to_string())
        })
        .collect()
}

/// The source line numbers shown by each excerpt, in order.
fn excerpts(rendered: &str) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    for line in rendered.lines() {
        if line.contains("╭─[") {
            out.push(Vec::new());
        } else if let Some((number, _)) = line.split_once(" │") {
            if let (Ok(n), Some(last)) = (number.trim().parse::<usize>(), out.last_mut()) {
                last.push(n);
            }
        }
    }
    out
}

#[test]
fn the_first_header_is_the_primary_place_as_in_json() {
    for path in plans() {
        let text = std::fs::read_to_string(&path).expect("readable");
        let n = name(&path);
        let d = planc::analyze(&text, &[]).diagnostics;
        let index = planc::LineIndex::new(&text);
        for diagnostic in &d {
            let rendered = human_one(&n, &text, diagnostic);
            let at = index.line_col(diagnostic.span.start());
            assert_eq!(
                headers(&rendered).first().map(String::as_str),
                Some(format!("{n}:{}:{}", at.line, at.column).as_str()),
                "{n}: {} is shown at its primary place first:\n{rendered}",
                diagnostic.code.name()
            );
        }
    }
}

#[test]
fn excerpts_are_short_and_skip_what_lies_between() {
    for path in plans() {
        let text = std::fs::read_to_string(&path).expect("readable");
        let n = name(&path);
        for diagnostic in planc::analyze(&text, &[]).diagnostics {
            let rendered = human_one(&n, &text, &diagnostic);
            for excerpt in excerpts(&rendered) {
                assert!(
                    excerpt.len() <= 12,
                    "{n}: {} shows {} lines in one excerpt:\n{rendered}",
                    diagnostic.code.name(),
                    excerpt.len()
                );
                assert!(
                    excerpt.windows(2).all(|w| w[1] == w[0] + 1),
                    "{n}: an excerpt skips lines:\n{rendered}"
                );
            }
        }
    }
    // Two places a hundred lines apart: two excerpts of a few lines each.
    let acme = std::fs::read_to_string(root().join("tests/cases/window-outside-battle.plan"))
        .expect("readable");
    let d = planc::analyze(&acme, &[]).diagnostics;
    let window = d
        .iter()
        .find(|d| d.code == planc::Code::WindowOutsideBattle)
        .expect("fires");
    let rendered = human_one("w.plan", &acme, window);
    let shown = excerpts(&rendered);
    assert_eq!(shown.len(), 2, "{rendered}");
    assert!(shown.iter().all(|e| e.len() <= 5), "{rendered}");
}

#[test]
fn a_diagnostic_with_thousands_of_places_shows_a_few_and_counts_the_rest() {
    let text = goal_loop(planc::testing::plan(10), 1_000);
    let d = planc::analyze(&text, &[]).diagnostics;
    let cycle = d
        .iter()
        .find(|d| d.code == planc::Code::Cycle)
        .expect("fires");
    assert_eq!(cycle.labels.len(), 999);
    let rendered = human_one("g.plan", &text, cycle);
    assert!(excerpts(&rendered).len() <= 10, "{rendered}");
    assert!(rendered.contains("more places"), "{rendered}");
}

/// `plan` and a loop of `n` goals, each supporting the next: one `cycle`
/// with `n - 1` labels all through the file.
fn goal_loop(mut plan: String, n: usize) -> String {
    for i in 0..n {
        plan.push_str(&format!(
            "\ngoal loop_{i} {{\n  target revenue ¥1 by 2026-12-31\n  supports loop_{}\n}}\n",
            (i + 1) % n
        ));
    }
    plan
}

/// Every character a terminal could act on, except tab and the line ends planc writes.
fn assert_no_control(what: &str, out: &str) {
    for (i, c) in out.char_indices() {
        let bidi = matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        let control = c.is_control() && c != '\n' && c != '\t';
        assert!(
            !control && !bidi,
            "{what}: {:?} at byte {i}: {:?}",
            c,
            &out[i.saturating_sub(40)..(i + 40).min(out.len())]
        );
    }
}

/// ESC, BEL, CR, NUL and a C1 control in names, texts, comments and labels.
const HOSTILE: &str = "plan \"x\u{1b}[2J\u{1b}[8m\" {\n  period 2026-01-01 .. 2026-12-31\n}\n\
metric m\u{7}x \"a\u{0}b\" count // \u{1b}]0;owned\u{7}\n\
battle b \"B\u{9b}31m\" { on nowhere\u{1b}[2J\u{1b}[8m\r  objective m +1 }\n\
battle c \"\u{202e}cba\" { on elsewhere }\n";

#[test]
fn no_control_character_reaches_a_terminal_or_a_ci_log() {
    let d = planc::analyze(HOSTILE, &[]).diagnostics;
    assert!(d.len() >= 3);
    let name = "evil\u{1b}[31m.plan";
    let source = Source::new(name, HOSTILE, &d);
    let human = planc::render::human::render(&source, human_style());
    assert_no_control("human", &human);
    assert!(
        human.contains("\\u{1b}[2J"),
        "escapes are visible:\n{human}"
    );
    let colored = planc::render::human::render(
        &source,
        planc::render::human::Style {
            color: true,
            width: 100,
        },
    );
    // Colour is planc's own SGR codes only: none comes from the plan.
    assert!(!colored.contains("\u{1b}[2J") && !colored.contains("\u{1b}[8m"));
    let github = github::render(std::slice::from_ref(&source));
    assert_no_control("github", &github);
    assert!(github.contains("\\u{1b}"), "{github}");
}

#[test]
fn a_huge_line_is_cut_around_the_place() {
    // 5 MB on one line, then a fault at its end.
    let text = format!(
        "plan \"x\" {{\n  period 2026-01-01 .. 2026-12-31\n}}\nmetric m \"{}\" count oops\n",
        "长".repeat(5 * 1024 * 1024 / 3)
    );
    let d = planc::analyze(&text, &[]).diagnostics;
    assert!(!d.is_empty());
    let human = planc::render::human::render(&Source::new("big.plan", &text, &d), human_style());
    assert!(human.len() < 8_000 * d.len(), "{} bytes", human.len());
    assert!(human.contains('…'), "{human}");
    for diagnostic in &d {
        let one = human_one("big.plan", &text, diagnostic);
        let at = planc::LineIndex::new(&text).line_col(diagnostic.span.start());
        assert_eq!(
            headers(&one)[0],
            format!("big.plan:{}:{}", at.line, at.column)
        );
    }
}

#[test]
fn a_cr_inside_a_line_puts_header_snippet_and_json_on_the_same_line() {
    let text = "plan \"x\" {\n  period 2026-01-01 .. 2026-12-31\n}\nbattle b \"B\" { on nowhere\r  objective m +1 }\n";
    let d = planc::analyze(text, &[]).diagnostics;
    assert!(!d.is_empty());
    let json = json::render(&[Source::new("cr.plan", text, &d)]);
    for (i, diagnostic) in d.iter().enumerate() {
        let rendered = human_one("cr.plan", text, diagnostic);
        let header = headers(&rendered)[0].clone();
        let (line, column) = (
            json["diagnostics"][i]["line"].as_u64().expect("line"),
            json["diagnostics"][i]["column"].as_u64().expect("column"),
        );
        assert_eq!(header, format!("cr.plan:{line}:{column}"), "{rendered}");
        let shown = &excerpts(&rendered)[0];
        assert!(shown.contains(&(line as usize)), "{rendered}");
        // The snippet's line `line` holds the text at that column.
        let text_line = rendered
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{line} │")))
            .expect("the line is shown");
        assert!(!text_line.contains('\r'), "{rendered:?}");
    }
}

#[test]
fn human_rendering_is_linear_in_the_file_size() {
    // 3 000 tactics for no battle (thousands of diagnostics all through a
    // 700 KB file) and a loop of 2 000 goals (one diagnostic with 2 000
    // places): human output must cost about what JSON costs.
    let text = goal_loop(
        planc::testing::plan(1_000).replace("  for battle_", "  for no_battle_"),
        2_000,
    );
    let d = planc::analyze(&text, &[]).diagnostics;
    assert!(d.len() > 3_000, "{}", d.len());
    let source = Source::new("big.plan", &text, &d);
    let started = std::time::Instant::now();
    let out = serde_json::to_string_pretty(&json::render(std::slice::from_ref(&source)));
    let json_time = started.elapsed();
    let started = std::time::Instant::now();
    let human = planc::render::human::render(&source, human_style());
    let human_time = started.elapsed();
    assert!(out.is_ok() && !human.is_empty());
    eprintln!("human {human_time:?}, JSON {json_time:?}");
    assert!(
        human_time < json_time * 10 + std::time::Duration::from_secs(2),
        "human {human_time:?}, JSON {json_time:?}"
    );
}

// ---------------------------------------------------------------------------
// Machine outputs: streamed into a writer, byte for byte what the value gives.

/// A writer that remembers its biggest single write: streaming writes small pieces.
#[derive(Default)]
struct Pieces {
    bytes: Vec<u8>,
    biggest: usize,
}

impl std::io::Write for Pieces {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.biggest = self.biggest.max(buf.len());
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn streamed_json_and_sarif_are_byte_identical_to_the_values() {
    let texts: Vec<(String, String)> = plans()
        .iter()
        .map(|p| (name(p), std::fs::read_to_string(p).expect("readable")))
        .collect();
    let diagnostics: Vec<Vec<planc::Diagnostic>> = texts
        .iter()
        .map(|(_, t)| planc::analyze(t, &[]).diagnostics)
        .collect();
    let sources: Vec<Source> = texts
        .iter()
        .zip(&diagnostics)
        .map(|((n, t), d)| Source::new(n, t, d))
        .collect();
    for some in [&sources[..1], &sources[..], &[]] {
        let mut streamed = Vec::new();
        json::render_to(&mut streamed, some).expect("written");
        let value = serde_json::to_string_pretty(&json::render(some)).expect("JSON") + "\n";
        assert_eq!(String::from_utf8(streamed).expect("UTF-8"), value);
        let mut streamed = Vec::new();
        sarif::render_to(&mut streamed, some).expect("written");
        let value = serde_json::to_string_pretty(&sarif::render(some)).expect("JSON") + "\n";
        assert_eq!(String::from_utf8(streamed).expect("UTF-8"), value);
        let mut streamed = Vec::new();
        github::render_to(&mut streamed, some).expect("written");
        assert_eq!(
            String::from_utf8(streamed).expect("UTF-8"),
            github::render(some)
        );
    }
}

#[test]
fn machine_outputs_are_written_as_they_go() {
    let mut text = String::from("plan \"x\" {\n  period 2026-01-01 .. 2026-12-31\n}\n");
    for i in 0..20_000 {
        text.push_str(&format!("metric m{i} count\n"));
    }
    let d = planc::analyze(&text, &[]).diagnostics;
    assert!(d.len() >= 20_000);
    let source = [Source::new("m.plan", &text, &d)];
    let mut out = Pieces::default();
    sarif::render_to(&mut out, &source).expect("written");
    assert!(out.bytes.len() > 5_000_000, "{}", out.bytes.len());
    assert!(
        out.biggest < 64 * 1024,
        "one write of {} bytes",
        out.biggest
    );
    let mut out = Pieces::default();
    json::render_to(&mut out, &source).expect("written");
    assert!(
        out.biggest < 64 * 1024,
        "one write of {} bytes",
        out.biggest
    );
}

// ---------------------------------------------------------------------------
// SARIF artifact URIs: valid URI references, `file://` when absolute.

fn sarif_uri(name: &str) -> String {
    let text =
        std::fs::read_to_string(root().join("tests/cases/unknown-name.plan")).expect("readable");
    let d = planc::analyze(&text, &[]).diagnostics;
    let log = sarif::render(&[Source::new(name, &text, &d)]);
    assert!(
        schema("tests/schemas/sarif-schema-2.1.0.json").is_valid(&log),
        "{name}"
    );
    let uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"]
        .as_str()
        .expect("a uri")
        .to_string();
    fluent_uri::UriRef::parse(uri.as_str())
        .unwrap_or_else(|e| panic!("{name} gives {uri}, not a URI reference: {e}"));
    uri
}

#[test]
fn sarif_uris_are_valid_uri_references() {
    assert_eq!(sarif_uri("tests/cases/a.plan"), "tests/cases/a.plan");
    assert_eq!(sarif_uri("a b#c?.plan"), "a%20b%23c%3F.plan");
    assert_eq!(
        sarif_uri("新品计划.plan"),
        "%E6%96%B0%E5%93%81%E8%AE%A1%E5%88%92.plan"
    );
    assert_eq!(
        sarif_uri("/home/王芳/plans/新品 计划.plan"),
        "file:///home/%E7%8E%8B%E8%8A%B3/plans/%E6%96%B0%E5%93%81%20%E8%AE%A1%E5%88%92.plan"
    );
    assert_eq!(sarif_uri("/tmp/a.plan"), "file:///tmp/a.plan");
    assert_eq!(sarif_uri(r"C:\plans\a.plan"), "file:///C:/plans/a.plan");
    assert_eq!(sarif_uri(r"plans\a.plan"), "plans/a.plan");
    // A relative name that looks like a scheme stays a path.
    assert_eq!(sarif_uri("c:d.plan"), "c%3Ad.plan");
    assert_eq!(sarif_uri("../a.plan"), "../a.plan");
    assert_eq!(sarif_uri("<stdin>"), "%3Cstdin%3E");
    for hostile in ["100%.plan", "a\u{1b}[2J.plan", "//host/x.plan", "a\\\\b"] {
        sarif_uri(hostile);
    }
}
