// What an adversarial run found in the server (issue #18): each case failed on the code before the fix.
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import { ErrorCodes, PublishDiagnosticsNotification, type CodeAction, type Hover } from "vscode-languageserver/node";
import { HealthRequest, type BacklogHealth } from "../../server/protocol";
import { startTestClient, type TestClient } from "../support/lsp-client";
import { applyLspEdits } from "../support/lsp-edits";

const story = (i: number, benefit = true): string =>
  `  - id: S-${i}\n    story: As a shopper, I want to pay with card ${i}${benefit ? ", so that I get my goods" : ""}.\n    acceptance:\n      - Given a cart, when I pay, then I get a receipt.\n`;
const backlog = (count: number, benefit = (_i: number) => true): string =>
  `stories:\n${Array.from({ length: count }, (_, i) => story(i, benefit(i))).join("")}`;

describe("server robustness", () => {
  let client: TestClient;
  beforeEach(async () => {
    client = await startTestClient();
  });
  afterEach(async () => client.dispose());

  it("serves documents whose URI has a malformed percent escape, and the next file after them", async () => {
    for (const uri of ["file:///ws/100%.backlog.yaml", "file:///ws/broken%E0%A4%A.backlog.yaml"]) {
      const published = client.diagnostics(uri);
      await client.open(
        uri,
        backlog(1, () => false),
      );
      assert.deepEqual(
        (await published).map((d) => d.code),
        ["story-benefit"],
        uri,
      );
      const hover = await client.connection.sendRequest<Hover | null>("textDocument/hover", {
        textDocument: { uri },
        position: { line: 0, character: 2 },
      });
      assert.equal(hover, null);
    }
    const next = "file:///ws/next.backlog.yaml";
    const published = client.diagnostics(next);
    await client.open(next, backlog(2));
    assert.deepEqual(await published, []);
  });

  it("analyses a change sent under a version number it has already analysed", async () => {
    const uri = "file:///repeat.backlog.yaml";
    const opened = client.diagnostics(uri);
    await client.open(
      uri,
      backlog(3, (i) => i !== 1),
    );
    assert.equal((await opened).length, 1);
    // Version 1 again (the open's), now with every benefit: the diagnostics must follow the text.
    const again = client.diagnostics(uri);
    await client.change(uri, 1, backlog(3));
    assert.deepEqual(await again, []);
    const symbols = await client.connection.sendRequest<unknown[]>("textDocument/documentSymbol", { textDocument: { uri } });
    assert.equal(symbols.length, 3);
  });

  it("answers fix-all and health from the text they are asked about, right after a keystroke on a slow document", async () => {
    const uri = "file:///slow.backlog.yaml";
    // Slow enough (3,000 stories) that analyses are debounced after an edit; six stories lack their "I", which
    // fix-all inserts (a safe fix).
    const text = backlog(3000).replace(/I want to pay with card (7|507|1007|1507|2007|2507)\b/g, "want to pay with card $1");
    assert.equal((text.match(/, want to pay/g) ?? []).length, 6);
    const opened = client.diagnostics(uri);
    await client.open(uri, text);
    await opened;
    // Two new stories at the top shift every line by eight: a fix computed on the old analysis would miss.
    const edited = text.replace("stories:\n", `stories:\n${story(90_001)}${story(90_002)}`);
    await client.change(uri, 2, edited);
    const actions = await client.connection.sendRequest<CodeAction[]>("textDocument/codeAction", {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ["source.fixAll"] },
    });
    const health = await client.connection.sendRequest<BacklogHealth | null>(HealthRequest, { uri });
    assert.equal(health?.stories, 3002);
    const edits = actions.flatMap((a) => a.edit?.changes?.[uri] ?? []);
    // Fix-all's edits, applied to the text as it is now, put each "I" where it is missing, nowhere else.
    assert.equal(applyLspEdits(edited, edits), edited.replaceAll(", want to pay", ", I want to pay"));
    for (const worst of health?.worstStories ?? []) {
      const line = edited.split("\n")[worst.line] ?? "";
      assert.match(line, /id: S-(7|507|1007|1507|2007|2507)$/, `health points at line ${worst.line + 1}: ${line}`);
    }
  });

  it("does the work of the last version only when edits to many documents flood in, so a request waits for one analysis", async () => {
    const uris = Array.from({ length: 50 }, (_, i) => `file:///flood-${i}.backlog.yaml`);
    const base = backlog(60, (i) => i !== 3);
    for (const uri of uris) {
      const opened = client.diagnostics(uri);
      await client.open(uri, base);
      await opened;
    }
    let publishedBeforeAnswer = 0;
    let answered = false;
    client.connection.onNotification(PublishDiagnosticsNotification.type, () => {
      if (!answered) publishedBeforeAnswer++;
    });
    const sends: Promise<void>[] = [];
    for (let version = 2; version <= 21; version++)
      for (const uri of uris) sends.push(client.change(uri, version, base.replace("card 5,", `card 5${"!".repeat(version)},`)));
    const hover = client.connection.sendRequest("textDocument/hover", {
      textDocument: { uri: uris[0] },
      position: { line: 2, character: 6 },
    });
    await Promise.all(sends);
    await hover;
    answered = true;
    // 1,000 versions were sent; before the fix each was analysed (and published) before the hover was answered.
    assert.ok(publishedBeforeAnswer <= 60, `${publishedBeforeAnswer} analyses were published before the hover's answer`);
    // And the last version of every document is analysed in the end.
    const last = await Promise.all(
      uris.map((uri) => client.connection.sendRequest<unknown[]>("textDocument/documentSymbol", { textDocument: { uri } })),
    );
    assert.ok(last.every((symbols) => symbols.length === 60));
  });

  it("renames a persona to a name YAML reads specially without breaking the file or changing its meaning", async () => {
    const text = [
      "personas:",
      "  - name: intern",
      "  - 'intern'",
      "stories:",
      "  - story: As an intern, I want to see my tasks, so that I know what to do.",
      '  - story: "As an intern, I want to ask for help, so that I learn."',
      "  - story: 'As an intern, I want a mentor, so that I grow.'",
      "",
    ].join("\n");
    const uri = "file:///rename.backlog.yaml";
    const opened = client.diagnostics(uri);
    await client.open(uri, text);
    await opened;
    const { parseDocument } = await import("yaml");
    for (const name of ["Admin: billing", "#1 fan", "- intern", '"VIP" buyer', "[beta] tester", "it's me", "a\\b"]) {
      const edit = await client.connection.sendRequest<{ changes: Record<string, { range: never; newText: string }[]> } | null>(
        "textDocument/rename",
        {
          textDocument: { uri },
          position: { line: 1, character: 10 },
          newName: name,
        },
      );
      const renamed = applyLspEdits(text, edit?.changes[uri] ?? []);
      const doc = parseDocument(renamed);
      assert.deepEqual(doc.errors, [], `${name}:\n${renamed}`);
      const data = doc.toJS() as { personas: ({ name: string } | string)[]; stories: { story: string }[] };
      assert.deepEqual(
        data.personas.map((p) => (typeof p === "string" ? p : p.name)),
        [name, name],
        name,
      );
      for (const story of data.stories) assert.ok(story.story.startsWith(`As an ${name}, I want`), `${name}: ${story.story}`);
    }
    await assert.rejects(
      client.connection.sendRequest("textDocument/rename", {
        textDocument: { uri },
        position: { line: 1, character: 10 },
        newName: "two\nlines",
      }),
      /one line/,
    );
  });

  it("analyses and publishes a version once when a completion request follows its edit", async () => {
    const uri = "file:///once.backlog.yaml";
    const base = backlog(2000);
    const opened = client.diagnostics(uri);
    // Opened in two steps (its first stories, then all of it): wait for the whole before counting.
    let openPublishes = 0;
    const whole = client.diagnostics(uri, () => ++openPublishes === 2);
    await client.open(uri, base);
    await opened;
    await whole;
    const versions: number[] = [];
    client.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      if (p.uri === uri) versions.push(p.version ?? -1);
    });
    for (let v = 2; v <= 6; v++) {
      await client.change(uri, v, base.replace("card 5,", `card 5${"!".repeat(v)},`));
      await client.connection.sendRequest("textDocument/completion", { textDocument: { uri }, position: { line: 1, character: 4 } });
    }
    // Whatever was still pending is published by the time the outline is answered.
    await client.connection.sendRequest("textDocument/documentSymbol", { textDocument: { uri } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(versions, [2, 3, 4, 5, 6]);
  });

  it("answers requests after shutdown with InvalidRequest", async () => {
    const uri = "file:///after.backlog.yaml";
    const opened = client.diagnostics(uri);
    await client.open(uri, "sprint:\n  goal: Ship it\n  events:\n    - name: Sprint Planning\n      duration: 2h\nstories: []\n");
    await opened;
    await client.connection.sendRequest("shutdown");
    await assert.rejects(
      client.connection.sendRequest("textDocument/hover", { textDocument: { uri }, position: { line: 3, character: 14 } }),
      (error: { code?: number }) => error.code === ErrorCodes.InvalidRequest,
    );
  });
});

describe("editor settings", () => {
  it("leaves out wrong-typed rule options and a negative maxFindings with one warning each, instead of failing per story", async () => {
    const client = await startTestClient({
      configuration: true,
      settings: { rules: { "story-atomic": { severity: "warning", options: { twoActions: "yes" } }, "story-benefit": 7 }, maxFindings: -5 },
    });
    const logged: string[] = [];
    client.connection.onNotification("window/logMessage", (m: { message: string }) => void logged.push(m.message));
    try {
      const uri = "file:///settings.backlog.yaml";
      let text = backlog(40, (i) => i !== 2).replace("pay with card 5,", "pay with card 5 and refund it,");
      const opened = client.diagnostics(uri, (d) => d.diagnostics.length > 0);
      await client.open(uri, text);
      const diagnostics = await opened;
      for (let v = 2; v <= 6; v++) {
        text = text.replace("card 9,", `card 9${"!".repeat(v)},`);
        const next = client.diagnostics(uri, (d) => d.version === v);
        await client.change(uri, v, text);
        await next;
      }
      // Both rules run at their defaults, and maxFindings -5 is not a limit of nothing.
      assert.ok(diagnostics.some((d) => d.code === "story-benefit"));
      assert.ok(diagnostics.some((d) => d.code === "story-atomic"));
      assert.ok(!diagnostics.some((d) => d.code === "too-many-findings"));
      const warnings = logged.filter((m) => m.startsWith("Setting backlogCoach"));
      assert.ok(warnings.length >= 2 && warnings.length <= 4, warnings.join("\n"));
      assert.ok(!logged.some((m) => /failed/.test(m)), logged.join("\n"));
    } finally {
      await client.dispose();
    }
  });
});
