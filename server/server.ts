// The language server's process entry point: IPC when VS Code starts it, --stdio for other editors.
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { MessageActivity } from "./message-activity";
import { readConfigFromDisk } from "./read-config-file";
import { startServer } from "./start-server";

const activity = new MessageActivity();
startServer(createConnection(ProposedFeatures.all, activity.options), { readConfigFile: readConfigFromDisk, activity });
