-- Configuration for Neovim 0.11's built-in `vim.lsp.enable("planc")`, an
-- alternative to require("planc").setup(). Override fields with
-- vim.lsp.config("planc", { cmd = { "/path/to/planc", "lsp" } }).
return {
  cmd = { "planc", "lsp" },
  filetypes = { "plan" },
  root_markers = { ".git" },
}
