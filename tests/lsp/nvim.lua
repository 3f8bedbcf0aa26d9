-- End-to-end: a headless Neovim opens a .plan file with `planc lsp`
-- attached, waits for the diagnostics, then jumps to a definition.
-- Run by tests/lsp.rs as
--   PLANC=… PLAN=… RESULT=… nvim --headless --clean -u NONE -c 'luafile nvim.lua'
-- Works on Neovim 0.7 (Debian's), which has no vim.lsp.start: the client is
-- started and attached by hand. Writes what it saw to $RESULT; exits with
-- :cq on any failure.

local planc = os.getenv("PLANC")
local plan = os.getenv("PLAN")
local result = os.getenv("RESULT")
local lines = {}

local function say(line)
  table.insert(lines, line)
  vim.fn.writefile(lines, result)
end

local function fail(why)
  say("FAIL " .. why)
  vim.cmd("cq")
end

local ok, err = pcall(function()
  vim.cmd("edit " .. vim.fn.fnameescape(plan))
  vim.bo.filetype = "plan"
  local client = vim.lsp.start_client({
    name = "planc",
    cmd = { planc, "lsp" },
    root_dir = vim.fn.fnamemodify(plan, ":h"),
  })
  if not client then
    return fail("could not start planc lsp")
  end
  vim.lsp.buf_attach_client(0, client)

  -- Diagnostics arrive.
  local arrived = vim.wait(20000, function()
    return #vim.diagnostic.get(0) > 0
  end, 50)
  if not arrived then
    return fail("no diagnostics within 20 s")
  end
  for _, d in ipairs(vim.diagnostic.get(0)) do
    -- Neovim's lines are 0-based here; print them 1-based.
    say(("diagnostic %d:%d %s %s"):format(d.lnum + 1, d.col + 1, d.code or d.user_data.lsp.code, d.message:gsub("\n.*", "")))
  end

  -- Go to definition from the reference on line $FROM, column $COL.
  local from = tonumber(os.getenv("FROM"))
  local col = tonumber(os.getenv("COL"))
  vim.api.nvim_win_set_cursor(0, { from, col })
  local buffer = vim.api.nvim_get_current_buf()
  vim.lsp.buf.definition()
  local moved = vim.wait(20000, function()
    return vim.api.nvim_get_current_buf() ~= buffer or vim.api.nvim_win_get_cursor(0)[1] ~= from
  end, 50)
  if not moved then
    return fail("go to definition did not move the cursor")
  end
  local cursor = vim.api.nvim_win_get_cursor(0)
  -- The file too: a definition may be in another file of the plan.
  say(("definition %s:%d:%d %s"):format(vim.fn.expand("%:t"), cursor[1], cursor[2] + 1, vim.fn.expand("<cword>")))
  say("OK")
  vim.lsp.stop_client(client)
  vim.cmd("qa!")
end)
if not ok then
  fail(tostring(err))
end
