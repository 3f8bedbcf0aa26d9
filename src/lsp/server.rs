//! The loop: read a message, answer it. Documents are analysed lazily: a
//! change only stores the new text, and the analysis (with its diagnostics)
//! runs when the server has caught up with its queue or when a request needs
//! the document, so a fast typist never makes the server fall behind.
//!
//! Every request goes through one generic [`Server::handle`]: decode the
//! parameters, find the document, call the request's pure function, encode
//! its answer, and turn a panic into `InternalError`. The routing tables in
//! [`Server::request`] and [`Server::notification`] give one line to each
//! method. The lifecycle (`initialize`, `shutdown`, `exit`) is kept by
//! [`run`].

use super::incremental::Incremental;
use super::position::Encoding;
use super::{
    code_action, completion, definition, diagnostics, formatting, hover, log, references, rename,
    short, symbols, Document,
};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    Exit as ExitNotification, Notification as _, PublishDiagnostics,
};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentSymbolRequest, Formatting, GotoDefinition, HoverRequest,
    Initialize, PrepareRenameRequest, References, Rename, Request as _, Shutdown,
};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionOrCommand, CodeActionProviderCapability,
    CompletionOptions, CompletionResponse, DocumentSymbolResponse, InitializeResult, OneOf,
    PositionEncodingKind, PrepareRenameResponse, PublishDiagnosticsParams, RenameOptions,
    SaveOptions, ServerCapabilities, ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Uri,
};
use serde::Serialize;
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// `exit` after `shutdown`: exit code 0.
    AfterShutdown,
    /// `exit` without `shutdown`, or the client hung up first: exit code 1,
    /// as the protocol says.
    WithoutShutdown,
}

/// Where the session is in its lifecycle.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Before `initialize`: requests get `ServerNotInitialized`.
    Waiting,
    Serving,
    /// After `shutdown`: requests get `InvalidRequest`; only `exit` counts.
    ShutDown,
}

/// Serve one client until it sends `exit` or closes the connection.
pub fn run(connection: &Connection) -> Exit {
    let mut server = Server {
        encoding: Encoding::Utf16,
        watch: false,
        texts: HashMap::new(),
        plans: HashMap::new(),
        parsed: HashMap::new(),
        requests: Vec::new(),
        documents: HashMap::new(),
        pending: HashMap::new(),
        parsers: HashMap::new(),
        outbox: Vec::new(),
        lang: crate::lang::LangPref::default(),
    };
    let mut phase = Phase::Waiting;
    let ended = |phase| match phase {
        Phase::ShutDown => Exit::AfterShutdown,
        _ => Exit::WithoutShutdown,
    };
    loop {
        let message = match connection.receiver.try_recv() {
            Ok(message) => message,
            Err(_) => {
                // Caught up: analyse what changed and publish, then wait.
                server.flush();
                server.send(connection);
                match connection.receiver.recv() {
                    Ok(message) => message,
                    Err(_) => return ended(phase),
                }
            }
        };
        match message {
            Message::Request(request) => {
                let method = request.method.clone();
                let response = match (phase, method.as_str()) {
                    (Phase::Waiting, Initialize::METHOD) => {
                        phase = Phase::Serving;
                        server.initialize(request)
                    }
                    (Phase::Waiting, _) => refuse(
                        request.id,
                        ErrorCode::ServerNotInitialized,
                        format!("planc lsp got `{}` before `initialize`", short(&method)),
                    ),
                    (Phase::Serving, Initialize::METHOD) => refuse(
                        request.id,
                        ErrorCode::InvalidRequest,
                        "planc lsp is already initialized".to_string(),
                    ),
                    (Phase::Serving, Shutdown::METHOD) => {
                        phase = Phase::ShutDown;
                        answer(request.id, ())
                    }
                    (Phase::Serving, _) => server.request(request),
                    (Phase::ShutDown, _) => refuse(
                        request.id,
                        ErrorCode::InvalidRequest,
                        format!(
                            "planc lsp got `{}` after `shutdown`: only `exit` is expected",
                            short(&method)
                        ),
                    ),
                };
                server.send(connection);
                send(connection, response.into());
            }
            Message::Notification(n) if n.method == ExitNotification::METHOD => {
                return ended(phase)
            }
            // Before `initialize` and after `shutdown`, notifications are dropped.
            Message::Notification(n) if phase == Phase::Serving => server.notification(n),
            Message::Notification(_) | Message::Response(_) => {}
        }
    }
}

/// Send a message; if the client is gone, the next receive ends the loop.
fn send(connection: &Connection, message: Message) {
    let _ = connection.sender.send(message);
}

/// A successful answer.
fn answer(id: RequestId, result: impl Serialize) -> Response {
    match serde_json::to_value(result) {
        Ok(value) => Response {
            id,
            result: Some(value),
            error: None,
        },
        Err(e) => refuse(id, ErrorCode::InternalError, e.to_string()),
    }
}

fn refuse(id: RequestId, code: ErrorCode, message: String) -> Response {
    Response::new_err(id, code as i32, message)
}

/// The parameters of a request about one document.
trait OnDocument {
    fn uri(&self) -> &Uri;
}

macro_rules! on_document {
    ($($params:ty => $($field:ident).+;)*) => {
        $(impl OnDocument for $params {
            fn uri(&self) -> &Uri {
                &self.$($field).+.uri
            }
        })*
    };
}

on_document! {
    lsp_types::GotoDefinitionParams => text_document_position_params.text_document;
    lsp_types::HoverParams => text_document_position_params.text_document;
    lsp_types::ReferenceParams => text_document_position.text_document;
    lsp_types::CompletionParams => text_document_position.text_document;
    lsp_types::DocumentSymbolParams => text_document;
    lsp_types::TextDocumentPositionParams => text_document;
    lsp_types::RenameParams => text_document_position.text_document;
    lsp_types::DocumentFormattingParams => text_document;
    lsp_types::CodeActionParams => text_document;
}

/// What a request's pure function gives: its result, or why it refused
/// (shown to the user, as `RequestFailed`).
type Answer<R> = Result<<R as lsp_types::request::Request>::Result, String>;

/// What the server offers, in the negotiated position encoding.
pub fn capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(true),
                })),
                ..TextDocumentSyncOptions::default()
            },
        )),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        hover_provider: Some(lsp_types::HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![" ".to_string(), ",".to_string()]),
            ..CompletionOptions::default()
        }),
        document_formatting_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::new(super::add_checkin::KIND),
            ]),
            ..CodeActionOptions::default()
        })),
        ..ServerCapabilities::default()
    }
}

struct Server {
    encoding: Encoding,
    /// The client registers file watchers when asked (`**/*.plan`).
    watch: bool,
    /// The last text of every open file, its own (not its plan's).
    texts: HashMap<Uri, (i32, String)>,
    /// Each plan of several files by its root: the files it had when last
    /// analysed, to clear the diagnostics of a file that left it.
    plans: HashMap<std::path::PathBuf, Vec<Uri>>,
    /// Each plan's files as last parsed, by root: a change in one file
    /// parses that file alone.
    parsed: HashMap<std::path::PathBuf, crate::analysis::Parsed>,
    /// Requests to the client (the watcher's registration).
    requests: Vec<Request>,
    documents: HashMap<Uri, Document>,
    /// Texts received but not analysed yet: (version, text).
    pending: HashMap<Uri, (i32, String)>,
    /// What each document's last parse can lend the next.
    parsers: HashMap<Uri, Incremental>,
    /// Notifications to send before the next answer.
    outbox: Vec<PublishDiagnosticsParams>,
    /// The language: a Chinese `initialize.params.locale` forces Chinese;
    /// otherwise each plan's own `lang`, else English (docs/chinese.md).
    lang: crate::lang::LangPref,
}

impl Server {
    /// The routing table of requests: the method, and how its pure
    /// function is called with the document and the decoded parameters.
    fn request(&mut self, request: Request) -> Response {
        macro_rules! route {
            ($($method:ty => $answer:expr,)*) => {
                match request.method.as_str() {
                    $(<$method>::METHOD => self.handle::<$method>(request, $answer),)*
                    method => refuse(
                        request.id.clone(),
                        ErrorCode::MethodNotFound,
                        format!("planc lsp does not handle `{}`", short(method)),
                    ),
                }
            };
        }
        route! {
            GotoDefinition => |doc, enc, p| {
                Ok(definition::definition(doc, enc, p.text_document_position_params.position))
            },
            HoverRequest => |doc, enc, p| {
                Ok(hover::hover(doc, enc, p.text_document_position_params.position, today()))
            },
            References => |doc, enc, p| {
                let at = p.text_document_position.position;
                Ok(references::references(doc, enc, at, p.context.include_declaration))
            },
            Completion => |doc, enc, p| {
                let items = completion::completion(doc, enc, p.text_document_position.position);
                Ok(Some(CompletionResponse::Array(items)))
            },
            DocumentSymbolRequest => |doc, enc, _| {
                Ok(Some(DocumentSymbolResponse::Nested(symbols::symbols(doc, enc))))
            },
            PrepareRenameRequest => |doc, enc, p| {
                Ok(rename::prepare(doc, enc, p.position).map(PrepareRenameResponse::Range))
            },
            Rename => |doc, enc, p| {
                rename::rename(doc, enc, p.text_document_position.position, &p.new_name)
            },
            Formatting => |doc, enc, _| Ok(formatting::formatting(doc, enc)),
            CodeActionRequest => |doc, enc, p| {
                let only = p.context.only.as_deref();
                let actions = code_action::code_actions(doc, enc, p.range, only, today());
                Ok(Some(actions.into_iter().map(CodeActionOrCommand::from).collect()))
            },
        }
    }

    /// The routing table of notifications.
    fn notification(&mut self, n: Notification) {
        macro_rules! route {
            ($($method:ty => $handle:expr,)*) => {
                match n.method.as_str() {
                    $(<$method>::METHOD => self.handle_notification::<$method>(n, $handle),)*
                    // `initialized`, `$/cancelRequest`, `$/setTrace`…
                    _ => {}
                }
            };
        }
        route! {
            DidOpenTextDocument => Server::opened,
            DidChangeTextDocument => Server::changed,
            DidSaveTextDocument => Server::saved,
            DidCloseTextDocument => Server::closed,
            lsp_types::notification::Initialized => Server::initialized,
            lsp_types::notification::DidChangeWatchedFiles => Server::watched,
        }
    }

    /// Answer one request about one document: decode the parameters
    /// (`InvalidParams` if they are malformed), find the document (`null`
    /// if it is not open), call `answer`, and encode what it gives. A panic
    /// answers `InternalError`, and the server goes on.
    fn handle<R>(
        &mut self,
        request: Request,
        answer_with: impl FnOnce(&Document, Encoding, R::Params) -> Answer<R>,
    ) -> Response
    where
        R: lsp_types::request::Request,
        R::Params: OnDocument,
        R::Result: Default,
    {
        let Request { id, method, params } = request;
        let params: R::Params = match serde_json::from_value(params) {
            Ok(params) => params,
            Err(e) => {
                let why = format!(
                    "the parameters of `{method}` are malformed: {}",
                    short(&e.to_string())
                );
                return refuse(id, ErrorCode::InvalidParams, why);
            }
        };
        let encoding = self.encoding;
        let Some(doc) = self.document(params.uri()) else {
            return answer(id, R::Result::default());
        };
        match catch_unwind(AssertUnwindSafe(|| answer_with(doc, encoding, params))) {
            Ok(Ok(result)) => answer(id, result),
            Ok(Err(why)) => refuse(id, ErrorCode::RequestFailed, why),
            Err(_) => refuse(
                id,
                ErrorCode::InternalError,
                format!("planc could not answer `{method}`: this is a bug in planc"),
            ),
        }
    }

    /// Take one notification: decode its parameters (a malformed one is
    /// logged and ignored) and `handle` them. A panic is logged, and the
    /// server goes on.
    fn handle_notification<N>(&mut self, n: Notification, handle: fn(&mut Server, N::Params))
    where
        N: lsp_types::notification::Notification,
    {
        let params: N::Params = match serde_json::from_value(n.params) {
            Ok(params) => params,
            Err(e) => return log(&format!("ignoring a malformed `{}`: {e}", n.method)),
        };
        if catch_unwind(AssertUnwindSafe(|| handle(self, params))).is_err() {
            log(&format!("handling `{}` failed; going on", n.method));
        }
    }

    /// Negotiate the position encoding. Only the encodings offered are
    /// read from the parameters, so that a client whose other capabilities
    /// lsp-types would refuse still gets a server.
    fn initialize(&mut self, request: Request) -> Response {
        let offered: Option<Vec<PositionEncodingKind>> = request
            .params
            .pointer("/capabilities/general/positionEncodings")
            .and_then(|v| serde_json::from_value(v.clone()).ok());
        self.encoding = Encoding::negotiate(offered.as_deref());
        self.watch = request
            .params
            .pointer("/capabilities/workspace/didChangeWatchedFiles/dynamicRegistration")
            .and_then(serde_json::Value::as_bool)
            .unwrap_or(false);
        let locale = request.params.get("locale").and_then(|v| v.as_str());
        self.lang = match locale.map(crate::lang::Lang::from_locale) {
            Some(crate::lang::Lang::Zh) => crate::lang::LangPref::forced(crate::lang::Lang::Zh),
            _ => crate::lang::LangPref::default(),
        };
        let result = InitializeResult {
            capabilities: capabilities(self.encoding),
            server_info: Some(ServerInfo {
                name: "planc".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
        };
        answer(request.id, result)
    }

    fn opened(&mut self, p: lsp_types::DidOpenTextDocumentParams) {
        let d = p.text_document;
        self.pending.insert(d.uri, (d.version, d.text));
    }

    fn changed(&mut self, p: lsp_types::DidChangeTextDocumentParams) {
        // Full sync: the last change holds the whole text.
        if let Some(change) = p.content_changes.into_iter().last() {
            let d = p.text_document;
            self.pending.insert(d.uri, (d.version, change.text));
        }
    }

    fn saved(&mut self, p: lsp_types::DidSaveTextDocumentParams) {
        let uri = p.text_document.uri;
        let version = self.documents.get(&uri).map_or(0, |d| d.version);
        let known = self
            .pending
            .remove(&uri)
            .or_else(|| self.texts.get(&uri).cloned());
        match (p.text, known) {
            (Some(text), Some((v, _))) => {
                self.pending.insert(uri, (v, text));
            }
            (Some(text), None) => {
                self.pending.insert(uri, (version, text));
            }
            (None, Some(known)) => {
                self.pending.insert(uri, known);
            }
            (None, None) => {}
        }
    }

    fn closed(&mut self, p: lsp_types::DidCloseTextDocumentParams) {
        let uri = p.text_document.uri;
        self.pending.remove(&uri);
        self.texts.remove(&uri);
        self.documents.remove(&uri);
        self.parsers.remove(&uri);
        self.outbox.push(PublishDiagnosticsParams {
            uri,
            diagnostics: Vec::new(),
            version: None,
        });
    }

    /// After `initialized`: ask the client to watch every `.plan` file, so
    /// that files of a plan that are not open are read again when they change.
    fn initialized(&mut self, _: lsp_types::InitializedParams) {
        if !self.watch {
            return;
        }
        let options = lsp_types::DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![lsp_types::FileSystemWatcher {
                glob_pattern: lsp_types::GlobPattern::String("**/*.plan".to_string()),
                kind: None,
            }],
        };
        let registration = lsp_types::RegistrationParams {
            registrations: vec![lsp_types::Registration {
                id: "planc-watch-plans".to_string(),
                method: "workspace/didChangeWatchedFiles".to_string(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        self.requests.push(Request::new(
            RequestId::from("planc-watch".to_string()),
            "client/registerCapability".to_string(),
            registration,
        ));
    }

    /// A `.plan` file changed on disk: analyse every open file again (a
    /// plan's unopened files are read from disk each time).
    fn watched(&mut self, _: lsp_types::DidChangeWatchedFilesParams) {
        for (uri, known) in &self.texts {
            self.pending
                .entry(uri.clone())
                .or_insert_with(|| known.clone());
        }
    }

    fn send(&mut self, connection: &Connection) {
        for request in self.requests.drain(..) {
            send(connection, request.into());
        }
        for params in self.outbox.drain(..) {
            let n = Notification::new(PublishDiagnostics::METHOD.to_string(), params);
            send(connection, n.into());
        }
    }

    fn flush(&mut self) {
        let uris: Vec<Uri> = self.pending.keys().cloned().collect();
        for uri in uris {
            self.analyse(&uri);
        }
    }

    /// Analyse a document whose text changed, and queue its diagnostics.
    fn analyse(&mut self, uri: &Uri) {
        let Some((version, text)) = self.pending.remove(uri) else {
            return;
        };
        self.texts.insert(uri.clone(), (version, text.clone()));
        let not_included = match plan_root(uri, &text) {
            Belongs::To(root) => {
                let done = catch_unwind(AssertUnwindSafe(|| self.analyse_plan(&root)));
                if done.is_err() {
                    log(&format!("could not analyse the plan of {}", uri.as_str()));
                }
                return;
            }
            Belongs::Alone => false,
            Belongs::NotIncluded => true,
        };
        let parser = self.parsers.entry(uri.clone()).or_default();
        parser.lang = self.lang;
        let built = catch_unwind(AssertUnwindSafe(|| {
            let mut analysis = parser.analyze(&text);
            if not_included {
                // Words as `planc check` says them of a file no plan includes.
                crate::sources::plan_missing_alone(&mut analysis.diagnostics, analysis.lang);
            }
            Document::with_analysis(uri.clone(), version, text, analysis)
        }));
        match built {
            Ok(doc) => {
                self.outbox.push(diagnostics::publish(&doc, self.encoding));
                self.documents.insert(uri.clone(), doc);
            }
            Err(_) => {
                // Whatever the parser kept may be half-updated: start afresh.
                self.parsers.remove(uri);
                log(&format!("could not analyse {}", uri.as_str()));
            }
        }
    }

    /// Analyse a plan of several files: its open files from their buffers,
    /// the others from disk; publish the diagnostics of every file of it
    /// (an empty list clears a file's), and give each open file a view.
    fn analyse_plan(&mut self, root: &std::path::Path) {
        use crate::sources::{disk, SourceMap};
        use std::rc::Rc;
        // Open files by their canonical path: the client's URI for a file
        // may be spelt differently from the one planc would write.
        let open: HashMap<std::path::PathBuf, Uri> = self
            .texts
            .keys()
            .chain(self.pending.keys())
            .filter_map(|uri| Some((path_of(uri)?.canonicalize().ok()?, uri.clone())))
            .collect();
        let uri_for = |path: &std::path::Path| -> Option<Uri> {
            path.canonicalize()
                .ok()
                .and_then(|c| open.get(&c).cloned())
                .or_else(|| uri_of(path))
        };
        let open_text = |path: &std::path::Path| -> Option<String> {
            let uri = path.canonicalize().ok().and_then(|c| open.get(&c))?;
            self.pending
                .get(uri)
                .or_else(|| self.texts.get(uri))
                .map(|(_, t)| t.clone())
        };
        let Some(root_text) = open_text(root).or_else(|| disk::read_text(root).ok()) else {
            return;
        };
        let map = SourceMap::one(root.to_string_lossy().into_owned(), root_text);
        let read = disk::read_includes_with(root, map, &open_text);
        let parsed = self.parsed.entry(root.to_path_buf()).or_default();
        let analysis =
            crate::analysis::analyze_sources_with(&read.map, read.found, &[], self.lang, parsed);
        let mut uris = vec![uri_for(root)];
        uris.extend(read.paths.iter().map(|p| uri_for(p)));
        let files: Vec<super::document::PlanFile> = read
            .map
            .files()
            .iter()
            .zip(&uris)
            .filter_map(|(f, uri)| {
                Some(super::document::PlanFile {
                    uri: uri.clone()?,
                    base: f.base,
                    len: f.len,
                })
            })
            .collect();
        if files.len() != uris.len() {
            return;
        }
        let occurrences = Rc::new(super::occurrences::Occurrences::build(&analysis.model));
        let text = Rc::new(read.map.into_text());
        let analysis = Rc::new(analysis);
        let files = Rc::new(files);
        let now: Vec<Uri> = files.iter().map(|f| f.uri.clone()).collect();
        for (view, file) in files.iter().enumerate() {
            let version = self.texts.get(&file.uri).map(|(v, _)| *v);
            let doc = Document {
                uri: file.uri.clone(),
                version: version.unwrap_or(0),
                text: Rc::clone(&text),
                analysis: Rc::clone(&analysis),
                occurrences: Rc::clone(&occurrences),
                files: Rc::clone(&files),
                view,
            };
            let mut params = diagnostics::publish(&doc, self.encoding);
            params.version = version;
            self.outbox.push(params);
            if version.is_some() {
                self.pending.remove(&file.uri);
                self.documents.insert(file.uri.clone(), doc);
            }
        }
        // Files that left the plan: their diagnostics are cleared.
        let before = self.plans.insert(root.to_path_buf(), now.clone());
        for gone in before.into_iter().flatten().filter(|u| !now.contains(u)) {
            self.outbox.push(PublishDiagnosticsParams {
                uri: gone,
                diagnostics: Vec::new(),
                version: None,
            });
        }
    }

    fn document(&mut self, uri: &Uri) -> Option<&Document> {
        if self.pending.contains_key(uri) {
            self.analyse(uri);
        }
        self.documents.get(uri)
    }
}

/// Which plan a document belongs to.
enum Belongs {
    /// A plan of several files, by its root.
    To(std::path::PathBuf),
    /// A plan of one file, or a document that is not a file.
    Alone,
    /// A file without a `plan` item that no root includes.
    NotIncluded,
}

/// The root of the plan of several files a file belongs to: the file
/// itself when it has a `plan` item with `include`, else the root found on
/// disk that includes it. A plan of one file (analysed alone, with the
/// incremental parser) and documents that are not files are alone.
fn plan_root(uri: &Uri, text: &str) -> Belongs {
    let Some(path) = path_of(uri) else {
        return Belongs::Alone;
    };
    if crate::sources::has_plan(text) {
        if crate::sources::includes(text).is_empty() {
            return Belongs::Alone;
        }
        return Belongs::To(path);
    }
    crate::sources::disk::find_root(&path).map_or(Belongs::NotIncluded, Belongs::To)
}

/// A `file://` URI's path, percent-decoded.
fn path_of(uri: &Uri) -> Option<std::path::PathBuf> {
    let s = uri.as_str().strip_prefix("file://")?;
    let decoded = percent_encoding::percent_decode_str(s).decode_utf8().ok()?;
    Some(std::path::PathBuf::from(decoded.into_owned()))
}

/// A path as a `file://` URI, each segment percent-encoded.
fn uri_of(path: &std::path::Path) -> Option<Uri> {
    const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~')
        .remove(b'/');
    let text = path.to_str()?;
    format!(
        "file://{}",
        percent_encoding::utf8_percent_encode(text, SEGMENT)
    )
    .parse()
    .ok()
}

/// Today's local date, read when a request needs it (as `planc status`
/// does): the handlers take the day as a parameter and stay pure. Without
/// the command line's clock (the library built without `cli`), none.
fn today() -> Option<crate::date::Date> {
    #[cfg(feature = "cli")]
    {
        crate::date::Date::parse(&jiff::ZonedDateTime::now().date().to_string())
    }
    #[cfg(not(feature = "cli"))]
    {
        None
    }
}
