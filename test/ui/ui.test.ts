// The packaged extension in code-server's workbench with its desktop build (`main`) in the Node extension host.
import { describeWorkbench } from "./workbench-checks";

describeWorkbench("node");
