-- :checkhealth planc
local M = {}

local health = vim.health
local start = health.start or health.report_start
local ok = health.ok or health.report_ok
local warn = health.warn or health.report_warn
local error = health.error or health.report_error
local info = health.info or health.report_info

function M.check()
  start("planc")

  if vim.fn.has("nvim-0.9") == 1 then
    local v = vim.version()
    ok(("Neovim %d.%d.%d"):format(v.major, v.minor, v.patch))
  else
    error("Neovim 0.9 or later is needed")
  end

  local planc = require("planc")
  local cmd = planc.command()
  local exe = vim.fn.exepath(cmd[1])
  if exe ~= "" then
    ok(("server command: %s (%s)"):format(table.concat(cmd, " "), exe))
  else
    error(
      ("%q is not an executable on PATH"):format(cmd[1]),
      { "Install planc, or call require('planc').setup({ cmd = '/path/to/planc' })" }
    )
  end

  local ft = vim.filetype.match({ filename = "example.plan" })
  if ft == "plan" then
    ok("*.plan files get filetype `plan`")
  else
    warn("*.plan files are not detected; is editors/nvim on 'runtimepath'?")
  end

  local has_group, autocmds = pcall(vim.api.nvim_get_autocmds, { group = "planc", event = "FileType" })
  if has_group and #autocmds > 0 then
    ok("setup() has been called")
  else
    warn("require('planc').setup() has not been called: the server will not start")
  end

  local get_clients = vim.lsp.get_clients or vim.lsp.get_active_clients
  local clients = get_clients({ name = "planc" })
  if #clients == 0 then
    info("no planc client is running (open a .plan file)")
  end
  for _, client in ipairs(clients) do
    info(("client %d, root %s"):format(client.id, tostring(client.config.root_dir)))
  end
  info("server log: " .. vim.lsp.get_log_path())
end

return M
