-- Neovim 0.7 as a second, independent LSP client: starts the Backlog Coach server over stdio on the current buffer,
-- waits for its diagnostics, asks for a hover on a term, prints both as one JSON line and quits.
-- Environment: BACKLOG_COACH_SERVER (dist/server.js), BACKLOG_COACH_NODE (node binary), BACKLOG_COACH_HOVER_TERM,
-- BACKLOG_COACH_TIMEOUT_MS.
local server = os.getenv("BACKLOG_COACH_SERVER")
local node = os.getenv("BACKLOG_COACH_NODE") or "node"
local hover_term = os.getenv("BACKLOG_COACH_HOVER_TERM") or "Sprint Review"
local timeout_ms = tonumber(os.getenv("BACKLOG_COACH_TIMEOUT_MS") or "10000")

local function fail(message)
  io.stderr:write("print-diagnostics.lua: " .. message .. "\n")
  vim.cmd("cquit 1")
end

local buf = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = "backlog-coach",
  cmd = { node, server, "--stdio" },
  root_dir = vim.fn.getcwd(),
})
if not client_id then
  fail("the language server did not start")
  return
end
vim.lsp.buf_attach_client(buf, client_id)

-- vim.wait processes events while it polls, so the LSP messages arrive meanwhile.
local got = vim.wait(timeout_ms, function()
  return #vim.diagnostic.get(buf) > 0
end, 20)
if not got then
  fail("no diagnostics within " .. timeout_ms .. " ms")
  return
end

local diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local lsp = (d.user_data or {}).lsp or {}
  table.insert(diagnostics, {
    line = d.lnum,
    col = d.col,
    severity = d.severity,
    code = d.code or lsp.code,
    source = d.source,
    message = d.message,
    href = (lsp.codeDescription or {}).href,
  })
end
table.sort(diagnostics, function(a, b)
  return a.line < b.line or (a.line == b.line and a.col < b.col)
end)

-- A hover in the middle of the term's first occurrence (searchpos counts bytes from 1, LSP from 0; the term is ASCII).
local hover_text = vim.NIL
local pos = vim.fn.searchpos(vim.fn.escape(hover_term, "\\/.*$^~[]"), "nw")
if pos[1] > 0 then
  local params = { textDocument = vim.lsp.util.make_text_document_params(), position = { line = pos[1] - 1, character = pos[2] - 1 + math.floor(#hover_term / 2) } }
  local responses = vim.lsp.buf_request_sync(buf, "textDocument/hover", params, timeout_ms) or {}
  for _, response in pairs(responses) do
    local contents = response.result and response.result.contents
    if contents then
      hover_text = table.concat(vim.lsp.util.convert_input_to_markdown_lines(contents), "\n")
    end
  end
end

io.stdout:write(vim.fn.json_encode({ diagnostics = diagnostics, hover = hover_text }) .. "\n")
vim.lsp.stop_client(client_id)
vim.cmd("qall!")
