-- Neovim client for the planc language server (`planc lsp`).
--
--   require("planc").setup()                         -- `planc` from PATH
--   require("planc").setup({ cmd = "~/bin/planc" })  -- or a path, or a full command table
--
-- Works with Neovim 0.9 and later.

local M = {}

local defaults = {
  -- The planc executable ("planc", "/usr/local/bin/planc", "~/bin/planc"),
  -- or a whole command as a list ({ "planc", "lsp" }).
  cmd = nil,
  -- Files or directories that mark the project root, searched upwards from
  -- the buffer's file. Without one (or with `false`), the file's own
  -- directory is the root.
  root_markers = { ".git" },
  -- Passed through to vim.lsp.start().
  capabilities = nil,
  settings = nil,
  init_options = nil,
  on_attach = nil,
  -- Format with `planc fmt` (through the server) before every write.
  format_on_save = false,
}

M.options = vim.deepcopy(defaults)

local warned = {}

local function notify_once(message, level)
  if warned[message] then
    return
  end
  warned[message] = true
  vim.notify("planc: " .. message, level or vim.log.levels.WARN)
end

local function get_clients(filter)
  if vim.lsp.get_clients then -- 0.10+
    return vim.lsp.get_clients(filter)
  end
  return vim.lsp.get_active_clients(filter)
end

--- The command that starts the server, from `opts.cmd`.
function M.command(opts)
  opts = opts or M.options
  if type(opts.cmd) == "table" then
    return vim.deepcopy(opts.cmd)
  end
  local exe = opts.cmd or "planc"
  return { vim.fs.normalize(exe), "lsp" } -- expands ~ and $VARS
end

--- The root directory for a buffer: the nearest ancestor holding a root marker, else the file's directory.
function M.root_dir(bufnr, opts)
  opts = opts or M.options
  local name = vim.api.nvim_buf_get_name(bufnr)
  local start
  if name ~= "" and not name:match("^%a[%w+.-]*://") then
    start = vim.fs.dirname(vim.fs.normalize(name))
  else
    start = vim.fn.getcwd()
  end
  local markers = opts.root_markers or {}
  if #markers > 0 then
    local found = vim.fs.find(markers, { path = start, upward = true })[1]
    if found then
      return vim.fs.dirname(found)
    end
  end
  return start
end

local function on_attach(client, bufnr)
  local opts = M.options
  if opts.format_on_save then
    local group = vim.api.nvim_create_augroup("planc_format_" .. bufnr, { clear = true })
    vim.api.nvim_create_autocmd("BufWritePre", {
      group = group,
      buffer = bufnr,
      desc = "planc: format before writing",
      callback = function()
        vim.lsp.buf.format({ bufnr = bufnr, id = client.id, timeout_ms = 2000 })
      end,
    })
  end
  if type(opts.on_attach) == "function" then
    opts.on_attach(client, bufnr)
  end
end

--- Starts the server for a buffer (or attaches the buffer to the running one).
--- Returns the client id, or nil when planc could not be started.
function M.start(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local opts = M.options
  local cmd = M.command(opts)
  if vim.fn.executable(cmd[1]) ~= 1 then
    notify_once(
      ("cannot run %q: it is not an executable on PATH. Install planc, or pass its path: "
        .. "require('planc').setup({ cmd = '/path/to/planc' })"):format(cmd[1])
    )
    return nil
  end
  return vim.lsp.start({
    name = "planc",
    cmd = cmd,
    root_dir = M.root_dir(bufnr, opts),
    capabilities = opts.capabilities,
    settings = opts.settings,
    init_options = opts.init_options,
    on_attach = on_attach,
  }, { bufnr = bufnr })
end

local function plan_buffers()
  local buffers = {}
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(buf) and vim.bo[buf].filetype == "plan" then
      table.insert(buffers, buf)
    end
  end
  return buffers
end

--- Stops every planc client, then starts again for all open .plan buffers.
function M.restart()
  local clients = get_clients({ name = "planc" })
  for _, client in ipairs(clients) do
    vim.lsp.stop_client(client.id)
  end
  local tries = 0
  local function again()
    tries = tries + 1
    if #get_clients({ name = "planc" }) > 0 and tries < 50 then
      vim.defer_fn(again, 100)
      return
    end
    for _, buf in ipairs(plan_buffers()) do
      M.start(buf)
    end
  end
  again()
end

--- Registers the `plan` filetype, starts planc for every .plan buffer, and
--- adds :PlancRestart. Calling it again replaces the options.
function M.setup(opts)
  M.options = vim.tbl_extend("force", vim.deepcopy(defaults), opts or {})
  warned = {}

  -- Also done by ftdetect/plan.lua; repeated here for plugin managers that
  -- load the plugin late.
  vim.filetype.add({ extension = { plan = "plan" } })

  local group = vim.api.nvim_create_augroup("planc", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = "plan",
    desc = "planc: start the language server",
    callback = function(args)
      M.start(args.buf)
    end,
  })

  vim.api.nvim_create_user_command("PlancRestart", function()
    M.restart()
  end, { desc = "Restart the planc language server" })

  -- Buffers that were already open when setup() ran.
  for _, buf in ipairs(plan_buffers()) do
    M.start(buf)
  end
end

return M
