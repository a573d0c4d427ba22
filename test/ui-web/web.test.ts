// The packaged extension in code-server's workbench with its browser build (`browser`) in the web-worker extension
// host, as vscode.dev and github.dev run it: the same findings, hover and sidebar as the desktop build.
import { describeWorkbench } from "../ui/workbench-checks";

describeWorkbench("web");
