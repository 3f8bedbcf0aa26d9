//! What reading a plan's files finds, in Chinese: the same facts at the
//! same places as the English beside it (`super::Finding::words`), one arm
//! per finding, so a new finding does not compile without its Chinese.

use super::{Away, Finding, Missing, ReadFault, Words};

pub(super) fn words(f: &Finding) -> Words {
    match f {
        Finding::NotFound { pattern, why } => {
            let why = match why {
                Missing::NoFile { path } => format!("没有 `{path}` 这个文件"),
                Missing::DanglingLink { name } => {
                    format!("`{name}` 是一个符号链接，指向的文件不存在")
                }
                Missing::BadPattern => "planc 读不懂这个模式".to_string(),
            };
            Words {
                message: format!("`include \"{}\"` 找不到文件：{why}", pattern.value),
                label: "没有这个文件",
                help: "路径相对于写了 `plan` 的根文件所在的文件夹。请核对拼写，或者写成 \
\"departments/*.plan\" 这样的模式（带 `*` 的模式可以一个文件也匹配不到）。"
                    .to_string(),
            }
        }
        Finding::Outside { pattern, file, why } => {
            let why = match why {
                Away::Absolute => "这是一个绝对路径".to_string(),
                Away::GoesUp => "它用 `..` 跳出了这个文件夹".to_string(),
                Away::Loop => "它的符号链接绕成了圈，找不到文件".to_string(),
                Away::NotBelow => "它不在根文件所在的文件夹之下".to_string(),
                Away::LeadsTo { target } => format!("它实际指向 `{target}`"),
            };
            Words {
                message: format!(
                    "`include \"{}\"` 引入的 `{file}` 在计划的文件夹之外：{why}",
                    pattern.value
                ),
                label: "在计划的文件夹之外",
                help: "一份计划只能引入根文件（写了 `plan` 的文件）所在文件夹里的文件（按 `..` \
和符号链接解析之后），这样检查计划时绝不会读到这台机器上的其他文件。请把文件挪进计划的文件夹，\
再按它在那里的路径引入。"
                    .to_string(),
            }
        }
        Finding::Unreadable { pattern, file, why } => {
            let (reason, help) = match why {
                ReadFault::NoSuchFile => (
                    "没有这个文件".to_string(),
                    "planc 读计划的时候这个文件不见了：请再检查一次，或者改一下模式，别匹配到它。",
                ),
                ReadFault::PermissionDenied => (
                    "没有权限".to_string(),
                    "请让这个文件可读（检查它的权限，比如 `chmod a+r`），或者改一下模式，别匹配到它。",
                ),
                ReadFault::Directory => (
                    "这是一个文件夹".to_string(),
                    "名字以 `.plan` 结尾的文件夹会像文件一样被匹配到：请给文件夹改个名，\
或者改一下模式，别匹配到它。",
                ),
                ReadFault::NotRegular => (
                    "它不是普通文件（而是管道或设备）".to_string(),
                    "只引入计划文件：请改一下模式，别匹配到它，或者换成它所代表的那个计划文件。",
                ),
                ReadFault::TooLarge { mb } => (
                    format!("文件有 {mb} MB，超过了 planc 能接受的 256 MB"),
                    "没有这么大的计划：它多半是别的文件。请改一下模式，别匹配到它，或者给文件改个名。",
                ),
                ReadFault::PlanTooLarge { mb } => (
                    format!("加上它，计划的文件合起来有 {mb} MB，超过了 planc 对整个计划能接受的 1024 MB"),
                    "没有这么大的计划：其中多半有别的文件。请改一下模式，只匹配计划自己的文件。",
                ),
                ReadFault::Other { error } => (
                    format!("读取出错（{error}）"),
                    "请让这个文件可读，或者改一下模式，别匹配到它。",
                ),
                ReadFault::NotUtf8 { byte } => (
                    format!("它不是有效的 UTF-8（第 {byte} 个字节既不能开始也不能延续一个字符）"),
                    "请把文件存成 UTF-8 文本（编辑器里一般就叫“UTF-8”；GBK 文件可以用 \
`iconv -f GBK -t UTF-8` 转换），或者不再引入它。",
                ),
                ReadFault::Binary { byte } => (
                    format!("它看起来是二进制文件，不是计划：第 {byte} 个字节是 NUL（0x00）"),
                    "这个文件可能是图片、压缩包或程序：请改一下模式，别匹配到它，或者给文件改个名。",
                ),
                ReadFault::Utf16 => (
                    "它看起来是 UTF-16 文本，不是 UTF-8".to_string(),
                    "请把文件存成 UTF-8（编辑器里一般就叫“UTF-8”，不是 UTF-16 或“Unicode”；\
可以用 `iconv -f UTF-16 -t UTF-8` 转换），或者不再引入它。",
                ),
            };
            Words {
                message: format!(
                    "`include \"{}\"` 引入的 `{file}` 读不了：{reason}",
                    pattern.value
                ),
                label: "在这里引入",
                help: help.to_string(),
            }
        }
        Finding::NotIncluded { roots: 0 } => Words {
            message: "这个文件夹下没有计划引入这个文件，它自己也没有 `plan`".to_string(),
            label: "没有被任何计划引入",
            help: "请在一个根文件里写上 `plan` 并引入它（`include \"*.plan\"`），或者给这个文件\
写上它自己的 `plan`。"
                .to_string(),
        },
        Finding::NotIncluded { .. } => Words {
            message: "这个文件夹下没有计划引入这个文件，所以它没有被检查".to_string(),
            label: "没有被任何计划引入",
            help: "请把它加进所属计划根文件的 `include`（比如 `include \"departments/*.plan\"`），\
或者把它挪到 include 能匹配到的地方。以 `.` 开头的名字永远不会被匹配。"
                .to_string(),
        },
        Finding::PlanOfNoPlan => Words {
            message: "这个文件里没有 `plan`，也没有计划引入它".to_string(),
            label: "",
            help: "这个文件夹和上面各级文件夹（直到仓库的根目录）里，没有哪个写了 `plan` 的 \
`.plan` 文件的 `include` 匹配到这个文件。请把它加进根文件的 include，比如 \
`include \"departments/*.plan\"`，或者给这个文件写上它自己的 `plan`。"
                .to_string(),
        },
        Finding::PartWithPlan { part, root } => Words {
            message: format!("`{part}` 由计划的根文件 `{root}` 引入，自己却也写了 `plan`"),
            label: "",
            help: "一份计划只有一个 `plan`，写在根文件里。请删掉这一个（把它的属性挪进根文件的 \
`plan`），或者不再引入这个文件，把它当作一份单独的计划检查。"
                .to_string(),
        },
    }
}
