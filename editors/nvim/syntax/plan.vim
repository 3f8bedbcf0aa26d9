" Vim syntax file
" Language:   plan (strategy files checked by planc)
" Filenames:  *.plan
"
" Regex-based highlighting for Vim and Neovim. With Neovim the language
" server adds diagnostics and everything else on top of it.

if exists("b:current_syntax")
  finish
endif

let s:cpo_save = &cpo
set cpo&vim

syn case match

" Numbers and quantities. When several items match at the same place the one
" defined last wins, so the most specific forms come last.
syn match planNumber    "[+-]\=\<\d[0-9_]*\%(\.\d[0-9_]*\)\=\%([kM万亿%]\)\="
syn match planDuration  "\<\d\+\%(mo\|[dwqy]\)\>"
syn match planDate      "\<\d\{4}-\d\{2}-\d\{2}\>"
syn match planMoney     "[+-]\=[¥￥$€£]\d[0-9_]*\%(\.\d[0-9_]*\)\=\%([kM万亿]\)\="
syn match planOperator  "[<>]=\=\|="
syn match planOperator  "\.\."

" Items: the eight reserved words, at the start of a line or after a "}".
syn match planItem      "\%(^\s*\|}\s*\)\zs\<\%(resource\|metric\|goal\|path\|battle\|tactic\)\>" nextgroup=planItemName skipwhite
syn match planItem      "\%(^\s*\|}\s*\)\zs\<\%(plan\|positioning\)\>"
syn match planItemName  "[^[:space:]\"{}/,]\+" contained

" Attributes: keywords only where an attribute starts (line start or after "{").
syn match planAttribute "\%(^\s*\|{\s*\)\zs\<\%(period\|limits\|allow\|we_are\|serve\|pain\|why_us\|not_do\|moat\|perspective\|target\|baseline\|split\|supports\|breakthrough\|serves\|main\|cost\|duration\|expects\|segment\|on\|objective\|significance\|window\|needs\|review\|after\|owner\|for\|kind\|win\|capacity\|total\)\>"
syn match planAttribute "\<by\>\ze\s\+\d"
syn match planAttribute "\%(\<review\s\+\)\@<=\<every\>"
syn match planAttribute "\%(\<split\s\+\)\@<=\<\%(quarterly\|monthly\)\>"
syn match planEnum      "\%(\<perspective\s\+\)\@<=\<\%(financial\|customer\|process\|learning\)\>"
syn match planEnum      "\%(\<kind\s\+\)\@<=\<\%(acquisition\|product\|conversion\|retention\|organization\)\>"
syn match planEnum      "\%(^\s*metric\s.*\)\@<=\<\%(money\|count\|percent\)\>"
syn match planLimit     "\<\%(main_paths\|concurrent_battles\)\>"
" Diagnostic names after `allow` are the only words with hyphens.
syn match planDiagnosticName "\<\l\+\%(-\l\+\)\+\>"

" Strings: one line, with \" \\ \n \t \u{…} escapes.
syn match  planEscape      contained +\\\%(["\\nt]\|u{\x\{1,6}}\)+
syn match  planEscapeError contained +\\\%(["\\nt]\|u{\x\{1,6}}\)\@!.\=+
syn region planString      start=+"+ skip=+\\\\\|\\"+ end=+"\|$+ oneline contains=planEscape,planEscapeError,@Spell

" Comments.
syn keyword planTodo         contained TODO FIXME XXX NOTE
syn match   planLineComment  "//.*$" contains=planTodo,@Spell
syn region  planBlockComment start="/\*" end="\*/" contains=planTodo,@Spell

hi def link planLineComment    Comment
hi def link planBlockComment   Comment
hi def link planTodo           Todo
hi def link planString         String
hi def link planEscape         SpecialChar
hi def link planEscapeError    Error
hi def link planItem           Keyword
hi def link planItemName       Function
hi def link planAttribute      Statement
hi def link planEnum           Constant
hi def link planLimit          Type
hi def link planDiagnosticName Special
hi def link planNumber         Number
hi def link planDuration       Number
hi def link planMoney          Number
hi def link planDate           Constant
hi def link planOperator       Operator

let b:current_syntax = "plan"

let &cpo = s:cpo_save
unlet s:cpo_save
