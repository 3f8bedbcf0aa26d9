//! `planc lsp` on stdio, fed raw bytes: frames too long, malformed or
//! broken, and the lifecycle (`initialize`, `shutdown`, `exit`). Each test
//! writes its whole input, closes stdin, and reads every frame the server
//! wrote, its standard error and its exit status.

use serde_json::{json, Value};
use std::io::{Read, Write};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::Duration;

const PATIENCE: Duration = Duration::from_secs(60);

/// What the server did with one input.
struct Session {
    status: ExitStatus,
    frames: Vec<Value>,
    stderr: String,
}

impl Session {
    fn run(input: Vec<u8>) -> Session {
        let mut child = Command::new(env!("CARGO_BIN_EXE_planc"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        // The server may stop reading early (that is the point of some
        // tests): a write error here is expected then.
        let writer = std::thread::spawn(move || {
            let _ = stdin.write_all(&input);
        });
        let mut stdout = child.stdout.take().unwrap();
        let mut stderr = child.stderr.take().unwrap();
        let out = std::thread::spawn(move || {
            let mut bytes = Vec::new();
            stdout.read_to_end(&mut bytes).unwrap();
            bytes
        });
        let err = std::thread::spawn(move || {
            let mut text = String::new();
            stderr.read_to_string(&mut text).unwrap();
            text
        });
        let (done, wait) = mpsc::channel();
        let id = child.id();
        std::thread::spawn(move || {
            let _ = done.send(child.wait());
        });
        let status = match wait.recv_timeout(PATIENCE) {
            Ok(status) => status.unwrap(),
            Err(_) => {
                // Ours, by its id: the server hung.
                let _ = Command::new("kill").arg(id.to_string()).status();
                panic!("planc lsp did not exit within {PATIENCE:?}");
            }
        };
        writer.join().unwrap();
        let frames = frames(&out.join().unwrap());
        let stderr = err.join().unwrap();
        Session {
            status,
            frames,
            stderr,
        }
    }

    /// The responses, in order.
    fn responses(&self) -> Vec<&Value> {
        self.frames
            .iter()
            .filter(|f| f.get("method").is_none())
            .collect()
    }

    /// The response to request `id`.
    fn answer(&self, id: Value) -> &Value {
        self.responses()
            .into_iter()
            .find(|r| r["id"] == id)
            .unwrap_or_else(|| panic!("no answer to {id}: {:#?}\n{}", self.frames, self.stderr))
    }

    /// The process ended by itself (no signal) with this code, without a panic.
    fn exited(&self, code: i32) {
        assert_eq!(
            self.status.code(),
            Some(code),
            "{:?}\nstderr: {}",
            self.status,
            self.stderr
        );
        assert!(!self.stderr.contains("panicked"), "{}", self.stderr);
    }
}

/// The frames of the server's output.
fn frames(mut bytes: &[u8]) -> Vec<Value> {
    let mut out = Vec::new();
    while !bytes.is_empty() {
        let end = bytes
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a complete header");
        let header = std::str::from_utf8(&bytes[..end]).unwrap();
        let length: usize = header
            .strip_prefix("Content-Length: ")
            .expect("Content-Length first")
            .parse()
            .unwrap();
        let body = &bytes[end + 4..end + 4 + length];
        out.push(serde_json::from_slice(body).unwrap());
        bytes = &bytes[end + 4 + length..];
    }
    out
}

/// A well-formed frame around any bytes.
fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

fn message(value: Value) -> Vec<u8> {
    frame(value.to_string().as_bytes())
}

fn initialize() -> Vec<u8> {
    message(json!({
        "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": { "capabilities": {} }
    }))
}

fn shutdown_and_exit() -> Vec<u8> {
    let mut out = message(json!({ "jsonrpc": "2.0", "id": 99, "method": "shutdown" }));
    out.extend(message(json!({ "jsonrpc": "2.0", "method": "exit" })));
    out
}

/// `initialize`, then `middle`, then a request that must still be answered,
/// then `shutdown` and `exit`.
fn session_around(middle: &[u8]) -> Session {
    let mut input = initialize();
    input.extend_from_slice(middle);
    input.extend(message(json!({
        "jsonrpc": "2.0", "id": 50, "method": "textDocument/documentSymbol",
        "params": { "textDocument": { "uri": "file:///never-opened.plan" } }
    })));
    input.extend(shutdown_and_exit());
    Session::run(input)
}

/// The session survived `middle`: the request after it was answered, and
/// the server exited with 0 after `shutdown` and `exit`.
fn survived(session: &Session) {
    assert_eq!(session.answer(json!(50))["result"], Value::Null);
    assert!(session.answer(json!(99))["error"].is_null());
    session.exited(0);
}

fn error_code(response: &Value) -> i64 {
    response["error"]["code"]
        .as_i64()
        .unwrap_or_else(|| panic!("not an error: {response}"))
}

#[test]
fn a_huge_length_is_refused_without_aborting() {
    let mut input = initialize();
    input.extend_from_slice(b"Content-Length: 1000000000000\r\n\r\n{}");
    let session = Session::run(input);
    assert!(session.answer(json!(1))["result"].is_object());
    session.exited(2);
    assert!(session.stderr.contains("64 MB"), "{}", session.stderr);
    // Just over the limit, too.
    let mut input = initialize();
    input.extend_from_slice(format!("Content-Length: {}\r\n\r\n", 64 * 1024 * 1024 + 1).as_bytes());
    let session = Session::run(input);
    session.exited(2);
    assert!(session.stderr.contains("64 MB"), "{}", session.stderr);
}

#[test]
fn a_body_that_is_not_json_gets_a_parse_error_and_the_session_goes_on() {
    for body in [&b"{abc}"[..], b"", b"{\"jsonrpc\": \"2.0\", \"id\": 3,"] {
        let session = session_around(&frame(body));
        let errors: Vec<_> = session
            .responses()
            .into_iter()
            .filter(|r| r["id"].is_null())
            .collect();
        assert_eq!(errors.len(), 1, "{:#?}", session.frames);
        assert_eq!(error_code(errors[0]), -32700);
        survived(&session);
    }
}

#[test]
fn json_that_is_not_a_message_gets_invalid_request() {
    for (body, id) in [
        (json!([]), Value::Null),
        (json!(42), Value::Null),
        (json!({}), Value::Null),
        (json!({ "jsonrpc": "2.0", "id": 7 }), json!(7)),
        (json!({ "jsonrpc": "2.0", "id": 8, "method": 3 }), json!(8)),
        (
            json!({ "jsonrpc": "2.0", "id": null, "method": "textDocument/hover" }),
            Value::Null,
        ),
        (
            json!({ "jsonrpc": "2.0", "id": [1], "method": "textDocument/hover" }),
            Value::Null,
        ),
    ] {
        let session = session_around(&message(body.clone()));
        let refused: Vec<_> = session
            .responses()
            .into_iter()
            .filter(|r| r["id"] == id)
            .collect();
        assert_eq!(refused.len(), 1, "{body}: {:#?}", session.frames);
        assert_eq!(error_code(refused[0]), -32600, "{body}");
        survived(&session);
    }
}

#[test]
fn a_request_that_is_not_utf8_gets_a_parse_error_with_its_id() {
    let body = b"{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"textDocument/hover\",\"params\":{\"x\":\"\xff\xfe\"}}";
    let session = session_around(&frame(body));
    assert_eq!(error_code(session.answer(json!(7))), -32700);
    survived(&session);
}

#[test]
fn a_bad_notification_is_ignored() {
    let bodies: Vec<Vec<u8>> = vec![
        // Not UTF-8.
        b"{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"x\":\"\xff\"}}".to_vec(),
        // A method that is not a string.
        json!({ "jsonrpc": "2.0", "method": 5 }).to_string().into_bytes(),
        // Parameters of the wrong shape.
        json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": [] })
            .to_string()
            .into_bytes(),
        // A lone surrogate in the uri: after repair, not a uri.
        br#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///a\ud800.plan","languageId":"plan","version":1,"text":"metric m count\n"}}}"#.to_vec(),
        // A notification planc does not know.
        json!({ "jsonrpc": "2.0", "method": "$/unknown", "params": 1 })
            .to_string()
            .into_bytes(),
    ];
    for body in bodies {
        let session = session_around(&frame(&body));
        // Nothing answers a notification: only requests 1, 50 and 99.
        let ids: Vec<&Value> = session.responses().iter().map(|r| &r["id"]).collect();
        assert_eq!(
            ids,
            [&json!(1), &json!(50), &json!(99)],
            "{}: {:#?}",
            String::from_utf8_lossy(&body),
            session.frames
        );
        survived(&session);
    }
}

#[test]
fn a_lone_surrogate_in_the_text_is_read_as_a_replacement_character() {
    // JavaScript strings may hold half of a pair, and JSON.stringify
    // writes it as an escape that is not valid JSON text.
    let open = br#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///a.plan","languageId":"plan","version":1,"text":"metric m count // \ud800 \udc00\n"}}}"#;
    let mut middle = frame(open);
    middle.extend(message(json!({
        "jsonrpc": "2.0", "id": 2, "method": "textDocument/documentSymbol",
        "params": { "textDocument": { "uri": "file:///a.plan" } }
    })));
    let session = session_around(&middle);
    let published = session
        .frames
        .iter()
        .find(|f| f["method"] == "textDocument/publishDiagnostics")
        .unwrap_or_else(|| panic!("no diagnostics: {:#?}", session.frames));
    assert_eq!(published["params"]["uri"], "file:///a.plan");
    let symbols = &session.answer(json!(2))["result"];
    assert_eq!(symbols[0]["name"], "m", "{symbols:#}");
    survived(&session);
}

#[test]
fn headers_ending_in_lf_only_are_read() {
    let body = json!({
        "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": { "capabilities": {} }
    })
    .to_string();
    let mut input = format!("Content-Length: {}\n\n{body}", body.len()).into_bytes();
    // A blank line between messages, and another header, are fine too.
    input.extend_from_slice(b"\r\n");
    let body = json!({ "jsonrpc": "2.0", "id": 99, "method": "shutdown" }).to_string();
    input.extend(
        format!(
            "content-length:{}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{body}",
            body.len()
        )
        .into_bytes(),
    );
    input.extend(message(json!({ "jsonrpc": "2.0", "method": "exit" })));
    let session = Session::run(input);
    assert!(session.answer(json!(1))["result"].is_object());
    assert!(session.answer(json!(99))["error"].is_null());
    session.exited(0);
}

#[test]
fn broken_framing_ends_the_session_with_a_message() {
    let cases: [(&[u8], &str); 8] = [
        (b"Content-Length: abc\r\n\r\n{}", "Content-Length"),
        (b"Content-Length: -5\r\n\r\n{}", "Content-Length"),
        (b"Content-Length: 1e3\r\n\r\n{}", "Content-Length"),
        (b"Content-Type: text/plain\r\n\r\n{}", "Content-Length"),
        (b"{\"jsonrpc\": \"2.0\"}\r\n\r\n", "header"),
        (b"Content-Length: 100\r\n\r\n{}", "closed"),
        (b"Content-Length: 10\r\n", "closed"),
        (&[b'x'; 100_000], "header"),
    ];
    for (bytes, says) in cases {
        let mut input = initialize();
        input.extend_from_slice(bytes);
        let session = Session::run(input);
        assert!(session.answer(json!(1))["result"].is_object());
        session.exited(2);
        assert!(
            session.stderr.starts_with("planc lsp: ") && session.stderr.contains(says),
            "{}: {}",
            String::from_utf8_lossy(&bytes[..bytes.len().min(40)]),
            session.stderr
        );
        assert!(session.stderr.len() < 1000, "{}", session.stderr);
    }
}

#[test]
fn exit_without_shutdown_exits_with_1_and_after_it_with_0() {
    let mut input = initialize();
    input.extend(message(json!({ "jsonrpc": "2.0", "method": "exit" })));
    Session::run(input).exited(1);

    let mut input = initialize();
    input.extend(shutdown_and_exit());
    Session::run(input).exited(0);

    // The client hangs up without a word: as `exit` without `shutdown`.
    Session::run(initialize()).exited(1);
    // Before `initialize`, too.
    Session::run(message(json!({ "jsonrpc": "2.0", "method": "exit" }))).exited(1);
}

#[test]
fn the_lifecycle_is_kept() {
    let mut input = message(json!({
        "jsonrpc": "2.0", "id": "early", "method": "textDocument/documentSymbol",
        "params": { "textDocument": { "uri": "file:///a.plan" } }
    }));
    input.extend(initialize());
    input.extend(message(json!({
        "jsonrpc": "2.0", "id": 2, "method": "initialize", "params": { "capabilities": {} }
    })));
    input.extend(message(
        json!({ "jsonrpc": "2.0", "id": 99, "method": "shutdown" }),
    ));
    input.extend(message(json!({
        "jsonrpc": "2.0", "id": 3, "method": "textDocument/documentSymbol",
        "params": { "textDocument": { "uri": "file:///a.plan" } }
    })));
    input.extend(message(json!({ "jsonrpc": "2.0", "method": "exit" })));
    let session = Session::run(input);
    // Before initialize: ServerNotInitialized.
    assert_eq!(error_code(session.answer(json!("early"))), -32002);
    assert!(session.answer(json!(1))["result"].is_object());
    // A second initialize, and anything after shutdown: InvalidRequest.
    assert_eq!(error_code(session.answer(json!(2))), -32600);
    assert!(session.answer(json!(99))["error"].is_null());
    assert_eq!(error_code(session.answer(json!(3))), -32600);
    session.exited(0);
}

#[test]
fn errors_quote_little_of_a_huge_message() {
    let huge = "x".repeat(1_000_000);
    let mut middle = message(json!({
        "jsonrpc": "2.0", "id": 2, "method": "textDocument/hover",
        "params": { "textDocument": { "uri": "file:///a.plan" }, "position": huge }
    }));
    middle.extend(message(json!({
        "jsonrpc": "2.0", "method": "textDocument/didOpen",
        "params": { "textDocument": huge }
    })));
    middle.extend(message(
        json!({ "jsonrpc": "2.0", "id": 3, "method": huge }),
    ));
    let session = session_around(&middle);
    let invalid = session.answer(json!(2));
    assert_eq!(error_code(invalid), -32602);
    assert!(invalid.to_string().len() < 1000, "{invalid}");
    let unknown = session.answer(json!(3));
    assert_eq!(error_code(unknown), -32601);
    assert!(unknown.to_string().len() < 1000);
    assert!(session.stderr.len() < 2000, "{}", session.stderr.len());
    survived(&session);
}
