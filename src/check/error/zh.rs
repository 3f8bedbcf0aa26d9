//! The strategy findings in Chinese: the same facts at the same places as
//! the English words beside it (`super::Finding::words`), one arm per
//! finding, so a new finding does not compile without its Chinese.

use super::{style_of_draw, window_of, DatePart, Finding};
use crate::date::DateRange;
use crate::diagnostic::Diagnostic;
use crate::graph::EdgeKind;
use crate::lang::zh::{describe, describe_id, kind as kind_zh, who};
use crate::lang::Lang;
use crate::model::{Model, SplitMode};
use crate::quantity::{Amount, Style};
use crate::span::Span;

/// 「金额」「数量」「百分比」.
fn unit_zh(u: crate::quantity::UnitKind) -> &'static str {
    match u {
        crate::quantity::UnitKind::Money => "金额",
        crate::quantity::UnitKind::Count => "数量",
        crate::quantity::UnitKind::Percent => "百分比",
    }
}
use crate::syntax::ast::ItemKind;

impl Finding {
    /// The finding in words of `lang`, at its places, with the finding
    /// itself as its origin.
    pub fn into_diagnostic_in(self, model: &Model, lang: Lang) -> Diagnostic {
        let d = match lang {
            Lang::En => self.words(model),
            Lang::Zh => words(&self, model),
        };
        d.with_origin(crate::diagnostic::Origin::Check(Box::new(self)))
    }
}

/// 「2026-04-01 当天」「2026-04-01 至 2026-05-15」.
fn when(range: DateRange) -> String {
    if range.start == range.end {
        format!("{} 当天", range.start)
    } else {
        format!("{} 至 {}", range.start, range.end)
    }
}

/// 「路径 `nowhere` 没有服务任何目标（另有 2 条也是这样）」.
fn stray_words(c: &crate::model::Common, kind: ItemKind, fault: &str, n: usize) -> String {
    let first = format!("{} `{}` {fault}", kind_zh(kind), c.name());
    match n {
        0 | 1 => first,
        n => format!("{first}（另有 {} 个{}也是这样）", n - 1, kind_zh(kind)),
    }
}

fn words(f: &Finding, m: &Model) -> Diagnostic {
    let code = f.code();
    match f {
        Finding::GoalWithoutTarget { goal, example } => {
            let c = &m.goals[*goal].common;
            Diagnostic::new(code, c.id.span, format!("{}没有目标值", describe(c, ItemKind::Goal)))
                .with_span_label("缺少 `target` 或 `keep`")
                .with_help(format!("写清楚要达到的数字和期限，例如 `{example}`；如果是整个周期都要守住的界限，就写成底线，例如 `keep 指标 >= 数值`。没有数字的目标，既没法检查，也谈不上打赢。"))
        }
        Finding::GoalWithoutPath {
            goal,
            stray,
            strays,
        } => {
            let c = &m.goals[*goal].common;
            let help = match *stray {
                Some(p) => format!(
                    "{}；如果它就是通往这里的路，给它加上 `serves {}`。否则，在负责实现这个目标的路径里写上 `serves {}`；如果还没有规划任何路径，就删掉这个目标。",
                    stray_words(&m.paths[p].common, ItemKind::Path, "没有服务任何目标", *strays),
                    c.name(),
                    c.name()
                ),
                None => format!(
                    "在负责实现这个目标的路径里写上 `serves {}`；如果还没有规划任何路径，就删掉这个目标。",
                    c.name()
                ),
            };
            let mut d = Diagnostic::new(
                code,
                c.id.span,
                format!("没有任何路径服务于{}", describe(c, ItemKind::Goal)),
            )
            .with_span_label("没有路径通向这里");
            if let Some(p) = *stray {
                d = d.with_label(m.paths[p].common.id.span, "这条路径没有服务任何目标");
            }
            d.with_help(help)
        }
        Finding::PathWithoutGoal { path } => {
            let c = &m.paths[*path].common;
            Diagnostic::new(code, c.id.span, format!("{}没有服务任何目标", describe(c, ItemKind::Path)))
                .with_span_label("缺少 `serves`")
                .with_help("加上 `serves 目标名`，写明这条路径通向哪些目标。不通向任何目标的路，只是白费力气。")
        }
        Finding::PathWithoutBattle {
            path,
            stray,
            strays,
        } => {
            let p = &m.paths[*path];
            let c = &p.common;
            let mut d = Diagnostic::new(
                code,
                c.id.span,
                format!("主路径{}上没有任何战役", describe(c, ItemKind::Path)),
            )
            .with_span_label("没有战役推进它");
            if let Some(main) = p.main {
                d = d.with_label(main, "在这里定为主路径");
            }
            if let Some(b) = *stray {
                d = d.with_label(m.battles[b].common.id.span, "这场战役不在任何路径上");
            }
            let help = match *stray {
                Some(b) => format!(
                    "{}；如果它推进的正是这条路径，给它加上 `on {}`。否则，规划至少一场 `on {}` 的战役；如果这条路径只是备选，就去掉 `main`。",
                    stray_words(&m.battles[b].common, ItemKind::Battle, "不在任何路径上", *strays),
                    c.name(),
                    c.name()
                ),
                None => format!("规划至少一场 `on {}` 的战役；如果这条路径只是备选，就去掉 `main`。", c.name()),
            };
            d.with_help(help)
        }
        Finding::BattleWithoutPath { battle } => {
            let c = &m.battles[*battle].common;
            Diagnostic::new(
                code,
                c.id.span,
                format!("{}不在任何路径上", describe(c, ItemKind::Battle)),
            )
            .with_span_label("缺少 `on`")
            .with_help(
                "加上 `on 路径名`，写明这场战役推进哪条增长路径。脱离路径的战役，推动不了战略。",
            )
        }
        Finding::BattleWithoutObjective { battle, example } => {
            let c = &m.battles[*battle].common;
            Diagnostic::new(
                code,
                c.id.span,
                format!("{}没有战役目标", describe(c, ItemKind::Battle)),
            )
            .with_span_label("缺少 `objective`")
            .with_help(format!("用数字说清楚怎样才算打赢，例如 `{example}`。"))
        }
        Finding::BattleWithoutWindow { battle, example } => {
            let c = &m.battles[*battle].common;
            Diagnostic::new(
                code,
                c.id.span,
                format!("{}没有时间周期", describe(c, ItemKind::Battle)),
            )
            .with_span_label("缺少 `window`")
            .with_help(format!("给战役定下开始和结束日期，例如 `{example}`。"))
        }
        Finding::BattleWithoutTactic {
            battle,
            stray,
            strays,
        } => {
            let c = &m.battles[*battle].common;
            let mut d = Diagnostic::new(
                code,
                c.id.span,
                format!("{}没有任何战术", describe(c, ItemKind::Battle)),
            )
            .with_span_label("没有战术去打赢它");
            if let Some(t) = *stray {
                d = d.with_label(m.tactics[t].common.id.span, "这个战术不属于任何战役");
            }
            let help = match *stray {
                Some(t) => format!(
                    "{}；如果它是为打赢这场战役服务的，给它加上 `for {}`。否则，加一个 `for {}` 的战术：打赢这场战役的具体打法。",
                    stray_words(&m.tactics[t].common, ItemKind::Tactic, "不属于任何战役", *strays),
                    c.name(),
                    c.name()
                ),
                None => format!("至少加一个 `for {}` 的战术：打赢这场战役的具体打法。", c.name()),
            };
            d.with_help(help)
        }
        Finding::BattleOnCandidatePath { battle, path } => {
            let b = &m.battles[*battle];
            let p = &m.paths[*path];
            let on = b.on.as_ref().map_or(b.common.id.span, |r| r.span);
            Diagnostic::new(
                code,
                on,
                format!(
                    "{}在{}上，而这条路径不是主路径",
                    describe(&b.common, ItemKind::Battle),
                    describe(&p.common, ItemKind::Path)
                ),
            )
            .with_span_label("备选路径")
            .with_label(p.common.id.span, "在这里声明，没有 `main`")
            .with_help(format!(
                "如果决定要走 `{}`，就把它标为 `main`；否则把这场战役挪到主路径上。",
                p.common.name()
            ))
        }
        Finding::TacticWithoutBattle { tactic } => {
            let c = &m.tactics[*tactic].common;
            Diagnostic::new(
                code,
                c.id.span,
                format!("{}不属于任何战役", describe(c, ItemKind::Tactic)),
            )
            .with_span_label("缺少 `for`")
            .with_help("加上 `for 战役名`，写明这个战术帮哪场战役打赢。")
        }
        Finding::TacticWithoutWin { tactic, win } => {
            let c = &m.tactics[*tactic].common;
            let help = match win {
                Some(win) => format!("加上赢的标准，例如 `{win}`。"),
                None => "加上赢的标准 `win 指标 >= 数值`：写明用计划里的哪个指标、达到多少才算这一招打赢。".to_string(),
            };
            Diagnostic::new(
                code,
                c.id.span,
                format!(
                    "{}没有赢的标准，无从判断打没打赢",
                    describe(c, ItemKind::Tactic)
                ),
            )
            .with_span_label("缺少 `win`")
            .with_help(help)
        }
        Finding::TacticWithoutOwner { tactic, owner } => {
            let c = &m.tactics[*tactic].common;
            Diagnostic::new(
                code,
                c.id.span,
                format!("{}没有负责人", describe(c, ItemKind::Tactic)),
            )
            .with_span_label("缺少 `owner`")
            .with_help(format!(
                "指定一个为这一招负责的人，例如 `owner \"{owner}\"`。"
            ))
        }
        Finding::BattleWithoutReview { battle } => {
            let c = &m.battles[*battle].common;
            Diagnostic::new(
                code,
                c.id.span,
                format!("{}没有复盘节奏", describe(c, ItemKind::Battle)),
            )
            .with_span_label("缺少 `review`")
            .with_help("写明团队多久复盘一次这场战役，例如 `review every 2w`。")
        }
        Finding::Cycle {
            kind,
            items,
            closing,
            links,
        } => {
            let name = |id: crate::model::ItemId| m.common(id).map_or("", |c| c.name());
            let names: Vec<String> = items
                .iter()
                .chain(items.first())
                .map(|&id| format!("`{}`", name(id)))
                .collect();
            let what = match (kind, items.first().map(|i| i.kind)) {
                (EdgeKind::Supports, _) => "这几个目标互相支撑",
                (EdgeKind::PartOf, _) => "这几个目标互为对方的分解目标",
                (_, Some(ItemKind::Battle)) => "这几场战役互相等对方结束",
                _ => "这几个战术互相等对方结束",
            };
            let mut d = Diagnostic::new(
                code,
                *closing,
                format!("{what}，绕成了一个圈：{}", names.join(" → ")),
            )
            .with_span_label("这里让它闭合成圈");
            for &(from, to, span) in links {
                d = d.with_label(
                    span,
                    format!("`{}` {} `{}`", name(from), kind.word(), name(to)),
                );
            }
            d.with_help(match kind {
                EdgeKind::Supports => "`supports` 从一个目标指向它所支撑的上级目标；把指回下级的那条链接删掉。",
                EdgeKind::PartOf => "`part_of` 从一份（某个部门、某个区域的）指向它所属的更大的目标，所以分解目标是一棵树；把指回下级的那个 `part_of` 删掉。",
                _ => "`after` 的意思是等对方结束之后才开始，两件事不可能互相等；从这个圈里删掉一个 `after`。",
            })
        }
        Finding::SplitOfPercent { goal } => {
            let g = &m.goals[*goal];
            let split = g.split.as_ref().map_or(g.common.id.span, |s| s.span);
            let mut d = Diagnostic::new(
                code,
                split,
                format!(
                    "{}是百分比目标，不能拆解",
                    describe(&g.common, ItemKind::Goal)
                ),
            )
            .with_span_label("百分比被拆解了");
            if let Some(t) = &g.target {
                d = d.with_label(t.span, "百分比目标是一个水平，不是累加的总数");
            }
            d.with_help("百分比不能按季度相加；去掉 `split`，或者为每个阶段单独设一个目标。")
        }
        Finding::SplitCount {
            goal,
            values,
            expected,
            mode,
            due,
            milestones,
        } => {
            let g = &m.goals[*goal];
            let (what, span) = if *milestones {
                ("这里写了", g.milestones.as_ref().map(|s| s.span))
            } else {
                ("这里拆成了", g.split.as_ref().map(|s| s.span))
            };
            let noun = if *milestones {
                "个里程碑"
            } else {
                "个数"
            };
            let span = span.unwrap_or(g.common.id.span);
            let per = match mode {
                SplitMode::Quarterly => "个季度",
                SplitMode::Monthly => "个月",
            };
            let each = match mode {
                SplitMode::Quarterly => "每个季度",
                SplitMode::Monthly => "每个月",
            };
            let period = m.plan.as_ref().and_then(|p| p.period);
            let whole_period = period.is_some_and(|p| p.range.end == *due);
            let mut d = Diagnostic::new(
                code,
                span,
                if whole_period {
                    format!("{what} {values} {noun}，但计划周期有 {expected} {per}")
                } else {
                    format!("{what} {values} {noun}，但从计划周期开始到目标日期 {due} 有 {expected} {per}")
                },
            )
            .with_span_label(format!("{values} {noun}"));
            match (period, &g.target) {
                (Some(period), _) if whole_period => {
                    d = d.with_label(
                        period.span,
                        format!(
                            "{} 至 {}，共 {expected} {per}",
                            period.range.start, period.range.end
                        ),
                    );
                }
                (Some(period), Some(t)) => {
                    d = d.with_label(
                        t.by.span,
                        format!("{} 至 {due}，共 {expected} {per}", period.range.start),
                    );
                }
                _ => {}
            }
            let help = if *milestones {
                format!("从计划周期开始到目标日期，写出{each}末这个指标应该到哪儿：一共 {expected} 个，最后一个等于目标值。")
            } else if whole_period {
                format!("从计划周期的第一天算起，{each}写一个数，一共 {expected} 个。")
            } else {
                format!("从计划周期开始到目标日期，{each}写一个数（最后不满的一段也算）：一共 {expected} 个。")
            };
            d.with_help(help)
        }
        Finding::SplitSum { goal, sum } => {
            let g = &m.goals[*goal];
            let split = g.split.as_ref().map_or(g.common.id.span, |s| s.span);
            let Some(target) = &g.target else {
                return Diagnostic::new(code, split, "拆解合计和目标值对不上");
            };
            let style = target.qty.style();
            let diff = sum.minus(target.qty.amount);
            Diagnostic::new(
                code,
                split,
                format!(
                    "拆解合计 {}，目标值却是 {}（{} {}）",
                    style.format(*sum),
                    target.qty.text,
                    if diff.0 > 0 { "多了" } else { "还差" },
                    style.format(Amount(diff.0.abs()))
                ),
            )
            .with_span_label(format!("合计 {}", style.format(*sum)))
            .with_label(target.qty.span, "目标值")
            .with_help("调整各期的数，让合计正好等于目标值；或者改目标值。")
        }
        Finding::GoalUndercovered {
            goal,
            metric,
            gap,
            covered,
            contributions,
            any_battle,
            share,
        } => {
            let g = &m.goals[*goal];
            let metric_name = m.metrics[*metric].common.name();
            let name = describe(&g.common, ItemKind::Goal);
            let Some(target) = &g.target else {
                return Diagnostic::new(
                    code,
                    g.common.id.span,
                    format!("{name}的战役补不上它的差距"),
                );
            };
            let style = Style {
                unit: target.qty.unit,
                scale: target.qty.scale,
            };
            let missing = gap.minus(*covered);
            let mut d = Diagnostic::new(
                code,
                g.common.id.span,
                format!(
                    "{name}的各场战役在 `{metric_name}` 上合计 {}，补不上 {} 的差距",
                    style.format_signed(*covered, true),
                    style.format_signed(*gap, true)
                ),
            )
            .with_span_label(format!(
                "还有 {} 没有覆盖",
                style.format_signed(missing, true)
            ))
            .with_label(
                target.span,
                match &g.baseline {
                    Some(b) => format!(
                        "差距：{} − 基线 {} = {}",
                        target.qty.text,
                        b.text,
                        style.format_signed(*gap, true)
                    ),
                    None => format!("差距：全部 {}（没有基线）", target.qty.text),
                },
            );
            for &(b, k) in contributions {
                let battle = &m.battles[b];
                if let Some(u) = battle.objective.get(k) {
                    d = d.with_label(
                        u.qty.span,
                        format!("战役 `{}` 贡献 {}", battle.common.name(), u.qty.text),
                    );
                }
            }
            let help = if !any_battle {
                "还没有哪场战役落在服务这个目标的路径上：规划几场战役，让它们的 `objective` 推动这个指标。".to_string()
            } else if gap.0 < 0 {
                format!(
                    "让各场战役的 `objective {metric_name} …` 降得更多，为还差的 {} 再加一场战役，或者把目标定得保守一些（基线算作已经达到）。",
                    style.format_signed(missing, true)
                )
            } else {
                format!(
                    "提高各场战役的 `objective {metric_name} …`，为还差的 {} 再加一场战役，或者调低目标值（基线算作已经达到）。",
                    style.format_signed(missing, true)
                )
            };
            let help = match share {
                Some(s) => {
                    let other = &m.goals[*s].common;
                    d = d.with_label(
                        other.id.span,
                        format!("在另一个指标上支撑 `{}`", g.common.name()),
                    );
                    format!(
                        "{help}如果目标 `{}` 是某个部门（区域、产品线）承担的一份，就在它里面把 `supports` 改成 `part_of {}`：有分解目标的目标，由分解目标的战役来覆盖。",
                        other.name(),
                        g.common.name()
                    )
                }
                None => help,
            };
            d.with_help(help)
        }
        Finding::UnusedMetric { metric } => {
            let c = &m.metrics[*metric].common;
            Diagnostic::new(code, c.id.span, format!("{}没有被用到", describe(c, ItemKind::Metric)))
                .with_span_label("没有哪个目标值、底线、战役目标、预期回报或赢的标准用到它")
                .with_help(format!(
                    "在目标的 target 或 keep、战役的 objective、路径的 expects 或战术的 win 里用上 `{}`，或者删掉它。",
                    c.name()
                ))
        }
        Finding::UnusedResource { resource } => {
            let c = &m.resources[*resource].common;
            Diagnostic::new(
                code,
                c.id.span,
                format!("{}没有被用到", describe(c, ItemKind::Resource)),
            )
            .with_span_label("没有谁需要或投入它")
            .with_help(format!(
                "在战役或战术的 `needs`、路径的 `cost` 里写上 `{}`，或者删掉它。",
                c.name()
            ))
        }
        Finding::OvercommittedCapacity {
            resource,
            stretch,
            load,
            tip,
            others,
        } => {
            let r = &m.resources[*resource];
            let Some(limit) = &r.amount else {
                return Diagnostic::new(code, tip.span, "这项资源超配了");
            };
            let style = limit.style();
            let mut d = Diagnostic::new(
                code,
                tip.span,
                format!(
                    "{}在 {} 超配了：同时需要 {}，容量只有 {}（超出 {}）",
                    describe(&r.common, ItemKind::Resource),
                    when(*stretch),
                    style.format(*load),
                    limit.text,
                    style.format(load.minus(limit.amount))
                ),
            )
            .with_span_label(format!(
                "{}在这里需要 {}，超出了容量",
                who(m, tip.by),
                tip.text
            ))
            .with_label(limit.span, format!("容量 {}", limit.text));
            for o in others {
                d = d.with_label(
                    o.span,
                    format!("{}需要 {}（{}）", who(m, o.by), o.text, o.range),
                );
            }
            d.with_help(format!(
                "{} 至 {} 之间：错开战役的时间周期，别让它们重叠；或者减少所需资源；或者提高 `{}` 的容量。",
                stretch.start,
                stretch.end,
                r.common.name()
            ))
        }
        Finding::OvercommittedTotal {
            resource,
            sum,
            tip,
            others,
        } => {
            let r = &m.resources[*resource];
            let Some(limit) = &r.amount else {
                return Diagnostic::new(code, tip.span, "这项资源超配了");
            };
            let style = limit.style();
            let over = sum.minus(limit.amount);
            let mut d = Diagnostic::new(
                code,
                tip.span,
                format!(
                    "{}超配了：计划一共需要 {}，总额只有 {}（超出 {}）",
                    describe(&r.common, ItemKind::Resource),
                    style.format(*sum),
                    limit.text,
                    style.format(over)
                ),
            )
            .with_span_label(format!(
                "{}在这里需要 {}，超出了总额",
                who(m, tip.by),
                tip.text
            ))
            .with_label(limit.span, format!("总额 {}", limit.text));
            for o in others {
                d = d.with_label(o.span, format!("{}需要 {}", who(m, o.by), o.text));
            }
            d.with_help(format!(
                "从各场战役的所需资源里砍掉 {}，或者提高 `{}` 的总额。",
                style.format(over),
                r.common.name()
            ))
        }
        Finding::TacticsExceedBattle {
            battle,
            resource,
            envelope,
            load,
            stretch,
            tactics,
        } => {
            let b = &m.battles[*battle];
            let name = describe(&b.common, ItemKind::Battle);
            let rname = m.resources[*resource].common.name();
            let envelope = envelope.and_then(|k| b.needs.get(k));
            let style = envelope.map_or_else(
                || style_of_draw(m, tactics.first()),
                |u| Some(u.qty.style()),
            );
            let amount = |a: Amount| style.map_or_else(|| a.to_decimal(), |s| s.format(a));
            let primary = envelope.map_or(b.common.id.span, |u| u.qty.span);
            let message = match (envelope, stretch) {
                (None, _) => format!("{name}的战术需要 `{rname}`，但战役的 `needs` 里没有它"),
                (Some(u), Some(range)) => format!(
                    "{name}的战术在 {} 同时需要 `{rname}` {}，超过了战役的 {}",
                    when(*range),
                    amount(*load),
                    u.qty.text
                ),
                (Some(u), None) => format!(
                    "{name}的战术一共需要 `{rname}` {}，超过了战役的 {}",
                    amount(*load),
                    u.qty.text
                ),
            };
            let mut d =
                Diagnostic::new(code, primary, message).with_span_label(if envelope.is_some() {
                    "战役的资源额度"
                } else {
                    "战役的所需资源"
                });
            for t in tactics {
                let tname = m.common(t.by).map_or("", |c| c.name());
                d = d.with_label(t.span, format!("战术 `{tname}` 需要 {}", t.text));
            }
            d.with_help(if envelope.is_some() {
                format!("提高战役的 `needs {rname} …`，让它盖得住各个战术；或者减少战术的所需资源。战术用的是所属战役的资源额度。")
            } else {
                format!("在战役的 `needs` 里加上 `{rname}`，数量够它的战术用。战术用的是所属战役的资源额度。")
            })
        }
        Finding::PathOverCost {
            path,
            cost,
            load,
            stretch,
            battles,
        } => {
            let p = &m.paths[*path];
            let Some(cost) = p.cost.get(*cost) else {
                return Diagnostic::new(
                    code,
                    p.common.id.span,
                    "这条路径上的战役所需资源超出了它的预计投入",
                );
            };
            let style = cost.qty.style();
            let name = describe(&p.common, ItemKind::Path);
            let rname = &cost.what.name;
            let message = match stretch {
                Some(range) => format!(
                    "{name}上的战役在 {} 同时需要 `{rname}` {}，超出了预计投入 {}",
                    when(*range),
                    style.format(*load),
                    cost.qty.text
                ),
                None => format!(
                    "{name}上的战役一共需要 `{rname}` {}，超出了预计投入 {}",
                    style.format(*load),
                    cost.qty.text
                ),
            };
            let mut d = Diagnostic::new(code, cost.qty.span, message).with_span_label("预计投入");
            for b in battles {
                d = d.with_label(b.span, format!("{}需要 {}", who(m, b.by), b.text));
            }
            d.with_help(format!(
                "把路径的 `cost {rname} …` 改成战役实际需要的数，或者把战役的规模降下来。"
            ))
        }
        Finding::WindowOutsidePeriod { item, part } => {
            let Some(period) = m.plan.as_ref().and_then(|p| p.period) else {
                return Diagnostic::new(code, Span::default(), "有一个日期落在计划周期之外");
            };
            let (span, what) = match part {
                DatePart::TargetDate => (
                    m.goals[item.index].target.as_ref().map(|t| t.by.span),
                    "目标日期",
                ),
                DatePart::Window => (window_of(m, *item).map(|w| w.span), "时间周期"),
            };
            let span = span
                .or_else(|| m.common(*item).map(|c| c.id.span))
                .unwrap_or_default();
            Diagnostic::new(
                code,
                span,
                format!(
                    "{}的{what}落在计划周期（{}）之外",
                    describe_id(m, *item),
                    period.range
                ),
            )
            .with_span_label("在计划周期之外")
            .with_label(period.span, "计划周期")
            .with_help(
                "所有日期都要落在计划的 `period` 之内；如果计划确实要做得更久，就把周期放宽。",
            )
        }
        Finding::WindowOutsideBattle { tactic, battle } => {
            let t = &m.tactics[*tactic];
            let b = &m.battles[*battle];
            let (Some(w), Some(bw)) = (t.window, b.window) else {
                return Diagnostic::new(code, t.common.id.span, "这个战术的时间超出了所属战役");
            };
            Diagnostic::new(
                code,
                w.span,
                format!(
                    "{}的时间是 {}，超出了所属战役 `{}` 的时间（{}）",
                    describe(&t.common, ItemKind::Tactic),
                    w.range,
                    b.common.name(),
                    bw.range
                ),
            )
            .with_span_label("超出了战役的时间周期")
            .with_label(bw.span, "战役的时间周期")
            .with_help("战术要在所属战役的时间之内打：把它的时间挪进战役的周期，或者放宽战役的周期。没写时间的战术，沿用战役的时间。")
        }
        Finding::BattleAfterDeadline {
            battle,
            goal,
            objective,
        } => {
            let b = &m.battles[*battle];
            let g = &m.goals[*goal];
            let (Some(w), Some(t)) = (b.window, &g.target) else {
                return Diagnostic::new(code, b.common.id.span, "这场战役在目标到期之后才结束");
            };
            let mut d = Diagnostic::new(
                code,
                w.span,
                format!(
                    "{}在 {} 结束，晚于{}的到期日 {}",
                    describe(&b.common, ItemKind::Battle),
                    w.range.end,
                    describe(&g.common, ItemKind::Goal),
                    t.by.value
                ),
            )
            .with_span_label("结束得太晚")
            .with_label(t.by.span, "目标的到期日");
            if let Some(u) = b.objective.get(*objective) {
                d = d.with_label(u.qty.span, "这个战役目标计入该目标");
            }
            d.with_help(format!(
                "让战役在 {} 之前结束；如果结果可以晚些出来，就把目标的日期往后挪。",
                t.by.value
            ))
        }
        Finding::AfterViolated {
            item,
            other,
            after,
            window,
            other_window,
        } => {
            let other = m.common(*other).map_or("", |c| c.name());
            Diagnostic::new(
                code,
                window.span,
                format!(
                    "{}在 {} 开始，但它必须等 `{other}` 结束之后，而 `{other}` 在 {} 才结束",
                    describe_id(m, *item),
                    window.range.start,
                    other_window.range.end
                ),
            )
            .with_span_label("开始得太早")
            .with_label(*after, format!("必须在 `{other}` 之后"))
            .with_label(other_window.span, format!("`{other}` 在 {} 结束", other_window.range.end))
            .with_help(format!(
                "在 {} 或之后再开始（`after` 指对方结束之后）；如果两者可以同时进行，就删掉这个 `after`。",
                other_window.range.end.add_days(1)
            ))
        }
        Finding::TooManyMainPaths { limit, mains } => {
            let main = |p: usize| m.paths[p].main.unwrap_or(m.paths[p].common.id.span);
            let Some(&tip) = mains.get(*limit) else {
                return Diagnostic::new(code, Span::default(), "主路径太多");
            };
            let mut d = Diagnostic::new(
                code,
                main(tip),
                format!("有 {} 条主路径，超过了上限 {limit} 条", mains.len()),
            )
            .with_span_label(format!(
                "{}是第 {} 条主路径",
                describe(&m.paths[tip].common, ItemKind::Path),
                limit + 1
            ));
            for &p in mains.iter().filter(|&&p| p != tip) {
                d = d.with_label(main(p), format!("主路径 `{}`", m.paths[p].common.name()));
            }
            d.with_help(format!(
                "聚焦：主路径最多留 {limit} 条，其余的去掉 `main`，作为备选；或者在 plan 里调高 `limits main_paths`。"
            ))
        }
        Finding::TooManyConcurrentBattles {
            limit,
            stretch,
            running,
            tip,
            others,
            later,
        } => {
            let window = |b: usize| m.battles[b].window;
            let window_span = |b: usize| window(b).map_or(m.battles[b].common.id.span, |w| w.span);
            let shown: Vec<String> = later.iter().take(5).map(|r| r.to_string()).collect();
            let also = match later.len() {
                0 => String::new(),
                n if n > 5 => format!("；{} 以及另外 {} 段时间也超了", shown.join("、"), n - 5),
                _ => format!("；{} 也超了", shown.join("、")),
            };
            let mut d = Diagnostic::new(
                code,
                window_span(*tip),
                format!(
                    "{} 至 {} 同时有 {running} 场战役在打，超过了上限 {limit} 场{also}",
                    stretch.start, stretch.end
                ),
            )
            .with_span_label(format!(
                "战役 `{}` 让它变成了 {running} 场",
                m.battles[*tip].common.name()
            ));
            for &b in others {
                let range = window(b).map_or_else(String::new, |w| w.range.to_string());
                d = d.with_label(
                    window_span(b),
                    format!("战役 `{}` 的时间是 {range}", m.battles[b].common.name()),
                );
            }
            d.with_help(format!(
                "集中兵力：把这些战役错开，任何一天最多同时打 {limit} 场；或者调高 `limits concurrent_battles`。"
            ))
        }
        Finding::MultipleBreakthroughGoals { goals } => {
            let mark = |g: usize| m.goals[g].breakthrough.unwrap_or(m.goals[g].common.id.span);
            let Some(&second) = goals.get(1) else {
                return Diagnostic::new(code, Span::default(), "关键突破目标不止一个");
            };
            let mut d = Diagnostic::new(
                code,
                mark(second),
                format!(
                    "有 {} 个目标标了 `breakthrough`，一个计划只能有一个关键突破目标",
                    goals.len()
                ),
            )
            .with_span_label(format!(
                "{}又是一个关键突破目标",
                describe(&m.goals[second].common, ItemKind::Goal)
            ));
            for &g in goals.iter().filter(|&&g| g != second) {
                d = d.with_label(
                    mark(g),
                    format!("`{}` 标了 breakthrough", m.goals[g].common.name()),
                );
            }
            d.with_help("选出全员都要拼的那一个目标，其余目标去掉 `breakthrough`。")
        }
        Finding::NotDoViolation { item, entry } => {
            let segment = match item.kind {
                ItemKind::Path => m.paths[item.index].segment.as_ref(),
                ItemKind::Battle => m.battles[item.index].segment.as_deref(),
                ItemKind::Tactic => m.tactics[item.index].segment.as_deref(),
                _ => None,
            };
            let entry = m.positioning.as_ref().and_then(|p| p.not_do.get(*entry));
            let (Some(segment), Some(entry)) = (segment, entry) else {
                return Diagnostic::new(
                    code,
                    Span::default(),
                    "有一项针对的是不做清单上的细分市场",
                );
            };
            Diagnostic::new(
                code,
                segment.span,
                format!(
                    "{}瞄准的是“{}”，而定位里写明了公司不做它",
                    describe_id(m, *item),
                    segment.value.trim()
                ),
            )
            .with_span_label("在不做清单上")
            .with_label(entry.span, "列在 `not_do` 里")
            .with_help("换一个细分市场；如果战略真的变了，就郑重地把它从 `not_do` 清单上拿掉。")
        }
        Finding::MilestoneOutOfOrder {
            goal,
            index,
            previous,
            past,
        } => {
            let g = &m.goals[*goal];
            let Some(ms) = &g.milestones else {
                return Diagnostic::new(code, g.common.id.span, "这些里程碑的顺序不对");
            };
            let Some(v) = ms.values.get(*index) else {
                return Diagnostic::new(code, ms.span, "这些里程碑的顺序不对");
            };
            let Some(target) = &g.target else {
                return Diagnostic::new(code, v.span, "这些里程碑的顺序不对");
            };
            let mut d = if *past {
                Diagnostic::new(
                    code,
                    v.span,
                    format!(
                        "第 {} 个里程碑（{}）超过了目标值 {}",
                        index + 1,
                        v.text,
                        target.qty.text
                    ),
                )
                .with_span_label("超过了目标值")
                .with_label(target.qty.span, "目标值")
            } else {
                let (before, place) = match previous.and_then(|p| ms.values.get(p)) {
                    Some(p) => (p.text.to_string(), Some(p.span)),
                    None => (
                        g.baseline
                            .as_ref()
                            .map_or("0（没有基线）".to_string(), |b| {
                                format!("基线 {}", b.text)
                            }),
                        g.baseline.as_ref().map(|b| b.span),
                    ),
                };
                let d = Diagnostic::new(
                    code,
                    v.span,
                    format!(
                        "第 {} 个里程碑（{}）排在 {before} 之后，反而离目标值 {} 更远了",
                        index + 1,
                        v.text,
                        target.qty.text
                    ),
                )
                .with_span_label("往回走了");
                match place {
                    Some(span) => d.with_label(span, "前一个水平"),
                    None => d,
                }
            };
            d = d.with_help("里程碑写的是一个水平（门店数、会员数）在每个季度（月）末应该到哪儿：从基线一路走向目标值，每一个都不比前一个退步（持平可以），最后一个正好是目标值。");
            d
        }
        Finding::MilestonesEnd { goal } => {
            let g = &m.goals[*goal];
            let (Some(ms), Some(target)) = (&g.milestones, &g.target) else {
                return Diagnostic::new(code, g.common.id.span, "最后一个里程碑不等于目标值");
            };
            let Some(last) = ms.values.last() else {
                return Diagnostic::new(code, ms.span, "最后一个里程碑不等于目标值");
            };
            Diagnostic::new(
                code,
                last.span,
                format!(
                    "最后一个里程碑是 {}，目标值却是 {}",
                    last.text, target.qty.text
                ),
            )
            .with_span_label("最后一个里程碑")
            .with_label(target.qty.span, "目标值")
            .with_help(
                "最后一个里程碑就是目标到期那天应该达到的水平：把它改成目标值，或者改目标值。",
            )
        }
        Finding::WinCannotFail { tactic } => {
            let t = &m.tactics[*tactic];
            let Some(win) = &t.win else {
                return Diagnostic::new(code, t.common.id.span, "这个赢的标准不可能达不到");
            };
            Diagnostic::new(
                code,
                win.span,
                format!(
                    "{}的赢的标准是 `{} {} {}`，`{}` 取什么值都能满足",
                    describe(&t.common, ItemKind::Tactic),
                    win.metric.name,
                    win.op.op(),
                    win.qty.text,
                    win.metric.name
                ),
            )
            .with_span_label("还没开打就已经达标")
            .with_help(format!(
                "写出这一招打赢时应该达到的水平，例如 `win {} >= …`，填上你预计能做到的数；谁都不会失败的标准，说明不了任何问题。",
                win.metric.name
            ))
        }
        Finding::ObjectiveChangesNothing { battle, objective } => {
            let b = &m.battles[*battle];
            let Some(u) = b.objective.get(*objective) else {
                return Diagnostic::new(code, b.common.id.span, "这个战役目标什么也没改变");
            };
            Diagnostic::new(
                code,
                u.qty.span,
                format!(
                    "{}要让 `{}` 变化 {}，等于什么也没改变",
                    describe(&b.common, ItemKind::Battle),
                    u.what.name,
                    u.qty.text
                ),
            )
            .with_span_label("没有变化")
            .with_help(format!(
                "写明这场战役要把 `{}` 推动多少，例如 `objective {} +…`；如果这场战役本来就不推动它，就从战役目标里删掉。",
                u.what.name, u.what.name
            ))
        }
        Finding::OwnerOverloaded {
            limit,
            named_by,
            tip,
            others,
            stretches,
        } => {
            let owner_of = |id: crate::model::ItemId| match id.kind {
                ItemKind::Battle => m.battles[id.index].owner.as_ref(),
                _ => m.tactics[id.index].owner.as_ref(),
            };
            let owner = owner_of(*named_by).map_or("", |o| o.value.trim());
            let span = owner_of(*tip).map_or_else(
                || m.common(*tip).map_or(Span::new(0, 0), |c| c.id.span),
                |o| o.span,
            );
            let most = stretches.iter().map(|s| s.1).max().unwrap_or(0);
            let days: Vec<String> = stretches
                .iter()
                .take(5)
                .map(|(r, n)| format!("{r}（同时 {n} 项）"))
                .collect();
            let more = stretches.len().saturating_sub(5);
            let mut days = days.join("、");
            if more > 0 {
                days.push_str(&format!("，另有 {more} 段"));
            }
            let mut d = Diagnostic::new(
                code,
                span,
                format!(
                    "“{owner}”同时负责的战役和战术最多有 {most} 项，超过了 `limits owner_load {limit}`：{days}"
                ),
            )
            .with_span_label(format!("{}让它超了", who(m, *tip)));
            for &id in others {
                let place = owner_of(id).map_or_else(
                    || m.common(id).map_or(Span::new(0, 0), |c| c.id.span),
                    |o| o.span,
                );
                d = d.with_label(place, format!("{}也在这段时间进行", who(m, id)));
            }
            d.with_help(format!(
                "一个人同时扛不了这么多：把其中一些交给别的负责人，把它们的时间错开；如果“{owner}”是一个团队，就调高 `limits owner_load`。"
            ))
        }
        Finding::PartsShort { goal, sum, parts } => {
            let g = &m.goals[*goal];
            let name = describe(&g.common, ItemKind::Goal);
            let Some(target) = &g.target else {
                return Diagnostic::new(
                    code,
                    g.common.id.span,
                    format!("{name}的分解目标加起来不够目标值"),
                );
            };
            let style = target.qty.style();
            let short = target.qty.amount.minus(*sum);
            let mut d = Diagnostic::new(
                code,
                g.common.id.span,
                format!(
                    "{name}的分解目标合计 {}，比目标值 {} 还差 {}",
                    style.format(*sum),
                    target.qty.text,
                    style.format(short)
                ),
            )
            .with_span_label(format!("还有 {} 没有分到任何部门", style.format(short)))
            .with_label(target.qty.span, "目标值");
            for &p in parts {
                let part = &m.goals[p];
                if let Some(t) = &part.target {
                    d = d.with_label(
                        t.qty.span,
                        format!("分解目标 `{}` 承担 {}", part.common.name(), t.qty.text),
                    );
                }
            }
            d.with_help(format!(
                "把还差的 {} 分下去：调高某个分解目标，或者把漏掉的部门（区域、产品线）加成一个 `part_of {}` 的目标；或者调低这个目标值。",
                style.format(short),
                g.common.name()
            ))
        }
        Finding::PartDueLate { part, parent } => {
            let c = &m.goals[*part];
            let pg = &m.goals[*parent];
            let (Some(t), Some(pt)) = (&c.target, &pg.target) else {
                return Diagnostic::new(code, c.common.id.span, "分解目标的期限晚于上级目标");
            };
            Diagnostic::new(
                code,
                t.by.span,
                format!(
                    "{}的期限是 {}，晚于它所属的{}（{}）",
                    describe(&c.common, ItemKind::Goal),
                    t.by.value,
                    describe(&pg.common, ItemKind::Goal),
                    pt.by.value
                ),
            )
            .with_span_label("分解目标的期限")
            .with_label(pt.by.span, "上级目标的期限")
            .with_help(format!(
                "整体要达成时，各部分必须已经达成：把这个日期提前到 {} 或更早，或者调整上级目标的日期。",
                pt.by.value
            ))
        }
        Finding::PartUnit {
            part,
            parent,
            unit,
            parent_unit,
        } => {
            let c = &m.goals[*part];
            let pg = &m.goals[*parent];
            let span = c.part_of.as_ref().map_or(c.common.id.span, |r| r.span);
            let mut d = Diagnostic::new(
                code,
                span,
                format!(
                    "{}按{}计，但它所属的{}按{}计",
                    describe(&c.common, ItemKind::Goal),
                    unit_zh(*unit),
                    describe(&pg.common, ItemKind::Goal),
                    unit_zh(*parent_unit)
                ),
            )
            .with_span_label(format!("按{}计的分解目标", unit_zh(*unit)));
            if let Some(r) = pg.metric() {
                d = d.with_label(
                    r.span,
                    format!("上级目标的指标，按{}计", unit_zh(*parent_unit)),
                );
            }
            d.with_help(format!(
                "分解目标是上级目标数字里的一份，算的是同一样东西：给它一个按{}计的指标；如果它只是帮助上级目标，就改用 `supports`。",
                unit_zh(*parent_unit)
            ))
        }
        Finding::PositioningMissing => {
            let span = m.plan.as_ref().map_or(Span::new(0, 0), |p| p.keyword);
            Diagnostic::new(code, span, "这个计划没有定位")
                .with_span_label("计划里没有 `positioning`")
                .with_help("加一段 `positioning { we_are \"…\" serve \"…\" pain \"…\" why_us \"…\" }`：我是谁、为谁服务、解决什么痛点、凭什么选我。")
        }
        Finding::PositioningIncomplete { missing } => {
            let span = m
                .positioning
                .as_ref()
                .map_or(Span::new(0, 0), |p| p.keyword);
            let list = missing
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join("、");
            Diagnostic::new(code, span, format!("定位里没有回答 {list}"))
                .with_span_label(format!("缺少 {list}"))
                .with_help("四个问题都要回答：`we_are`（我是谁）、`serve`（为谁服务）、`pain`（客户痛点）、`why_us`（为什么选我）。")
        }
    }
}
