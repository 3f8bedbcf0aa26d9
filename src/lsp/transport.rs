//! The base protocol on a byte stream: each message is a frame of headers
//! (`Content-Length: 42`) and a JSON body. planc reads the frames itself
//! rather than through `lsp_server`'s stdio transport, which allocates
//! whatever length a header claims (a `Content-Length` of a terabyte
//! aborted the process) and ends the session on the first message it cannot
//! read. Here:
//!
//! - a frame whose framing is intact but whose body is not a message gets an
//!   error answer (`ParseError` for a body that is not JSON,
//!   `InvalidRequest` for JSON that is not a message), or is ignored when it
//!   is a notification, and the session goes on;
//! - a stream whose framing is broken (no length, a length that is not a
//!   number, a length over [`MAX_LENGTH`], a cut-off frame) ends the session
//!   with a [`Broken`] that says why: after it, no one knows where the next
//!   message starts.
//!
//! The messages themselves stay `lsp_server`'s types, over a
//! [`Connection`], so the server loop ([`super::server::run`]) is the same
//! over stdio and in memory (the tests).

use super::server::{self, run};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{Exit, Notification as _};
use serde_json::{json, Value};
use std::fmt;
use std::io::{self, BufRead, Read, Write};
use std::sync::{Arc, Mutex};

/// The longest body accepted: far above any plan (a 1 000-battle plan is
/// 0.65 MB), far below what a machine cannot allocate.
pub const MAX_LENGTH: u64 = 64 * 1024 * 1024;

/// The longest header line, and the most header lines in one frame.
const MAX_HEADER_LINE: usize = 8 * 1024;
const MAX_HEADERS: usize = 64;

/// Why the stream can no longer be read as messages.
#[derive(Debug)]
pub enum Broken {
    /// Reading failed.
    Io(io::Error),
    /// A `Content-Length` over [`MAX_LENGTH`].
    TooLong(String),
    /// A `Content-Length` that is not a number of bytes.
    BadLength(String),
    /// Headers without a `Content-Length`.
    NoLength,
    /// A line that is not a header.
    BadHeader(String),
    /// A header line longer than planc reads, or too many of them.
    HeaderTooLong,
    /// The stream ended inside a frame.
    Truncated,
}

impl fmt::Display for Broken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lost = "the editor and planc no longer agree where messages start, so planc stops";
        match self {
            Broken::Io(e) => write!(f, "could not read from the editor: {e}"),
            Broken::TooLong(n) => write!(
                f,
                "a message says it is {} bytes long, over the limit of 64 MB; planc stops rather than wait for it",
                shown(n)
            ),
            Broken::BadLength(value) => write!(
                f,
                "the header `Content-Length: {}` does not give a number of bytes; {lost}",
                shown(value)
            ),
            Broken::NoLength => write!(
                f,
                "a message has no `Content-Length` header; {lost}"
            ),
            Broken::BadHeader(line) => write!(
                f,
                "expected a header such as `Content-Length: 42`, found `{}`; {lost}",
                shown(line)
            ),
            Broken::HeaderTooLong => write!(
                f,
                "a message's header is longer than planc reads (a line over {} KB, or over {MAX_HEADERS} lines); {lost}",
                MAX_HEADER_LINE / 1024
            ),
            Broken::Truncated => write!(f, "the connection closed in the middle of a message"),
        }
    }
}

impl std::error::Error for Broken {}

/// Text from the client, safe to print on a terminal and short.
fn shown(text: &str) -> String {
    let mut out: String = text.chars().take(60).flat_map(char::escape_debug).collect();
    if text.chars().count() > 60 {
        out.push('…');
    }
    out
}

/// Serve one client on `input` and `output` (stdin and stdout for
/// `planc lsp`) until it sends `exit` or hangs up. An `Err` is a stream
/// that broke: the caller reports it.
pub fn serve<R, W>(input: R, output: W) -> Result<server::Exit, Broken>
where
    R: BufRead + Send + 'static,
    W: Write + Send + 'static,
{
    let output = Arc::new(Mutex::new(output));
    let (server, client) = Connection::memory();
    let Connection {
        sender: to_server,
        receiver: from_server,
    } = client;
    let writer = {
        let output = Arc::clone(&output);
        std::thread::spawn(move || {
            for message in from_server {
                // The client is gone: the reader will see the end too.
                if write_message(&output, &message).is_err() {
                    return;
                }
            }
        })
    };
    let reader =
        std::thread::spawn(move || read_messages(input, |m| to_server.send(m).is_ok(), &output));
    let exit = run(&server);
    // The server's sender is the last one: the writer ends once it has
    // written what is queued. The reader has already ended: it stops after
    // `exit`, and `run` returns only then or when the reader is gone.
    drop(server);
    let _ = writer.join();
    match reader.join() {
        Ok(Err(broken)) => Err(broken),
        _ => Ok(exit),
    }
}

/// Read frames until `exit`, the end of the stream or a broken frame, and
/// `send` each message to the server (`false`: the server is gone). The
/// malformed ones are answered here.
fn read_messages<R: BufRead, W: Write>(
    mut input: R,
    send: impl Fn(Message) -> bool,
    output: &Mutex<W>,
) -> Result<(), Broken> {
    while let Some(body) = read_frame(&mut input)? {
        let (parsed, note) = parse(&body);
        if let Some(note) = note {
            super::log(&note);
        }
        match parsed {
            Parsed::Message(message) => {
                let exit = matches!(&message, Message::Notification(n) if n.method == Exit::METHOD);
                if !send(message) || exit {
                    return Ok(());
                }
            }
            Parsed::Refused { id, code, message } => {
                super::log(&message);
                let answer = json!({
                    "jsonrpc": "2.0",
                    "id": id,
                    "error": { "code": code as i32, "message": message },
                });
                // A client that cannot be written to will hang up.
                let _ = write_frame(output, answer.to_string().as_bytes());
            }
            Parsed::Ignored(why) => super::log(&why),
        }
    }
    Ok(())
}

/// Lock, write one frame, flush.
fn write_frame<W: Write>(output: &Mutex<W>, body: &[u8]) -> io::Result<()> {
    let mut out = output.lock().unwrap_or_else(|e| e.into_inner());
    write!(out, "Content-Length: {}\r\n\r\n", body.len())?;
    out.write_all(body)?;
    out.flush()
}

fn write_message<W: Write>(output: &Mutex<W>, message: &Message) -> io::Result<()> {
    let mut out = output.lock().unwrap_or_else(|e| e.into_inner());
    message.write(&mut *out)
}

/// Read one frame's body; `None` at the end of the stream between frames.
pub fn read_frame(input: &mut impl BufRead) -> Result<Option<Vec<u8>>, Broken> {
    let mut length: Option<u64> = None;
    let mut headers = 0;
    let mut line = Vec::new();
    loop {
        line.clear();
        let limit = MAX_HEADER_LINE as u64 + 1;
        let read = (&mut *input)
            .take(limit)
            .read_until(b'\n', &mut line)
            .map_err(Broken::Io)?;
        if read == 0 {
            return if headers == 0 {
                Ok(None)
            } else {
                Err(Broken::Truncated)
            };
        }
        if line.last() != Some(&b'\n') {
            return Err(if line.len() > MAX_HEADER_LINE {
                Broken::HeaderTooLong
            } else {
                Broken::Truncated
            });
        }
        // CRLF as the protocol says, or LF alone as some clients write.
        line.pop();
        if line.last() == Some(&b'\r') {
            line.pop();
        }
        if line.is_empty() {
            if headers == 0 {
                // A blank line between messages.
                continue;
            }
            break;
        }
        headers += 1;
        if headers > MAX_HEADERS {
            return Err(Broken::HeaderTooLong);
        }
        let text = String::from_utf8_lossy(&line);
        let Some((name, value)) = text.split_once(':') else {
            return Err(Broken::BadHeader(text.into_owned()));
        };
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
            return Err(Broken::BadHeader(text.into_owned()));
        }
        if name.eq_ignore_ascii_case("Content-Length") {
            let value = value.trim();
            if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
                return Err(Broken::BadLength(value.to_string()));
            }
            match value.parse::<u64>() {
                Ok(n) if n <= MAX_LENGTH => length = Some(n),
                _ => return Err(Broken::TooLong(value.to_string())),
            }
        }
    }
    let length = length.ok_or(Broken::NoLength)?;
    // Grown as bytes arrive, not allocated up front from the header's word.
    let mut body = Vec::with_capacity(length.min(1 << 20) as usize);
    (&mut *input)
        .take(length)
        .read_to_end(&mut body)
        .map_err(Broken::Io)?;
    if (body.len() as u64) < length {
        return Err(Broken::Truncated);
    }
    Ok(Some(body))
}

/// What a frame's body says.
#[derive(Debug)]
pub enum Parsed {
    /// A message to serve.
    Message(Message),
    /// Not a message: answer with this error (`id` null when it cannot be
    /// read).
    Refused {
        id: Option<RequestId>,
        code: ErrorCode,
        message: String,
    },
    /// A notification that cannot be read: nothing to answer; why, for the
    /// log.
    Ignored(String),
}

/// Read a body. The second value is a note for the log when the body was
/// repaired to be read.
pub fn parse(body: &[u8]) -> (Parsed, Option<String>) {
    let error = match serde_json::from_slice::<Value>(body) {
        Ok(value) => return (classify(value), None),
        Err(e) => e,
    };
    let Ok(text) = std::str::from_utf8(body) else {
        // Not UTF-8: read it only to find whom to answer.
        let text = String::from_utf8_lossy(body);
        let text = repair_surrogates(&text).unwrap_or_else(|| text.into_owned());
        let why = "the message is not valid UTF-8".to_string();
        let parsed = match serde_json::from_str::<Value>(&text).map(classify) {
            Ok(Parsed::Message(Message::Request(r))) => {
                refused(Some(r.id), ErrorCode::ParseError, why)
            }
            Ok(Parsed::Message(Message::Notification(n))) => {
                Parsed::Ignored(format!("ignoring `{}`: {why}", shown(&n.method)))
            }
            Ok(Parsed::Message(Message::Response(_))) => {
                Parsed::Ignored(format!("ignoring a response: {why}"))
            }
            _ => refused(None, ErrorCode::ParseError, why),
        };
        return (parsed, None);
    };
    if let Some(repaired) = repair_surrogates(text) {
        if let Ok(value) = serde_json::from_str::<Value>(&repaired) {
            let note = "read half of a UTF-16 surrogate pair (`\\ud800`) as U+FFFD".to_string();
            return (classify(value), Some(note));
        }
    }
    let parsed = refused(
        None,
        ErrorCode::ParseError,
        format!("the message is not JSON: {error}"),
    );
    (parsed, None)
}

fn refused(id: Option<RequestId>, code: ErrorCode, message: String) -> Parsed {
    Parsed::Refused { id, code, message }
}

/// A JSON value as a request, a notification or a response, the way
/// JSON-RPC 2.0 tells them apart.
fn classify(value: Value) -> Parsed {
    let Value::Object(mut map) = value else {
        let message = "a message must be a JSON object (planc does not take batches)";
        return refused(None, ErrorCode::InvalidRequest, message.to_string());
    };
    let id = map.remove("id");
    let params = map.remove("params").unwrap_or(Value::Null);
    match (map.remove("method"), id) {
        (Some(Value::String(method)), None) => {
            Parsed::Message(Message::Notification(Notification { method, params }))
        }
        (Some(Value::String(method)), Some(id)) => match request_id(id) {
            Some(id) => Parsed::Message(Message::Request(Request { id, method, params })),
            None => refused(
                None,
                ErrorCode::InvalidRequest,
                "a request's id must be an integer or a string".to_string(),
            ),
        },
        (Some(_), None) => {
            Parsed::Ignored("ignoring a notification whose method is not a string".to_string())
        }
        (Some(_), Some(id)) => refused(
            request_id(id),
            ErrorCode::InvalidRequest,
            "a request's method must be a string".to_string(),
        ),
        (None, Some(id)) if map.contains_key("result") || map.contains_key("error") => {
            map.insert("id".to_string(), id);
            match serde_json::from_value::<Response>(Value::Object(map)) {
                Ok(response) => Parsed::Message(Message::Response(response)),
                Err(_) => Parsed::Ignored("ignoring a malformed response".to_string()),
            }
        }
        (None, id) => refused(
            id.and_then(request_id),
            ErrorCode::InvalidRequest,
            "a message needs a method".to_string(),
        ),
    }
}

fn request_id(id: Value) -> Option<RequestId> {
    serde_json::from_value(id).ok()
}

/// `text` with every `\uXXXX` escape of half a surrogate pair replaced by
/// `\uFFFD`, or `None` when there is none. serde_json refuses such escapes,
/// and JavaScript clients write them for a string holding half a pair.
/// U+FFFD is one UTF-16 unit, as the half it replaces: positions stay right.
pub fn repair_surrogates(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let unit = |at: usize| -> Option<u16> {
        if bytes.get(at) != Some(&b'\\') || bytes.get(at + 1) != Some(&b'u') {
            return None;
        }
        let hex = std::str::from_utf8(bytes.get(at + 2..at + 6)?).ok()?;
        u16::from_str_radix(hex, 16).ok()
    };
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        let Some(u) = unit(i) else {
            // `\\`, `\"`, `\n`…: skip the escaped character.
            i += 2;
            continue;
        };
        let lone = match u {
            0xD800..=0xDBFF => {
                if matches!(unit(i + 6), Some(0xDC00..=0xDFFF)) {
                    i += 12;
                    continue;
                }
                true
            }
            0xDC00..=0xDFFF => true,
            _ => false,
        };
        if lone {
            let out = out.get_or_insert_with(String::new);
            out.push_str(&text[copied..i]);
            out.push_str("\\uFFFD");
            copied = i + 6;
        }
        i += 6;
    }
    out.map(|mut out| {
        out.push_str(&text[copied..]);
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(bytes: &[u8]) -> Result<Option<Vec<u8>>, Broken> {
        read_frame(&mut &bytes[..])
    }

    #[test]
    fn frames() {
        assert_eq!(
            frame(b"Content-Length: 2\r\n\r\n{}").unwrap().unwrap(),
            b"{}"
        );
        assert_eq!(
            frame(b"\r\n\nContent-Length:2\n\n{}").unwrap().unwrap(),
            b"{}"
        );
        assert!(frame(b"").unwrap().is_none());
        assert!(matches!(
            frame(b"Content-Length: 1000000000000\r\n\r\n"),
            Err(Broken::TooLong(_))
        ));
        assert!(matches!(
            frame(b"Content-Length: 99999999999999999999999999\r\n\r\n"),
            Err(Broken::TooLong(_))
        ));
        assert!(matches!(
            frame(b"Content-Length: -1\r\n\r\n"),
            Err(Broken::BadLength(_))
        ));
        assert!(matches!(
            frame(b"Content-Length: 3\r\n\r\n{}"),
            Err(Broken::Truncated)
        ));
        assert!(matches!(frame(b"X: y\r\n\r\n{}"), Err(Broken::NoLength)));
        assert!(matches!(
            frame(b"{\"a\": 1}\r\n\r\n"),
            Err(Broken::BadHeader(_))
        ));
    }

    #[test]
    fn surrogates() {
        assert_eq!(repair_surrogates(r#""a\ud83d\ude00b""#), None);
        assert_eq!(repair_surrogates(r#""\\ud800""#), None);
        assert_eq!(
            repair_surrogates(r#""\ud800x\udc00\ud800\ud800""#).unwrap(),
            r#""\uFFFDx\uFFFD\uFFFD\uFFFD""#
        );
        assert_eq!(
            repair_surrogates(r#""\u00e9\ud800""#).unwrap(),
            r#""\u00e9\uFFFD""#
        );
    }
}
