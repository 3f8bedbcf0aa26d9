//! The language server's answer to a change: from `didChange` with the
//! whole text of a generated plan to `publishDiagnostics` on the client's
//! side, through the real server loop over an in-memory connection.
//! Run with `cargo bench --bench lsp`; figures in docs/lsp.md.

use divan::{black_box, Bencher};
use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::json;

fn main() {
    divan::main();
}

fn uri() -> lsp_types::Uri {
    "file:///bench.plan".parse().unwrap()
}

fn change(client: &Connection, version: i32, text: &str) {
    let n = Notification::new(
        "textDocument/didChange".to_string(),
        json!({
            "textDocument": { "uri": uri(), "version": version },
            "contentChanges": [{ "text": text }]
        }),
    );
    client.sender.send(n.into()).unwrap();
}

/// Wait for the next published diagnostics; return how many there are.
fn published(client: &Connection) -> usize {
    loop {
        match client.receiver.recv().unwrap() {
            Message::Notification(n) if n.method == "textDocument/publishDiagnostics" => {
                return n.params["diagnostics"].as_array().unwrap().len();
            }
            _ => {}
        }
    }
}

/// A change that misspells a name: the item still parses.
#[divan::bench(args = [1_000])]
fn change_to_diagnostics(bencher: Bencher, battles: usize) {
    let clean = planc::testing::plan(battles);
    let faulty = clean.replacen("for battle_7\n", "for battle_7x\n", 1);
    measure(bencher, &clean, &faulty);
}

/// A change that breaks an item, as typing does half of the time.
#[divan::bench(args = [1_000])]
fn change_breaking_an_item(bencher: Bencher, battles: usize) {
    let clean = planc::testing::plan(battles);
    let faulty = clean.replacen("  review every 2w\n", "  review every\n", 500);
    let faulty = faulty.replacen("  review every\n", "  review every 2w\n", 499);
    measure(bencher, &clean, &faulty);
}

/// Reading one `didChange` frame that holds the whole text (0.65 MB) off
/// the byte stream, into a message: planc's transport, and lsp-server's
/// reader that it replaced.
#[divan::bench(args = ["planc", "lsp-server"])]
fn read_a_change_frame(bencher: Bencher, reader: &str) {
    let text = planc::testing::plan(1_000);
    let body = json!({
        "jsonrpc": "2.0",
        "method": "textDocument/didChange",
        "params": {
            "textDocument": { "uri": uri(), "version": 2 },
            "contentChanges": [{ "text": text }]
        }
    })
    .to_string();
    let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes();
    let bencher = bencher.counter(divan::counter::BytesCount::new(frame.len()));
    if reader == "planc" {
        bencher.bench_local(|| {
            let body = planc::lsp::transport::read_frame(&mut black_box(&frame[..]))
                .unwrap()
                .unwrap();
            match planc::lsp::transport::parse(&body).0 {
                planc::lsp::transport::Parsed::Message(m) => m,
                other => panic!("{other:?}"),
            }
        });
    } else {
        bencher.bench_local(|| Message::read(&mut black_box(&frame[..])).unwrap().unwrap());
    }
}

/// Alternate between two versions, so that every change is a real one;
/// the faulty one has exactly one diagnostic.
fn measure(bencher: Bencher, clean: &str, faulty: &str) {
    let (server, client) = Connection::memory();
    let thread = std::thread::spawn(move || planc::lsp::run(&server));
    let init = Request::new(
        RequestId::from(1),
        "initialize".to_string(),
        json!({ "capabilities": {} }),
    );
    client.sender.send(init.into()).unwrap();
    let _ = client.receiver.recv().unwrap();
    client
        .sender
        .send(Notification::new("initialized".to_string(), json!({})).into())
        .unwrap();
    client
        .sender
        .send(
            Notification::new(
                "textDocument/didOpen".to_string(),
                json!({ "textDocument": {
                    "uri": uri(), "languageId": "plan", "version": 0, "text": clean
                }}),
            )
            .into(),
        )
        .unwrap();
    assert_eq!(published(&client), 0);
    let mut version = 0;
    bencher
        .counter(divan::counter::BytesCount::new(clean.len()))
        .bench_local(|| {
            version += 1;
            let text = if version % 2 == 1 { faulty } else { clean };
            change(&client, version, black_box(text));
            let count = published(&client);
            assert_eq!(count, version as usize % 2);
        });
    client
        .sender
        .send(Request::new(RequestId::from(2), "shutdown".to_string(), json!(null)).into())
        .unwrap();
    client
        .sender
        .send(Notification::new("exit".to_string(), json!(null)).into())
        .unwrap();
    drop(client);
    let _ = thread.join();
}
