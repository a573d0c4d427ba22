// The workspace over LSP: unopened files checked and watched, ids, dependsOn and duplicates across files,
// references, workspace symbols, hover and definition on a dependsOn id, the outline's kinds, the caps.
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, describe, it } from "node:test";
import {
  SymbolKind,
  type Diagnostic,
  type DocumentSymbol,
  type Hover,
  type Location,
  type MarkupContent,
  type SymbolInformation,
} from "vscode-languageserver/node";
import { CheckWorkspaceRequest, type CheckWorkspaceResult } from "../../server/protocol";
import { MAX_WORKSPACE_FILES } from "../../server/workspace-check";
import { startTestClient, type TestClient } from "../support/lsp-client";

const FIXTURE = join(__dirname, "..", "..", "..", "test", "fixtures", "workspace");
const code = (d: Diagnostic): string => `${String(d.code)}/${(d.data as { messageId: string }).messageId}`;
const codes = (list: readonly Diagnostic[]): string[] => list.map(code).sort();

/** A copy of the two-folder fixture in a temp folder, to edit and delete files in. */
function copyWorkspace(): { root: string; checkout: string; payments: string; folders: { uri: string; name: string }[] } {
  const root = mkdtempSync(join(tmpdir(), "backlog-coach-ws-"));
  cpSync(FIXTURE, root, { recursive: true });
  const folder = (name: string): string => pathToFileURL(join(root, name)).href;
  return {
    root,
    checkout: `${folder("checkout")}/checkout.backlog.yaml`,
    payments: `${folder("payments")}/payments.backlog.yaml`,
    folders: [
      { uri: folder("checkout"), name: "checkout" },
      { uri: folder("payments"), name: "payments" },
    ],
  };
}

/** The position of the `nth` occurrence of `marker` in a text, plus `offset` characters. */
function positionOf(text: string, marker: string, offset = 0): { line: number; character: number } {
  const at = text.indexOf(marker) + offset;
  const before = text.slice(0, at).split("\n");
  return { line: before.length - 1, character: (before.at(-1) ?? "").length };
}

describe("the workspace's backlog files over LSP", () => {
  let ws: ReturnType<typeof copyWorkspace>;
  let client: TestClient;
  before(async () => {
    ws = copyWorkspace();
    client = await startTestClient({ workspaceFolders: ws.folders });
  });
  after(async () => {
    await client.dispose();
    rmSync(ws.root, { recursive: true, force: true });
  });

  it("publishes the problems of a file that was never opened, across files", async () => {
    const diagnostics = await client.diagnosticsEventually(ws.payments, (d) => d.length > 0);
    // CHK-1 is defined in the other folder too, PAY-3 asks what CHK-2 asks; PAY-1's dependsOn [CHK-2] resolves there.
    assert.deepEqual(codes(diagnostics), ["story-id/duplicateInWorkspace", "story-unique/duplicateInWorkspace"]);
    const duplicateId = diagnostics.find((d) => code(d) === "story-id/duplicateInWorkspace");
    assert.match(String(duplicateId?.message ?? ""), /'CHK-1' is used in checkout\/checkout\.backlog\.yaml/);
    assert.equal(duplicateId?.relatedInformation?.[0]?.location.uri, ws.checkout);
    assert.equal(duplicateId?.relatedInformation?.[0]?.location.range.start.line, 12, "points at CHK-1's id in the other file");
  });

  it("lets an open document's live text win over the disk, and re-checks the other file", async () => {
    const { readFileSync } = await import("node:fs");
    const text = readFileSync(new URL(ws.checkout), "utf8");
    const opened = client.diagnostics(ws.checkout);
    await client.open(ws.checkout, text);
    assert.deepEqual(codes(await opened), ["story-id/duplicateInWorkspace", "story-unique/duplicateInWorkspace"]);
    // Renaming CHK-1 in the editor (not on disk) clears the duplicate id in the unopened file too.
    const payments = client.diagnostics(ws.payments, (p) => !p.diagnostics.some((d) => code(d) === "story-id/duplicateInWorkspace"));
    await client.change(ws.checkout, 2, text.replace("id: CHK-1", "id: CHK-10"));
    assert.deepEqual(codes(await payments), ["story-unique/duplicateInWorkspace"]);
  });

  it("reports a dependsOn that no file of the workspace defines, and not one another file defines", async () => {
    const { readFileSync } = await import("node:fs");
    const text = readFileSync(new URL(ws.checkout), "utf8").replace("id: CHK-1", "id: CHK-10").replace("[PAY-1]", "[PAY-1, PAY-9]");
    const published = client.diagnostics(ws.checkout, (p) => p.diagnostics.some((d) => d.code === "depends-on"));
    await client.change(ws.checkout, 3, text);
    const dependsOn = (await published).filter((d) => d.code === "depends-on");
    assert.equal(dependsOn.length, 1);
    assert.match(String(dependsOn[0]?.message ?? ""), /'PAY-9'/);
    await client.change(ws.checkout, 4, text.replace("[PAY-1, PAY-9]", "[PAY-1]"));
  });

  it("finds every reference to a story id across files, its definition included", async () => {
    const { readFileSync } = await import("node:fs");
    const text = readFileSync(new URL(ws.checkout), "utf8").replace("id: CHK-1", "id: CHK-10");
    const locations = (await client.connection.sendRequest("textDocument/references", {
      textDocument: { uri: ws.checkout },
      position: positionOf(text, "id: CHK-2", 5),
      context: { includeDeclaration: true },
    })) as Location[];
    assert.deepEqual(locations.map((l) => [l.uri === ws.checkout ? "checkout" : "payments", l.range.start.line]).sort(), [
      ["checkout", 17],
      ["payments", 8],
    ]);
    const withoutDeclaration = (await client.connection.sendRequest("textDocument/references", {
      textDocument: { uri: ws.checkout },
      position: positionOf(text, "id: CHK-2", 5),
      context: { includeDeclaration: false },
    })) as Location[];
    assert.deepEqual(
      withoutDeclaration.map((l) => l.uri),
      [ws.payments],
    );
  });

  it("hovers a dependsOn id with its story's title, sentence and file, and goes to it in the other file", async () => {
    const { readFileSync } = await import("node:fs");
    const text = readFileSync(new URL(ws.checkout), "utf8").replace("id: CHK-1", "id: CHK-10");
    const position = positionOf(text, "[PAY-1]", 2);
    const hover = (await client.connection.sendRequest("textDocument/hover", { textDocument: { uri: ws.checkout }, position })) as Hover;
    const { value } = hover.contents as MarkupContent;
    assert.match(value, /\*\*PAY\\-1\*\*: Charge a stored card/);
    assert.match(value, /As a store admin, I want stored cards charged/);
    assert.match(value, /In payments\/payments\\\.backlog\\\.yaml/);
    const location = (await client.connection.sendRequest("textDocument/definition", {
      textDocument: { uri: ws.checkout },
      position,
    })) as Location;
    assert.equal(location.uri, ws.payments);
    assert.equal(location.range.start.line, 3);
  });

  it("finds a story by id or title across the workspace (workspace symbols)", async () => {
    const byId = (await client.connection.sendRequest("workspace/symbol", { query: "PAY-3" })) as SymbolInformation[];
    assert.deepEqual(
      byId.map((s) => [s.name, s.containerName, s.location.uri]),
      [["PAY-3: Keep a card for next time", "payments/payments.backlog.yaml", ws.payments]],
    );
    const byTitle = (await client.connection.sendRequest("workspace/symbol", { query: "refund" })) as SymbolInformation[];
    assert.deepEqual(
      byTitle.map((s) => s.name),
      ["CHK-1: Refund a payment"],
    );
  });

  it("outlines the sprint, its events and the personas with kinds that fit", async () => {
    const symbols = (await client.connection.sendRequest("textDocument/documentSymbol", {
      textDocument: { uri: ws.checkout },
    })) as DocumentSymbol[];
    assert.deepEqual(
      symbols.map((s) => [s.name.split(":")[0], s.kind]),
      [
        ["Personas", SymbolKind.Namespace],
        ["Sprint", SymbolKind.Namespace],
        ["CHK-10", SymbolKind.Class],
        ["CHK-2", SymbolKind.Class],
        ["CHK-3", SymbolKind.Class],
      ],
    );
    assert.deepEqual(
      symbols[0]?.children?.map((c) => [c.name, c.kind]),
      [
        ["returning shopper", SymbolKind.Interface],
        ["store admin", SymbolKind.Interface],
      ],
    );
    assert.deepEqual(
      symbols[1]?.children?.map((c) => [c.name, c.kind]),
      [
        ["length: 2 weeks", SymbolKind.Property],
        ["goal: Stored cards for returning shoppers", SymbolKind.Property],
        ["Sprint Review", SymbolKind.Event],
      ],
    );
    assert.deepEqual(
      symbols[2]?.children?.map((c) => c.kind),
      [SymbolKind.Field],
      "a criterion is a field of its story",
    );
  });

  it("brings back the file's problems on disk when it is closed", async () => {
    const disk = client.diagnostics(ws.checkout, (p) => p.version === undefined && p.diagnostics.length > 0);
    await client.connection.sendNotification("textDocument/didClose", { textDocument: { uri: ws.checkout } });
    assert.deepEqual(codes(await disk), ["story-id/duplicateInWorkspace", "story-unique/duplicateInWorkspace"]);
  });

  it("re-checks a watched file that changed on disk, and clears a deleted one", async () => {
    const changed = client.diagnostics(ws.payments, (p) => p.diagnostics.length === 1);
    writeFileSync(
      new URL(ws.payments),
      [
        "stories:",
        "  - id: PAY-1",
        "    story: As a store admin, I want a refund report, so that I can close the month.",
        "    acceptance:",
        "      - Given refunds this month, when I open the report, then I see each one with its amount",
        "    dependsOn: [CHK-404]",
        "",
      ].join("\n"),
    );
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: ws.payments, type: 2 }] });
    assert.deepEqual(codes(await changed), ["depends-on/unknown"]);
    // CHK-1 is no longer defined twice: the unopened checkout file is re-checked without its duplicate.
    await client.diagnosticsEventually(ws.checkout, (d) => d.length === 0);
    const cleared = client.diagnostics(ws.payments, (p) => p.diagnostics.length === 0);
    rmSync(new URL(ws.payments));
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: ws.payments, type: 3 }] });
    await cleared;
  });
});

describe("the workspace check's setting, command and caps", () => {
  it("checks open files only with 'openFiles', and the whole workspace when the command asks", async () => {
    const ws = copyWorkspace();
    const client = await startTestClient({ workspaceFolders: ws.folders, configuration: true, settings: { workspaceCheck: "openFiles" } });
    try {
      const result = await client.connection.sendRequest<CheckWorkspaceResult>(CheckWorkspaceRequest, {});
      assert.deepEqual(
        { files: result.files, stories: result.stories, cancelled: result.cancelled },
        { files: 2, stories: 6, cancelled: false },
      );
      assert.deepEqual(result.findingsBySeverity, { error: 0, warning: 4, info: 0, hint: 0 });
      const diagnostics = await client.diagnosticsEventually(ws.payments, (d) => d.length > 0);
      assert.equal(diagnostics.length, 2);
    } finally {
      await client.dispose();
      rmSync(ws.root, { recursive: true, force: true });
    }
  });

  it("publishes nothing for unopened files with 'openFiles' until asked", async () => {
    const ws = copyWorkspace();
    const client = await startTestClient({ workspaceFolders: ws.folders, configuration: true, settings: { workspaceCheck: "openFiles" } });
    try {
      const uri = `${ws.folders[0]?.uri ?? ""}/scratch.backlog.yaml`;
      const published = client.diagnostics(uri);
      await client.open(
        uri,
        "stories:\n  - id: X-1\n    story: As a store admin, I want a report, so that I see sales.\n    dependsOn: [PAY-1]\n",
      );
      const diagnostics = await published;
      // Not indexed either: PAY-1 is unknown while payments.backlog.yaml is not checked.
      assert.ok(diagnostics.some((d) => d.code === "depends-on"));
      const symbols = (await client.connection.sendRequest("workspace/symbol", { query: "PAY" })) as SymbolInformation[];
      assert.deepEqual(symbols, []);
    } finally {
      await client.dispose();
      rmSync(ws.root, { recursive: true, force: true });
    }
  });

  it(`stops at ${MAX_WORKSPACE_FILES} files with a message that says so`, async () => {
    const root = mkdtempSync(join(tmpdir(), "backlog-coach-many-"));
    mkdirSync(join(root, "many"));
    for (let i = 0; i <= MAX_WORKSPACE_FILES; i++)
      writeFileSync(join(root, "many", `f${i}.stories`), `As a shopper, I want to see offer ${i}, so that I can save.\n`);
    const client = await startTestClient({ workspaceFolders: [{ uri: pathToFileURL(root).href, name: "many" }] });
    try {
      const result = await client.connection.sendRequest<CheckWorkspaceResult>(CheckWorkspaceRequest, {});
      assert.equal(result.files, MAX_WORKSPACE_FILES);
      assert.match(result.limit ?? "", new RegExp(`more than ${MAX_WORKSPACE_FILES} backlog files`));
    } finally {
      await client.dispose();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
