// The language server's process entry point: IPC when VS Code starts it, --stdio for other editors.
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { MessageActivity } from "./message-activity";
import { readConfigFromDisk } from "./read-config-file";
import { workspaceFilesFromDisk } from "./read-workspace-files";
import { startServer } from "./start-server";
import { workspaceFilesThroughClient } from "./workspace-reader";

const activity = new MessageActivity();
const connection = createConnection(ProposedFeatures.all, activity.options);
startServer(connection, {
  readConfigFile: readConfigFromDisk,
  activity,
  workspaceFiles: workspaceFilesFromDisk(workspaceFilesThroughClient(connection)),
});
