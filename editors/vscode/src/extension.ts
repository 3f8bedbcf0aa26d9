// VS Code client for the planc language server.
//
// The server is `planc lsp`, speaking the Language Server Protocol over
// stdin/stdout. Everything language-aware (diagnostics, navigation, rename,
// hover, completion, formatting, quick fixes) comes from the server; this
// file only finds the executable, starts it, and restarts it when its path
// changes.

import * as os from "os";
import * as path from "path";
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
} from "vscode-languageclient/node";

const CLIENT_ID = "planc"; // also makes the client honour `planc.trace.server`
const CLIENT_NAME = "planc language server";

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;
// Serialises start/stop so that quick successive restarts cannot overlap.
let pending: Promise<void> = Promise.resolve();

export function activate(context: vscode.ExtensionContext): void {
  output = vscode.window.createOutputChannel("planc");
  context.subscriptions.push(output);

  context.subscriptions.push(
    vscode.commands.registerCommand("planc.restartServer", () => enqueue(restart)),
    vscode.commands.registerCommand("planc.showOutput", () => output?.show(true)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      // `planc.trace.server` is applied live by the client itself; a new
      // executable needs a new process.
      if (event.affectsConfiguration("planc.path")) {
        enqueue(restart);
      }
    }),
  );

  enqueue(start);
}

export function deactivate(): Thenable<void> | undefined {
  return enqueue(stop);
}

function enqueue(step: () => Promise<void>): Promise<void> {
  pending = pending.then(step, step);
  return pending;
}

async function restart(): Promise<void> {
  await stop();
  await start();
}

async function stop(): Promise<void> {
  const current = client;
  client = undefined;
  if (current && current.state !== State.Stopped) {
    try {
      await current.stop();
    } catch (error) {
      log(`stopping the server failed: ${describe(error)}`);
    }
  }
}

async function start(): Promise<void> {
  const command = resolveServerPath();
  log(`starting ${command} lsp`);

  // An `Executable` without `transport` is spawned as is and spoken to over
  // its stdin/stdout. (Setting `transport: TransportKind.stdio` would make
  // vscode-languageclient append a `--stdio` argument, which planc does not
  // take.)
  const serverOptions: ServerOptions = {
    command,
    args: ["lsp"],
    options: { cwd: workspaceRoot() },
  };

  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "plan" },
      { scheme: "untitled", language: "plan" },
    ],
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher("**/*.plan"),
    },
    outputChannel: output,
    traceOutputChannel: output,
  };

  const next = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  try {
    await next.start();
    client = next;
  } catch (error) {
    log(`could not start ${command} lsp: ${describe(error)}`);
    // Make sure a half-started client does not keep retrying in the background.
    next.stop().catch(() => undefined);
    void reportStartFailure(command, error);
  }
}

async function reportStartFailure(command: string, error: unknown): Promise<void> {
  const notFound = /ENOENT|not found|failed/i.test(describe(error));
  const message = notFound
    ? vscode.l10n.t(
        'planc: could not run "{0} lsp". Is planc installed and on your PATH? Set "planc.path" to the full path of the planc executable.',
        command,
      )
    : vscode.l10n.t("planc: the language server failed to start: {0}", describe(error));
  const openSettings = vscode.l10n.t("Open Settings");
  const showLog = vscode.l10n.t("Show Log");
  const choice = await vscode.window.showErrorMessage(message, openSettings, showLog);
  if (choice === openSettings) {
    await vscode.commands.executeCommand("workbench.action.openSettings", "planc.path");
  } else if (choice === showLog) {
    output?.show(true);
  }
}

/** The `planc.path` setting, with `~`, `${workspaceFolder}` and relative paths resolved. */
function resolveServerPath(): string {
  const configured = vscode.workspace.getConfiguration("planc").get<string>("path", "planc").trim() || "planc";
  let resolved = configured;
  const root = workspaceRoot();
  if (root !== undefined) {
    resolved = resolved.replace(/\$\{workspaceFolder\}/g, root);
  }
  if (resolved === "~" || resolved.startsWith("~/") || resolved.startsWith("~\\")) {
    resolved = path.join(os.homedir(), resolved.slice(1));
  }
  // A bare command name ("planc") is left to the PATH lookup of spawn; a
  // relative path with a separator ("./target/debug/planc") is taken from
  // the workspace.
  const hasSeparator = resolved.includes("/") || resolved.includes("\\");
  if (hasSeparator && !path.isAbsolute(resolved) && root !== undefined) {
    resolved = path.join(root, resolved);
  }
  return resolved;
}

function workspaceRoot(): string | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder?.uri.scheme === "file" ? folder.uri.fsPath : undefined;
}

function log(message: string): void {
  output?.appendLine(`[client] ${message}`);
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    return error.message;
  }
  return String(error);
}
