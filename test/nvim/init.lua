-- Attaches `aib-lint lsp` to the file given on the command line; writes what Neovim's diagnostics hold, then quits.
local out = vim.env.AIB_LINT_NVIM_OUT
local function finish(text)
  local f = io.open(out, "w")
  f:write(text)
  f:close()
  vim.cmd("qall!")
end
local default = vim.lsp.handlers["textDocument/publishDiagnostics"]
vim.lsp.handlers["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
  default(err, result, ctx, config)
  if result and #result.diagnostics > 0 then
    vim.schedule(function()
      local got = {}
      for _, d in ipairs(vim.diagnostic.get(0)) do
        table.insert(got, { lnum = d.lnum, col = d.col, severity = d.severity, message = d.message, source = d.source })
      end
      finish(vim.fn.json_encode({ published = result, buffer = got }))
    end)
  end
end
vim.api.nvim_create_autocmd("VimEnter", {
  callback = function()
    local client = vim.lsp.start_client({ name = "aib-lint", cmd = { vim.env.AIB_LINT_NODE, vim.env.AIB_LINT_BIN, "lsp", "--stdio" }, root_dir = vim.fn.getcwd() })
    vim.lsp.buf_attach_client(0, client)
  end,
})
vim.defer_fn(function() finish("timeout: no diagnostics within 20 s") end, 20000)
