// The language server's process entry point: IPC when VS Code starts it, --stdio for other editors.
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { readConfigFromDisk } from "./read-config-file";
import { startServer } from "./start-server";

startServer(createConnection(ProposedFeatures.all), { readConfigFile: readConfigFromDisk });
