//! The loop: read a message, answer it. Documents are analysed lazily: a
//! change only stores the new text, and the analysis (with its diagnostics)
//! runs when the server has caught up with its queue or when a request needs
//! the document, so a fast typist never makes the server fall behind.
//! A handler that panics answers its request with an error and the server
//! goes on.

use super::incremental::Incremental;
use super::position::Encoding;
use super::{
    code_action, completion, definition, diagnostics, formatting, hover, references, rename,
    symbols, Document,
};
use lsp_server::{Connection, ErrorCode, Message, Notification, ProtocolError, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    Notification as _, PublishDiagnostics,
};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentSymbolRequest, Formatting, GotoDefinition, HoverRequest,
    PrepareRenameRequest, References, Rename, Request as _,
};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, CompletionOptions,
    InitializeParams, InitializeResult, OneOf, PrepareRenameResponse, PublishDiagnosticsParams,
    RenameOptions, SaveOptions, ServerCapabilities, ServerInfo, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Uri,
};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Serve one client until it sends `exit` or closes the connection.
pub fn run(connection: &Connection) -> Result<(), ProtocolError> {
    let (id, params) = connection.initialize_start()?;
    let params: InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let offered = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_deref());
    let encoding = Encoding::negotiate(offered);
    let result = InitializeResult {
        capabilities: capabilities(encoding),
        server_info: Some(ServerInfo {
            name: "planc".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        }),
    };
    connection.initialize_finish(id, serde_json::to_value(result).unwrap_or_default())?;
    let mut server = Server {
        encoding,
        documents: HashMap::new(),
        pending: HashMap::new(),
        parsers: HashMap::new(),
        outbox: Vec::new(),
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
                    Err(_) => return Ok(()),
                }
            }
        };
        match message {
            Message::Request(request) => {
                if connection.handle_shutdown(&request)? {
                    return Ok(());
                }
                let response = server.request(request);
                server.send(connection);
                send(connection, response.into());
            }
            Message::Notification(n) if n.method == "exit" => return Ok(()),
            Message::Notification(n) => {
                let method = n.method.clone();
                if catch_unwind(AssertUnwindSafe(|| server.notification(n))).is_err() {
                    eprintln!("planc lsp: handling `{method}` failed; going on");
                }
            }
            Message::Response(_) => {}
        }
    }
}

/// Send a message; if the client is gone, the next receive ends the loop.
fn send(connection: &Connection, message: Message) {
    let _ = connection.sender.send(message);
}

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
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            ..CodeActionOptions::default()
        })),
        ..ServerCapabilities::default()
    }
}

struct Server {
    encoding: Encoding,
    documents: HashMap<Uri, Document>,
    /// Texts received but not analysed yet: (version, text).
    pending: HashMap<Uri, (i32, String)>,
    /// What each document's last parse can lend the next.
    parsers: HashMap<Uri, Incremental>,
    /// Notifications to send before the next answer.
    outbox: Vec<PublishDiagnosticsParams>,
}

impl Server {
    fn send(&mut self, connection: &Connection) {
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
        let parser = self.parsers.entry(uri.clone()).or_default();
        let built = catch_unwind(AssertUnwindSafe(|| {
            let analysis = parser.analyze(&text);
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
                eprintln!("planc lsp: could not analyse {}", uri.as_str());
            }
        }
    }

    fn document(&mut self, uri: &Uri) -> Option<&Document> {
        if self.pending.contains_key(uri) {
            self.analyse(uri);
        }
        self.documents.get(uri)
    }

    fn notification(&mut self, n: Notification) {
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                if let Some(p) = parse::<lsp_types::DidOpenTextDocumentParams>(n.params) {
                    let d = p.text_document;
                    self.pending.insert(d.uri, (d.version, d.text));
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Some(p) = parse::<lsp_types::DidChangeTextDocumentParams>(n.params) {
                    // Full sync: the last change holds the whole text.
                    if let Some(change) = p.content_changes.into_iter().last() {
                        let d = p.text_document;
                        self.pending.insert(d.uri, (d.version, change.text));
                    }
                }
            }
            DidSaveTextDocument::METHOD => {
                if let Some(p) = parse::<lsp_types::DidSaveTextDocumentParams>(n.params) {
                    let uri = p.text_document.uri;
                    let version = self.documents.get(&uri).map_or(0, |d| d.version);
                    let known = self.pending.remove(&uri).or_else(|| {
                        self.documents
                            .get(&uri)
                            .map(|d| (d.version, d.text.clone()))
                    });
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
            }
            DidCloseTextDocument::METHOD => {
                if let Some(p) = parse::<lsp_types::DidCloseTextDocumentParams>(n.params) {
                    let uri = p.text_document.uri;
                    self.pending.remove(&uri);
                    self.documents.remove(&uri);
                    self.parsers.remove(&uri);
                    self.outbox.push(PublishDiagnosticsParams {
                        uri,
                        diagnostics: Vec::new(),
                        version: None,
                    });
                }
            }
            _ => {}
        }
    }

    fn request(&mut self, request: Request) -> Response {
        let id = request.id.clone();
        let method = request.method.clone();
        match catch_unwind(AssertUnwindSafe(|| self.answer(request))) {
            Ok(Ok(value)) => Response::new_ok(id, value),
            Ok(Err((code, message))) => Response::new_err(id, code as i32, message),
            Err(_) => Response::new_err(
                id,
                ErrorCode::InternalError as i32,
                format!("planc could not answer `{method}`: this is a bug in planc"),
            ),
        }
    }

    fn answer(&mut self, request: Request) -> Result<Value, (ErrorCode, String)> {
        let encoding = self.encoding;
        let method = request.method.as_str();
        let bad = |e: serde_json::Error| (ErrorCode::InvalidParams, e.to_string());
        let params = request.params;
        let json = |v: Option<Value>| Ok(v.unwrap_or(Value::Null));
        macro_rules! with_doc {
            ($params:ty, |$p:ident, $doc:ident| $body:expr) => {{
                let $p: $params = serde_json::from_value(params).map_err(bad)?;
                let uri = doc_uri!($p);
                match self.document(&uri) {
                    Some($doc) => json(Some(serde_json::to_value($body).unwrap_or_default())),
                    None => json(None),
                }
            }};
        }
        macro_rules! doc_uri {
            ($p:ident) => {
                $p.text_document_position_params.text_document.uri.clone()
            };
        }
        match method {
            GotoDefinition::METHOD => {
                with_doc!(lsp_types::GotoDefinitionParams, |p, doc| {
                    definition::definition(doc, encoding, p.text_document_position_params.position)
                })
            }
            HoverRequest::METHOD => with_doc!(lsp_types::HoverParams, |p, doc| {
                hover::hover(doc, encoding, p.text_document_position_params.position)
            }),
            References::METHOD => {
                let p: lsp_types::ReferenceParams = serde_json::from_value(params).map_err(bad)?;
                let at = &p.text_document_position;
                let uri = at.text_document.uri.clone();
                let answer = self.document(&uri).and_then(|doc| {
                    references::references(
                        doc,
                        encoding,
                        at.position,
                        p.context.include_declaration,
                    )
                });
                json(Some(serde_json::to_value(answer).unwrap_or_default()))
            }
            Completion::METHOD => {
                let p: lsp_types::CompletionParams = serde_json::from_value(params).map_err(bad)?;
                let at = &p.text_document_position;
                let uri = at.text_document.uri.clone();
                let answer = self
                    .document(&uri)
                    .map(|doc| completion::completion(doc, encoding, at.position));
                json(Some(serde_json::to_value(answer).unwrap_or_default()))
            }
            DocumentSymbolRequest::METHOD => {
                let p: lsp_types::DocumentSymbolParams =
                    serde_json::from_value(params).map_err(bad)?;
                let answer = self
                    .document(&p.text_document.uri)
                    .map(|doc| symbols::symbols(doc, encoding));
                json(Some(serde_json::to_value(answer).unwrap_or_default()))
            }
            PrepareRenameRequest::METHOD => {
                let p: lsp_types::TextDocumentPositionParams =
                    serde_json::from_value(params).map_err(bad)?;
                let answer = self
                    .document(&p.text_document.uri)
                    .and_then(|doc| rename::prepare(doc, encoding, p.position))
                    .map(PrepareRenameResponse::Range);
                json(Some(serde_json::to_value(answer).unwrap_or_default()))
            }
            Rename::METHOD => {
                let p: lsp_types::RenameParams = serde_json::from_value(params).map_err(bad)?;
                let at = &p.text_document_position;
                let uri = at.text_document.uri.clone();
                let Some(doc) = self.document(&uri) else {
                    return json(None);
                };
                let edit = rename::rename(doc, encoding, at.position, &p.new_name)
                    .map_err(|why| (ErrorCode::RequestFailed, why))?;
                json(Some(serde_json::to_value(edit).unwrap_or_default()))
            }
            Formatting::METHOD => {
                let p: lsp_types::DocumentFormattingParams =
                    serde_json::from_value(params).map_err(bad)?;
                let answer = self
                    .document(&p.text_document.uri)
                    .and_then(|doc| formatting::formatting(doc, encoding));
                json(Some(serde_json::to_value(answer).unwrap_or_default()))
            }
            CodeActionRequest::METHOD => {
                let p: lsp_types::CodeActionParams = serde_json::from_value(params).map_err(bad)?;
                let answer = self
                    .document(&p.text_document.uri)
                    .map(|doc| code_action::code_actions(doc, encoding, p.range));
                json(Some(serde_json::to_value(answer).unwrap_or_default()))
            }
            _ => Err((
                ErrorCode::MethodNotFound,
                format!("planc lsp does not handle `{method}`"),
            )),
        }
    }
}

fn parse<T: DeserializeOwned>(params: Value) -> Option<T> {
    match serde_json::from_value(params) {
        Ok(p) => Some(p),
        Err(e) => {
            eprintln!("planc lsp: ignoring a malformed notification: {e}");
            None
        }
    }
}
