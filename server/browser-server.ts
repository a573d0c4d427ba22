// The language server's web-worker entry point (vscode.dev, github.dev, code-server's web-worker extension host):
// the same server over the worker's messages; config files and the workspace's backlog files reach it through the client.
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from "vscode-languageserver/browser";
import { readConfigThroughClient } from "./config-reader";
import { MessageActivity } from "./message-activity";
import { startServer } from "./start-server";
import { workspaceFilesThroughClient } from "./workspace-reader";

// `self` is the worker's global scope: the client posts LSP messages to it and listens to it.
const activity = new MessageActivity();
const connection = createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self), activity.options);
startServer(connection, {
  readConfigFile: readConfigThroughClient(connection),
  activity,
  workspaceFiles: workspaceFilesThroughClient(connection),
});
