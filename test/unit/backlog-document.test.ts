// The server's buffer-backed document must behave exactly like vscode-languageserver-textdocument's, edit by edit.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { Position, TextDocumentContentChangeEvent } from "vscode-languageserver";
import { BacklogDocument } from "../../server/backlog-document";
import { editLineStarts, LineIndex } from "../../server/core/parse/text-lines";
import { pick, seededRandom } from "../support/random";

/** Pieces typed or pasted: line breaks of every kind (split and joined), Latin-1, other scripts, surrogate pairs. */
const PIECES = ["x", " ", "\n", "\r", "\r\n", "so that ", "é", "ß", "\u00ff", "ü\n", "日本", "😀", "- id: A-1\n", "\n\n", "\r\r\n", ""];

function randomPosition(doc: TextDocument, random: () => number): Position {
  // Lines and characters past the ends too: clients send them, and both documents must clamp alike.
  const line = Math.floor(random() * (doc.lineCount + 2)) - (random() < 0.05 ? 2 : 0);
  return { line, character: Math.floor(random() * 30) };
}

function randomChange(doc: TextDocument, random: () => number): TextDocumentContentChangeEvent {
  if (random() < 0.02) return { text: Array.from({ length: 5 }, () => pick(random, PIECES)).join("") };
  const start = randomPosition(doc, random);
  const end = random() < 0.5 ? start : randomPosition(doc, random);
  const text = random() < 0.3 ? "" : Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(random, PIECES)).join("");
  return { range: { start, end }, text };
}

function assertSame(ours: BacklogDocument, fresh: TextDocument, random: () => number, where: string): void {
  const text = fresh.getText();
  assert.equal(ours.getText(), text, where);
  assert.equal(ours.version, fresh.version, where);
  assert.equal(ours.lineCount, fresh.lineCount, where);
  assert.deepEqual(ours.lines().lineStarts(), new LineIndex(text).lineStarts(), where);
  for (let k = 0; k < 8; k++) {
    // Pieces read from the buffer, as String#slice reads them (negative and past-the-end arguments too).
    const a = Math.floor(random() * (text.length + 6)) - 3;
    const b = Math.floor(random() * (text.length + 6)) - 3;
    assert.equal(ours.slice(a, b), text.slice(a, b), `${where}: slice(${a}, ${b})`);
    assert.equal(ours.slice(a), text.slice(a), `${where}: slice(${a})`);
    assert.ok(Object.is(ours.charCodeAt(a), text.charCodeAt(a)), `${where}: charCodeAt(${a})`);
    const piece = text.slice(Math.max(0, a), Math.max(0, a) + Math.floor(random() * 4));
    const search = random() < 0.5 ? piece : pick(random, PIECES) + "q";
    assert.equal(ours.includes(search), text.includes(search), `${where}: includes(${JSON.stringify(search)})`);
    assert.equal(ours.startsWith(search, a), text.startsWith(search, a), `${where}: startsWith(${JSON.stringify(search)}, ${a})`);
    const offset = Math.floor(random() * (text.length + 3)) - 1;
    assert.deepEqual(ours.positionAt(offset), fresh.positionAt(offset), `${where}: positionAt(${offset})`);
    const position = randomPosition(fresh, random);
    assert.equal(ours.offsetAt(position), fresh.offsetAt(position), `${where}: offsetAt(${JSON.stringify(position)})`);
    const line = position.line;
    assert.deepEqual(ours.getLineRange(line), fresh.getLineRange(line), `${where}: getLineRange(${line})`);
    assert.equal(ours.getEOLCharacters(line), fresh.getEOLCharacters(line), `${where}: getEOLCharacters(${line})`);
  }
}

describe("BacklogDocument", () => {
  it("equals the library's TextDocument after 6,000 seeded random edits", () => {
    const random = seededRandom(20261130);
    for (let session = 0; session < 60; session++) {
      const start = Array.from({ length: Math.floor(random() * 40) }, () => pick(random, PIECES)).join("");
      let theirs = TextDocument.create("file:///a.backlog.yaml", "yaml", 1, start);
      const ours = BacklogDocument.create("file:///a.backlog.yaml", "yaml", 1, start);
      assertSame(ours, theirs, random, `session ${session} start`);
      assert.equal(ours.takeEdit(), "all");
      let taken = theirs.getText();
      for (let step = 0; step < 100; step++) {
        // Several changes in one event, each range in the text the previous ones left, as LSP sends them. The
        // reference applies each to a document made fresh from the text before it: the library's own document
        // miscounts its lines after a change whose range lies past the last line, and goes wrong from there.
        const changes: TextDocumentContentChangeEvent[] = [];
        let scratch = theirs;
        for (let c = 0, n = 1 + Math.floor(random() * 2); c < n; c++) {
          const change = randomChange(scratch, random);
          changes.push(change);
          scratch = TextDocument.update(TextDocument.create(scratch.uri, "yaml", scratch.version, scratch.getText()), [change], 0);
        }
        const version = theirs.version + 1;
        theirs = TextDocument.create(scratch.uri, "yaml", version, scratch.getText());
        BacklogDocument.update(ours, changes, version);
        assertSame(ours, theirs, random, `session ${session} step ${step} after ${JSON.stringify(changes)}`);
        // Now and then an analysis takes the edits since the last one: outside them, the text is as it was.
        if (random() < 0.3) {
          const text = theirs.getText();
          const edit = ours.takeEdit();
          if (edit === "all") taken = text;
          else {
            const { start, oldEnd, newEnd } = edit ?? { start: 0, oldEnd: 0, newEnd: 0 };
            if (!edit) assert.equal(text, taken, "no edit taken, yet the text changed");
            assert.ok(start <= newEnd && start <= oldEnd && newEnd <= text.length && oldEnd <= taken.length, JSON.stringify(edit));
            assert.equal(text.slice(0, start), taken.slice(0, start), `before ${JSON.stringify(edit)}`);
            assert.equal(text.slice(newEnd), taken.slice(oldEnd), `after ${JSON.stringify(edit)}`);
            taken = text;
          }
        }
      }
    }
  });

  it("grows its line starts past the room it began with", () => {
    const doc = BacklogDocument.create("file:///a.backlog.yaml", "yaml", 1, "a");
    for (let v = 2; v < 200; v++)
      BacklogDocument.update(doc, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: "x\n" }], v);
    assert.equal(doc.lineCount, 199);
    assert.deepEqual(doc.lines().lineStarts(), new LineIndex(doc.getText()).lineStarts());
  });

  it("moves to UTF-16 at the first character beyond Latin-1 and keeps Latin-1 text exact", () => {
    const doc = BacklogDocument.create("file:///a.backlog.yaml", "yaml", 1, "café\n");
    BacklogDocument.update(doc, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: "ÿ" }], 2);
    assert.equal(doc.getText(), "café\nÿ");
    BacklogDocument.update(doc, [{ range: { start: { line: 0, character: 4 }, end: { line: 0, character: 4 } }, text: "😀" }], 3);
    assert.equal(doc.getText(), "café😀\nÿ");
    assert.deepEqual(doc.positionAt(doc.getText().length), { line: 1, character: 1 });
  });
});

describe("editLineStarts", () => {
  it("equals a fresh scan after random edits around line breaks of every kind", () => {
    const random = seededRandom(77);
    let text = "a\r\nb\rc\nd";
    let lines = new LineIndex(text).release();
    for (let step = 0; step < 5_000; step++) {
      const from = Math.floor(random() * (text.length + 1));
      const to = Math.min(text.length, from + Math.floor(random() * 3));
      const insert = random() < 0.4 ? "" : pick(random, ["\r", "\n", "\r\n", "x", "\n\r", "yz", "\n\n\n"]);
      text = text.slice(0, from) + insert + text.slice(to);
      lines = editLineStarts(lines.starts, lines.count, text, from, to, from + insert.length);
      assert.deepEqual(
        new LineIndex(text, lines.starts, lines.count).lineStarts(),
        new LineIndex(text).lineStarts(),
        `step ${step}: ${JSON.stringify(text)}`,
      );
      if (text.length > 60) {
        text = text.slice(0, 30);
        lines = new LineIndex(text).release();
      }
    }
  });
});
