-- *.plan files are strategy files for planc.
vim.filetype.add({
  extension = {
    plan = "plan",
  },
})
