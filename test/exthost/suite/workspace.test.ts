// The workspace check in the real extension host, in a multi-root workspace (the runner opens three folders): the
// problems of a file no editor opened, across roots; the Check Workspace command; a story found in another root.
import assert from "node:assert/strict";
import * as vscode from "vscode";
import type { CheckWorkspaceResult } from "../../../server/protocol";
import { diagnosticsWhen, ruleId } from "./exthost-support";

describe("Backlog Coach's workspace check in a multi-root workspace", () => {
  const file = (folder: string, name: string): vscode.Uri => {
    const root = vscode.workspace.workspaceFolders?.find((f) => f.name === folder);
    assert.ok(root, `the runner opens the '${folder}' folder (a multi-root workspace)`);
    return vscode.Uri.joinPath(root.uri, name);
  };

  it("lists the problems of a backlog file in another root that no editor opened, checked across roots", async () => {
    const payments = file("payments", "payments.backlog.yaml");
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === payments.toString()), "the file is not open");
    const diagnostics = await diagnosticsWhen(
      payments,
      (d) => d.some((x) => ruleId(x) === "story-id") && d.some((x) => ruleId(x) === "story-unique"),
      "the unopened file's cross-file findings",
    );
    // CHK-1 and PAY-3's request stand in the checkout root too; PAY-1's dependsOn [CHK-2] resolves there.
    assert.deepEqual(diagnostics.map(ruleId).sort(), ["story-id", "story-unique"]);
    const related = diagnostics.find((d) => ruleId(d) === "story-id")?.relatedInformation?.[0];
    assert.equal(related?.location.uri.toString(), file("checkout", "checkout.backlog.yaml").toString());
  });

  it("checks the workspace on command and says what it found", async () => {
    const result = await vscode.commands.executeCommand<CheckWorkspaceResult>("backlogCoach.checkWorkspace");
    assert.equal(result.cancelled, false);
    assert.ok(result.files >= 2, `checked ${result.files} files`);
    assert.ok(result.findingsBySeverity.warning >= 4, JSON.stringify(result.findingsBySeverity));
  });

  it("finds a story of another root by its id (workspace symbols)", async () => {
    const symbols = await vscode.commands.executeCommand<vscode.SymbolInformation[]>("vscode.executeWorkspaceSymbolProvider", "PAY-3");
    const ours = symbols.filter((s) => s.name.startsWith("PAY-3"));
    assert.equal(ours.length, 1);
    assert.equal(ours[0]?.location.uri.toString(), file("payments", "payments.backlog.yaml").toString());
  });
});
