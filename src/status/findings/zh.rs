//! The status findings in Chinese: the same facts at the same places as
//! `Finding::to_diagnostic`, one arm per finding (docs/chinese.md).

use super::{goal_style, pace_percent, Finding};
use crate::date::{Duration, DurationUnit};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::Model;
use crate::quantity::{Style, Unit};
use crate::status::words;

pub(super) fn words_of(f: &Finding, m: &Model) -> Diagnostic {
    match f {
        Finding::GoalOffTrack {
            goal,
            actual,
            expected,
            pace,
            threshold,
        } => {
            let g = &m.goals[*goal];
            let style = goal_style(m, *goal);
            let percent = pace_percent(*pace);
            let threshold = Style {
                unit: Unit::Percent,
                scale: None,
            }
            .format(*threshold);
            Diagnostic::new(
                Code::GoalOffTrack,
                g.common.id.span,
                format!(
                    "目标 `{}` 落后了：{} 的实际值是 {}，按计划这时应达到 {}（进度 {percent}）",
                    g.common.name(),
                    actual.date,
                    crate::status::shown(style, actual.amount),
                    crate::status::shown(style, *expected),
                ),
            )
            .with_span_label(format!("进度 {percent}，低于 {threshold} 的警戒线"))
            .with_label(actual.span, format!("最新实际值，{}", actual.date))
            .with_help(
                "把服务这个目标的各场战役拿出来复盘：资源集中到真正能推动它的那一场；要改计划（拆解、日期）就公开地改，不要让它悄悄拖下去。",
            )
        }
        Finding::GoalMissed { goal, due, actual } => {
            let g = &m.goals[*goal];
            let style = goal_style(m, *goal);
            let target = g
                .target
                .as_ref()
                .map_or_else(String::new, |t| t.qty.text.to_string());
            let d = Diagnostic::new(
                Code::GoalMissed,
                g.common.id.span,
                match actual {
                    Some(a) => format!(
                        "目标 `{}` 已于 {due} 到期，实际值停在 {}（{}），没有达到 {target}",
                        g.common.name(),
                        crate::status::shown(style, a.amount),
                        a.date
                    ),
                    None => format!(
                        "目标 `{}` 已于 {due} 到期，但没有任何复盘记录写过它的实际值",
                        g.common.name()
                    ),
                },
            )
            .with_span_label("目标日期已过");
            let d = match actual {
                Some(a) => d.with_label(a.span, format!("最新实际值，{}", a.date)),
                None => d,
            };
            d.with_help("如实收尾：在复盘记录里写下最终实际值，把学到的东西记下来，再到新的计划里定下一个目标。")
        }
        Finding::ReviewOverdue {
            battle,
            days,
            last_review,
            since,
        } => {
            let b = &m.battles[*battle];
            let every = b
                .review
                .as_ref()
                .map_or_else(String::new, |r| every(r.value));
            let d = Diagnostic::new(
                Code::ReviewOverdue,
                b.common.id.span,
                match last_review {
                    Some(last) if last >= since => format!(
                        "战役 `{}` 定的是{every}复盘一次，上次复盘在 {last}：已逾期 {days} 天",
                        b.common.name(),
                    ),
                    _ => format!(
                        "战役 `{}` 定的是{every}复盘一次，但从 {since} 开始到现在一次也没复盘过：已逾期 {days} 天",
                        b.common.name(),
                    ),
                },
            )
            .with_span_label(format!("复盘逾期 {days} 天"));
            let d = match &b.review {
                Some(r) => d.with_label(r.span, "复盘节奏"),
                None => d,
            };
            d.with_help(format!(
                "尽快开一次复盘并记下来：`checkin DATE {{ status {} on_track }}`，状态照负责人汇报的写。",
                b.common.name()
            ))
        }
        Finding::BattleNotClosed { battle, end, state } => {
            let b = &m.battles[*battle];
            let d = Diagnostic::new(
                Code::BattleNotClosed,
                b.common.id.span,
                format!(
                    "战役 `{}` 已于 {end} 结束，最新状态却还是“{}”（`{}`）",
                    b.common.name(),
                    words::state(*state),
                    state.word()
                ),
            )
            .with_span_label("时间周期已结束，还没有收尾");
            let d = match &b.window {
                Some(w) => d.with_label(w.span, "它的时间周期"),
                None => d,
            };
            d.with_help(format!(
                "在复盘记录里给它收尾：打赢了写 `status {} done`，放弃了写 `status {} dropped`，并记下学到了什么。",
                b.common.name(),
                b.common.name()
            ))
        }
        Finding::Overspent {
            resource,
            spent,
            total,
        } => {
            let r = &m.resources[*resource];
            let style = r.amount.as_ref().map_or(
                Style {
                    unit: Unit::Count,
                    scale: None,
                },
                |q| q.style(),
            );
            let d = Diagnostic::new(
                Code::Overspent,
                spent.span,
                format!(
                    "`{}` 超支了：截至 {} 已花费 {}，超出总额 {}",
                    r.common.name(),
                    spent.date,
                    style.format(spent.amount),
                    style.format(*total)
                ),
            )
            .with_span_label(format!("超出 {}", style.format(spent.amount.minus(*total))));
            let d = match &r.amount {
                Some(q) => d.with_label(q.span, "总额"),
                None => d,
            };
            d.with_help(
                "马上停下或压缩这笔开支；如果董事会同意追加，就公开地调高这个资源池的 `total`。",
            )
        }
        Finding::GuardrailBreached { goal, actual } => {
            let g = &m.goals[*goal];
            let (op, bound, style) = g.keep.as_ref().map_or(
                (
                    "",
                    String::new(),
                    Style {
                        unit: Unit::Count,
                        scale: None,
                    },
                ),
                |k| (k.op.op(), k.qty.text.to_string(), k.qty.style()),
            );
            let metric = g.keep.as_ref().map_or("", |k| k.metric.name.as_str());
            Diagnostic::new(
                Code::GuardrailBreached,
                g.common.id.span,
                format!(
                    "底线 `{}` 失守：`{metric}` 在 {} 是 {}，而底线要求 {op} {bound}",
                    g.common.name(),
                    actual.date,
                    crate::status::shown(style, actual.amount),
                ),
            )
            .with_span_label(format!("底线：`{metric}` {op} {bound}"))
            .with_label(actual.span, format!("最新实际值，{}", actual.date))
            .with_help("底线是追目标时不能牺牲的东西：现在就采取行动（放慢开支、分散风险），守住之后再记下一次实际值。")
        }
        Finding::CheckinInFuture {
            checkin,
            date,
            today,
        } => {
            let c = &m.checkins[*checkin];
            Diagnostic::new(
                Code::CheckinInFuture,
                c.head_span(),
                format!("这条复盘记录的日期是 {date}，晚于这次查看状态的日期（{today}），不计入"),
            )
            .with_span_label("日期在未来")
            .with_help("如果是笔误，就改正日期；复盘记录写的是已经发生的事，日期不应晚于复盘当天。查看状态的日期用 `--today` 指定。")
        }
    }
}

/// `每2周`, `每月`: a review cadence in words.
fn every(d: Duration) -> String {
    let unit = match d.unit {
        DurationUnit::Day => "天",
        DurationUnit::Week => "周",
        DurationUnit::Month => "个月",
        DurationUnit::Quarter => "个季度",
        DurationUnit::Year => "年",
    };
    if d.count == 1 {
        let one = match d.unit {
            DurationUnit::Day => "天",
            DurationUnit::Week => "周",
            DurationUnit::Month => "月",
            DurationUnit::Quarter => "季度",
            DurationUnit::Year => "年",
        };
        format!("每{one}")
    } else {
        format!("每{}{unit}", d.count)
    }
}
