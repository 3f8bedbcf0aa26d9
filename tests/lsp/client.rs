//! A test client: the real server loop in a thread, over an in-memory
//! connection, with helpers to send requests and wait for answers.

use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use lsp_types::{PublishDiagnosticsParams, Uri};
use serde_json::{json, Value};
use std::collections::VecDeque;
use std::thread::JoinHandle;
use std::time::Duration;

const PATIENCE: Duration = Duration::from_secs(20);

pub(super) struct Client {
    connection: Connection,
    server: Option<JoinHandle<planc::lsp::Exit>>,
    next_id: i32,
    /// Notifications received while waiting for a response.
    pub notifications: VecDeque<Notification>,
    /// What the server answered to `initialize`.
    pub initialized: Value,
}

pub(super) fn uri() -> Uri {
    "file:///plans/acme.plan".parse().unwrap()
}

impl Client {
    /// Start a server; `utf8` says whether the client offers UTF-8 positions.
    pub(super) fn start(utf8: bool) -> Client {
        let (server_side, client_side) = Connection::memory();
        let server = std::thread::spawn(move || planc::lsp::run(&server_side));
        let mut client = Client {
            connection: client_side,
            server: Some(server),
            next_id: 0,
            notifications: VecDeque::new(),
            initialized: Value::Null,
        };
        let encodings = if utf8 {
            json!(["utf-8", "utf-16"])
        } else {
            json!(["utf-16"])
        };
        let result = client.request(
            "initialize",
            json!({ "capabilities": { "general": { "positionEncodings": encodings } } }),
        );
        client.initialized = result.result.expect("initialize succeeds");
        client.notify("initialized", json!({}));
        client
    }

    pub(super) fn notify(&self, method: &str, params: Value) {
        let n = Notification::new(method.to_string(), params);
        self.connection.sender.send(n.into()).unwrap();
    }

    /// Send a request and wait for its response, keeping notifications.
    pub(super) fn request(&mut self, method: &str, params: Value) -> Response {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        let r = Request::new(id.clone(), method.to_string(), params);
        self.connection.sender.send(r.into()).unwrap();
        loop {
            match self.connection.receiver.recv_timeout(PATIENCE) {
                Ok(Message::Response(response)) => {
                    assert_eq!(response.id, id, "answers come in order");
                    return response;
                }
                Ok(Message::Notification(n)) => self.notifications.push_back(n),
                Ok(Message::Request(r)) => panic!("unexpected request from the server: {r:?}"),
                Err(e) => panic!("no answer to `{method}`: {e}"),
            }
        }
    }

    /// The result of a request that must succeed.
    pub(super) fn call(&mut self, method: &str, params: Value) -> Value {
        let response = self.request(method, params);
        match response.error {
            Some(e) => panic!("`{method}` failed: {}", e.message),
            None => response.result.unwrap_or(Value::Null),
        }
    }

    /// The next diagnostics published for `uri`.
    pub(super) fn diagnostics(&mut self) -> PublishDiagnosticsParams {
        loop {
            let n = match self.notifications.pop_front() {
                Some(n) => n,
                None => match self.connection.receiver.recv_timeout(PATIENCE) {
                    Ok(Message::Notification(n)) => n,
                    Ok(other) => panic!("expected diagnostics, got {other:?}"),
                    Err(e) => panic!("no diagnostics published: {e}"),
                },
            };
            if n.method == "textDocument/publishDiagnostics" {
                return serde_json::from_value(n.params).unwrap();
            }
        }
    }

    pub(super) fn open(&self, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": {
                "uri": uri(), "languageId": "plan", "version": 1, "text": text
            }}),
        );
    }

    pub(super) fn change(&self, version: i32, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri(), "version": version },
                "contentChanges": [{ "text": text }]
            }),
        );
    }

    /// `textDocument` + `position` params.
    pub(super) fn at(line: u32, character: u32) -> Value {
        json!({
            "textDocument": { "uri": uri() },
            "position": { "line": line, "character": character }
        })
    }

    /// Shut down and exit as a client does; the server thread must end.
    pub(super) fn shutdown(mut self) {
        let response = self.request("shutdown", Value::Null);
        assert!(response.error.is_none());
        self.notify("exit", Value::Null);
        let exit = self
            .server
            .take()
            .unwrap()
            .join()
            .expect("the server thread ends without panicking");
        assert_eq!(exit, planc::lsp::Exit::AfterShutdown);
    }
}

/// The UTF-16 position of byte `offset` in `text`, counted here
/// independently of planc's LineIndex.
pub(super) fn utf16(text: &str, offset: usize) -> (u32, u32) {
    let before = &text[..offset];
    let line = before.matches('\n').count() as u32;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].encode_utf16().count() as u32;
    (line, column)
}

/// The position of the `n`th (0-based) occurrence of `needle`, plus `skip` bytes.
pub(super) fn find(text: &str, needle: &str, n: usize) -> usize {
    text.match_indices(needle)
        .nth(n)
        .unwrap_or_else(|| panic!("`{needle}` #{n} is not in the text"))
        .0
}

/// A range as `(line, col)..(line, col)`.
pub(super) fn range_of(value: &Value) -> ((u32, u32), (u32, u32)) {
    let p = |v: &Value| {
        (
            v["line"].as_u64().unwrap() as u32,
            v["character"].as_u64().unwrap() as u32,
        )
    };
    (p(&value["start"]), p(&value["end"]))
}

/// The expected range of `text[offset..offset+len]`, in UTF-16.
pub(super) fn span16(text: &str, offset: usize, len: usize) -> ((u32, u32), (u32, u32)) {
    (utf16(text, offset), utf16(text, offset + len))
}

/// Apply LSP text edits (non-overlapping) to a text, in UTF-16 positions.
pub(super) fn apply(text: &str, edits: &[Value]) -> String {
    let index = planc::LineIndex::new(text);
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            let ((l1, c1), (l2, c2)) = range_of(&e["range"]);
            (
                index.offset_of_utf16(l1, c1),
                index.offset_of_utf16(l2, c2),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (start, end, new) in spans {
        out.replace_range(start..end, &new);
    }
    out
}
