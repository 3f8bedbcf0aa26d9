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

/// The same 1 000 battles split over 20 files (a root with the plan, the
/// pools, metrics, goals and paths, and 20 files of 50 battles each, on
/// disk): a change in one part until the diagnostics of every file of the
/// plan are published. Issue 13 asks for it within 1.5× of one file.
#[divan::bench(args = [1_000])]
fn change_in_a_part_of_20_files(bencher: Bencher, battles: usize) {
    let clean = planc::testing::plan(battles);
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    std::fs::create_dir(dir.path().join("parts")).unwrap();
    let first = clean.find("\nbattle battle_").unwrap();
    let head = clean[..first].replacen(
        "  period 2026-01-01 .. 2026-12-31\n",
        "  period 2026-01-01 .. 2026-12-31\n  include \"parts/*.plan\"\n",
        1,
    );
    std::fs::write(dir.path().join("plan.plan"), head).unwrap();
    let per_file = battles / 20;
    let mut part = String::new();
    for b in 0..battles {
        let from = clean.find(&format!("\nbattle battle_{b} ")).unwrap();
        let to = clean[from + 1..]
            .find("\nbattle battle_")
            .map_or(clean.len(), |e| from + 1 + e);
        if b / per_file == 7 {
            part.push_str(&clean[from..to]);
        }
        let name = dir
            .path()
            .join(format!("parts/part_{:02}.plan", b / per_file));
        let mut text = std::fs::read_to_string(&name).unwrap_or_default();
        text.push_str(&clean[from..to]);
        std::fs::write(name, text).unwrap();
    }
    let path = dir
        .path()
        .canonicalize()
        .unwrap()
        .join("parts/part_07.plan");
    let uri: lsp_types::Uri = format!("file://{}", path.display()).parse().unwrap();
    let faulty = part.replacen("for battle_357\n", "for battle_357x\n", 1);
    assert_ne!(faulty, part);
    measure_at(bencher, uri, 21, &part, &faulty);
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
    measure_at(bencher, uri(), 1, clean, faulty);
}

/// [`measure`] for the file at `uri`, whose plan has `files` files: a
/// change is done when the diagnostics of all of them are published.
fn measure_at(bencher: Bencher, uri: lsp_types::Uri, files: usize, clean: &str, faulty: &str) {
    let published = |client: &Connection| (0..files).map(|_| published(client)).sum::<usize>();
    let change = |client: &Connection, version: i32, text: &str| {
        let n = Notification::new(
            "textDocument/didChange".to_string(),
            json!({
                "textDocument": { "uri": uri, "version": version },
                "contentChanges": [{ "text": text }]
            }),
        );
        client.sender.send(n.into()).unwrap();
    };
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
                    "uri": uri, "languageId": "plan", "version": 0, "text": clean
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
