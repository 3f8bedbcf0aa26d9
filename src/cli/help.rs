//! clap's help in Chinese: the headings, every argument's line, the
//! `--help`/`--version` flags and the `help` command, for a run that speaks
//! Chinese (`--lang zh`, a plan-free choice made before clap reads the
//! arguments: see `lang::init`). English help is clap's own, untouched.
//!
//! clap has no catalogue of its own words, so the Chinese command is the
//! English one rewritten after `Command::build` (when the built-in `--help`,
//! `--version` and `help` exist and can be reached by `mut_arg`), with a
//! help template per command that names its sections in Chinese. Default
//! and possible values are said inside each line, in Chinese, instead of
//! clap's `[default: …]`.

use clap::Command;

/// The top-level words.
const ABOUT: &str = "检查写成 .plan 文件的公司战略，并画出战略地图";
const LONG_ABOUT: &str = "planc 读取 .plan 文件——定位、目标、增长路径、关键战役和战术——在季度开始之前，\
告诉你表格发现不了的问题：没有路径服务的目标、同时抢同一批人的战役、对不上的季度数字、无从判断打没打赢的战术。";
const AFTER_HELP: &str =
    "退出码：0 没有错误；1 发现错误（或在 --deny warnings 下发现警告）；2 planc 无法运行。\n\
从这里开始：planc init，或 planc check examples/acme.plan";

/// The one-line description of each command.
const ABOUT_ZH: &[(&str, &str)] = &[
    ("check", "检查计划，报告发现的每一个问题"),
    ("explain", "解释一个诊断，附出错和改好的例子"),
    ("build", "把解析后的计划输出为 JSON，供看板和脚本使用"),
    ("fmt", "把计划统一排版，保留所有注释"),
    (
        "graph",
        "画出计划：战略地图、承接关系或战役时间轴，输出 DOT、Mermaid、SVG 或 PNG",
    ),
    ("report", "生成一份独立的 HTML 报告，方便发给董事会"),
    (
        "status",
        "计划在某一天的进展：对照复盘记录看目标、战役、战术和预算",
    ),
    ("lsp", "在标准输入输出上运行语言服务器，供编辑器使用"),
    ("init", "生成一份入门计划和第一条复盘记录，带你走完五个步骤"),
    ("help", "显示本帮助，或某个命令的帮助"),
];

/// Every argument's line: (command, argument id, words). `""` is planc
/// itself. An argument missing here keeps its English line, and the test
/// `every_argument_has_chinese_help` fails.
const ARGS_ZH: &[(&str, &str, &str)] = &[
    ("", "lang", "planc 使用的语言：en 或 zh（默认依次看计划里的 `lang`、PLANC_LANG、LC_ALL、LC_MESSAGES、LANG）"),
    ("", "help", "显示帮助"),
    ("", "version", "显示版本号"),
    ("check", "files", "要检查的计划：根文件、计划里的任意一个文件（会自动找到它的根文件），或一个文件夹（检查其中每一份计划）。`-` 表示从标准输入读取"),
    ("check", "format", "诊断的输出方式：human（写到标准错误）；json、sarif、github 或 markdown（给 CI 任务页面看的摘要）写到标准输出（默认：human）"),
    ("check", "deny", "把警告当作错误：`--deny warnings`"),
    ("check", "allow", "按名称关掉某个警告，计划自己的 `allow` 之外再加（可以写多次）"),
    ("check", "color", "给人读的输出何时着色：auto（默认，在终端上着色，除非设置了 NO_COLOR）、always 或 never"),
    ("explain", "name", "诊断的名称，例如 `goal-without-path`；不写则列出全部诊断"),
    ("build", "file", "要输出的 .plan 文件；`-` 表示从标准输入读取"),
    ("build", "output", "把 JSON 写到这个文件（原子替换），而不是标准输出"),
    ("fmt", "files", "要就地排版的 .plan 文件。`-` 表示从标准输入读取，结果写到标准输出"),
    ("fmt", "check", "什么都不改：列出没有排版好的文件（写到标准输出），有一个就以 1 退出"),
    ("fmt", "color", "诊断何时着色：auto（默认，在终端上着色，除非设置了 NO_COLOR）、always 或 never"),
    ("graph", "file", "要画的 .plan 文件；`-` 表示从标准输入读取"),
    ("graph", "view", "画哪一种图：map 是战略地图，目标按平衡计分卡分四层，`supports` 画成箭头；trace 是承接关系，目标 → 路径 → 战役 → 战术，自上而下；timeline 是战役时间轴，战役和战术排在日历上，附每个资源池的占用（默认：map）"),
    ("graph", "format", "dot（Graphviz 源码）、mermaid（用于 GitHub 上的 Markdown）、svg 或 png（图片）。默认看 -o 文件的扩展名（.svg、.png、.mmd、.dot），否则是 dot（时间轴是 svg）"),
    ("graph", "focus", "只画与这个目标、路径、战役或战术上下承接的部分（战略地图和承接关系）"),
    ("graph", "today", "按哪一天来画（YYYY-MM-DD）：时间轴上标出这一天；每种图都按这一天的状态给目标、战役和战术着色（依据计划里的复盘记录，和 `planc status` 一致）"),
    ("graph", "engine", "SVG 由谁排版：dot（Graphviz）或 builtin（planc 自己）。默认：PATH 里有 dot 就用 dot，否则用 builtin"),
    ("graph", "output", "写到这个文件（原子替换），而不是标准输出"),
    ("graph", "group_by", "file：多文件的计划里，每个文件（标上文件路径）在每层或每个泳道里画成一个框，部门各占一个文件（仅 dot 和 mermaid）"),
    ("report", "file", "要出报告的 .plan 文件；`-` 表示从标准输入读取"),
    ("report", "today", "报告按哪一天出（YYYY-MM-DD）；在时间轴上标出"),
    ("report", "output", "写到这个文件（原子替换），而不是标准输出"),
    ("status", "file", "要看进展的 .plan 文件；`-` 表示从标准输入读取"),
    ("status", "today", "看哪一天的进展（YYYY-MM-DD）；默认：今天（本地时间）"),
    ("status", "format", "human（表格写到标准输出，发现的问题写到标准错误）、json 或 markdown（一份周报）（默认：human）"),
    ("status", "fail_on", "有目标处于这个状态或更差时以 1 退出：at_risk（有风险）或 off_track（落后）"),
    ("status", "all", "列出所有战役和战术，而不只是进行中的和落后的"),
    ("status", "color", "给人读的输出何时着色：auto（默认，在终端上着色，除非设置了 NO_COLOR）、always 或 never"),
    ("help", "subcommand", "要看帮助的命令"),
    ("init", "dir", "把入门计划写到这个文件夹（不存在就新建）；默认：当前文件夹"),
];

/// The Chinese line of an argument.
fn arg_zh(command: &str, id: &str) -> Option<&'static str> {
    ARGS_ZH
        .iter()
        .find(|(c, a, _)| *a == id && (*c == command || c.is_empty()))
        .map(|(_, _, words)| *words)
}

/// planc's command line in Chinese.
pub(super) fn zh(mut cmd: Command) -> Command {
    cmd.build();
    let cmd = cmd
        .about(ABOUT)
        .long_about(LONG_ABOUT)
        .after_help(AFTER_HELP)
        .after_long_help(None::<&str>);
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    let mut cmd = one(cmd, "");
    for name in names {
        cmd = cmd.mut_subcommand(&name, |c| {
            let about = ABOUT_ZH.iter().find(|(n, _)| *n == name).map(|(_, a)| *a);
            let c = match about {
                Some(about) => c.about(about).long_about(None::<&str>),
                None => c,
            };
            one(c, &name)
        });
    }
    cmd
}

/// One command's arguments and template in Chinese.
fn one(cmd: Command, name: &str) -> Command {
    let cmd = cmd.mut_args(|a| {
        let id = a.get_id().as_str().to_string();
        match arg_zh(name, &id) {
            Some(words) => a
                .help(words)
                .long_help(None::<&str>)
                .hide_default_value(true)
                .hide_possible_values(true),
            None => a,
        }
    });
    let mut template = String::from("{before-help}{about-with-newline}\n用法：{usage}");
    if cmd.has_subcommands() {
        template.push_str("\n\n命令：\n{subcommands}");
    }
    if cmd.get_positionals().next().is_some() {
        template.push_str("\n\n参数：\n{positionals}");
    }
    if cmd.get_arguments().any(|a| !a.is_positional()) {
        template.push_str("\n\n选项：\n{options}");
    }
    template.push_str("{after-help}");
    // No wrapping: clap breaks lines at spaces and counts a Chinese
    // character as one column, so it would cut `planc status` in two and
    // leave Chinese lines twice too long; the terminal wraps them instead.
    cmd.help_template(template).term_width(0)
}

/// Every argument's and command's help, in Chinese (the ids of this list
/// against the command line as built).
#[cfg(test)]
pub(super) fn missing(cmd: &Command) -> Vec<String> {
    let mut missing = Vec::new();
    let mut walk = |c: &Command, name: &str| {
        for a in c.get_arguments() {
            let id = a.get_id().as_str();
            if arg_zh(name, id).is_none() {
                missing.push(format!("{name} {id}"));
            }
        }
        if !name.is_empty() && !ABOUT_ZH.iter().any(|(n, _)| *n == name) {
            missing.push(name.to_string());
        }
    };
    walk(cmd, "");
    for c in cmd.get_subcommands() {
        walk(c, c.get_name());
    }
    missing
}
