//! Focus: few main paths, few battles at once, one breakthrough, no segment
//! the company said it will not touch, and the habits that keep a plan honest.

use super::sweep::{self, Charge};
use super::Ctx;
use crate::diagnostic::{Code, Diagnostic};
use crate::quantity::Amount;
use crate::span::Span;
use crate::syntax::ast::ItemKind;

pub fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    main_paths(ctx, out);
    concurrent_battles(ctx, out);
    breakthrough(ctx, out);
    not_do(ctx, out);
    habits(ctx, out);
    positioning(ctx, out);
}

fn main_paths(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let limit = ctx.model.main_paths() as usize;
    let mains: Vec<_> = ctx
        .model
        .paths
        .iter()
        .filter_map(|p| p.main.map(|s| (p, s)))
        .collect();
    if mains.len() <= limit {
        return;
    }
    let (tip, span) = mains[limit];
    let mut d = Diagnostic::new(
        Code::TooManyMainPaths,
        span,
        format!("{} main paths, more than the limit of {limit}", mains.len()),
    )
    .with_span_label(format!(
        "{} is main path number {}",
        tip.common.describe(ItemKind::Path),
        limit + 1
    ));
    for (p, s) in mains.iter().filter(|(_, s)| *s != span) {
        d = d.with_label(*s, format!("main path `{}`", p.common.id.name));
    }
    out.push(d.with_help(format!(
        "Focus: keep at most {limit} main paths and turn the others into candidates by removing `main`, or raise `limits main_paths` in the plan block."
    )));
}

fn concurrent_battles(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let limit = ctx.model.concurrent_battles();
    let battles: Vec<(usize, Charge)> = ctx
        .model
        .battles
        .iter()
        .enumerate()
        .filter_map(|(i, b)| {
            b.window.map(|w| {
                (
                    i,
                    Charge {
                        range: w.range,
                        amount: Amount::units(1),
                    },
                )
            })
        })
        .collect();
    let charges: Vec<Charge> = battles.iter().map(|b| b.1).collect();
    let ranges = sweep::over(&charges, Amount::units(i64::from(limit)));
    let Some(first) = sweep::first_over(&charges, Amount::units(i64::from(limit))) else {
        return;
    };
    let active = sweep::active_on(&charges, first.range.start);
    let Some(&tip) = active.iter().max_by_key(|&&i| {
        (
            charges[i].range.start,
            ctx.model.battles[battles[i].0].common.span.start,
        )
    }) else {
        return;
    };
    let battle = |i: usize| &ctx.model.battles[battles[i].0];
    let shown: Vec<String> = ranges
        .iter()
        .skip(1)
        .take(5)
        .map(|p| p.range.to_string())
        .collect();
    let also = match ranges.len() {
        0 | 1 => String::new(),
        n if n > 6 => format!(
            "; also too many on {} and {} more stretches",
            shown.join(", "),
            n - 6
        ),
        _ => format!("; also too many on {}", shown.join(", ")),
    };
    let window_span = |i: usize| {
        battle(i)
            .window
            .map_or(battle(i).common.id.span, |w| w.span)
    };
    let mut d = Diagnostic::new(
        Code::TooManyConcurrentBattles,
        window_span(tip),
        format!(
            "{} battles run at once from {} to {}, more than the limit of {limit}{also}",
            first.load.0 / crate::quantity::SCALE,
            first.range.start,
            first.range.end,
        ),
    )
    .with_span_label(format!(
        "battle `{}` makes it {}",
        battle(tip).common.id.name,
        first.load.0 / crate::quantity::SCALE
    ));
    for &i in active.iter().filter(|&&i| i != tip) {
        d = d.with_label(
            window_span(i),
            format!(
                "battle `{}` runs {}",
                battle(i).common.id.name,
                charges[i].range
            ),
        );
    }
    out.push(d.with_help(format!(
        "Concentrate forces: stagger these battles so that at most {limit} run on any day, or raise `limits concurrent_battles`."
    )));
}

fn breakthrough(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let goals: Vec<_> = ctx
        .model
        .goals
        .iter()
        .filter_map(|g| g.breakthrough.map(|s| (g, s)))
        .collect();
    if goals.len() < 2 {
        return;
    }
    let mut d = Diagnostic::new(
        Code::MultipleBreakthroughGoals,
        goals[1].1,
        format!(
            "{} goals are marked `breakthrough`; a plan has one",
            goals.len()
        ),
    )
    .with_span_label(format!(
        "{} is another breakthrough",
        goals[1].0.common.describe(ItemKind::Goal)
    ));
    for (g, s) in goals.iter().filter(|(_, s)| *s != goals[1].1) {
        d = d.with_label(*s, format!("`{}` is marked breakthrough", g.common.id.name));
    }
    out.push(d.with_help(
        "Pick the one goal everyone rallies behind and remove `breakthrough` from the others.",
    ));
}

fn normalize(s: &str) -> String {
    s.trim().to_lowercase()
}

fn not_do(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let Some(positioning) = &ctx.model.positioning else {
        return;
    };
    if positioning.not_do.is_empty() {
        return;
    }
    let m = ctx.model;
    let segments = m
        .paths
        .iter()
        .filter_map(|p| {
            p.segment
                .as_ref()
                .map(|s| (p.common.describe(ItemKind::Path), s))
        })
        .chain(m.battles.iter().filter_map(|b| {
            b.segment
                .as_ref()
                .map(|s| (b.common.describe(ItemKind::Battle), s))
        }))
        .chain(m.tactics.iter().filter_map(|t| {
            t.segment
                .as_ref()
                .map(|s| (t.common.describe(ItemKind::Tactic), s))
        }));
    for (what, segment) in segments {
        let key = normalize(&segment.value);
        if let Some(entry) = positioning
            .not_do
            .iter()
            .find(|n| normalize(&n.value) == key)
        {
            out.push(
                Diagnostic::new(
                    Code::NotDoViolation,
                    segment.span,
                    format!("{what} targets «{}», which the positioning says the company will not do", segment.value.trim()),
                )
                .with_span_label("on the not-do list")
                .with_label(entry.span, "listed in `not_do` here")
                .with_help("Choose another segment, or — if the strategy has changed — take it off the `not_do` list deliberately."),
            );
        }
    }
}

fn habits(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for battle in &ctx.model.battles {
        let c = &battle.common;
        if !c.has(crate::syntax::ast::AttrKey::Review) {
            out.push(
                Diagnostic::new(
                    Code::BattleWithoutReview,
                    c.id.span,
                    format!("{} has no review cadence", c.describe(ItemKind::Battle)),
                )
                .with_span_label("no `review`")
                .with_help("Say how often the team reviews this battle, like `review every 2w`."),
            );
        }
    }
    for tactic in &ctx.model.tactics {
        let c = &tactic.common;
        if !c.has(crate::syntax::ast::AttrKey::Owner) {
            out.push(
                Diagnostic::new(
                    Code::TacticWithoutOwner,
                    c.id.span,
                    format!("{} has no owner", c.describe(ItemKind::Tactic)),
                )
                .with_span_label("no `owner`")
                .with_help("Name the one person who answers for this play, like `owner \"张三\"`."),
            );
        }
    }
}

fn positioning(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    if ctx.model.broken_could_be(ItemKind::Positioning) {
        return;
    }
    match &ctx.model.positioning {
        // A file without a plan is not a plan yet (`plan-missing`); and a
        // broken region could hold the positioning.
        None if ctx.model.plan.is_none() || ctx.anything_broken() => {}
        None => {
            let span = ctx
                .model
                .plan
                .as_ref()
                .map_or(Span::new(0, 0), |p| p.keyword);
            out.push(
                Diagnostic::new(Code::PositioningIncomplete, span, "this plan has no positioning")
                    .with_span_label("no `positioning` in this plan")
                    .with_help("Add a `positioning { we_are \"…\" serve \"…\" pain \"…\" why_us \"…\" }` block: who you are, whom you serve, which pain you solve and why you win."),
            );
        }
        Some(p) => {
            let missing: Vec<&str> = [
                ("we_are", &p.we_are),
                ("serve", &p.serve),
                ("pain", &p.pain),
                ("why_us", &p.why_us),
            ]
            .into_iter()
            .filter(|(_, v)| v.is_none())
            .map(|(k, _)| k)
            .collect();
            if !missing.is_empty() {
                let list = missing
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                out.push(
                    Diagnostic::new(Code::PositioningIncomplete, p.keyword, format!("the positioning does not say {list}"))
                        .with_span_label(format!("missing {list}"))
                        .with_help("Answer all four questions: `we_are` (who we are), `serve` (whom we serve), `pain` (which pain we solve) and `why_us` (why we win)."),
                );
            }
        }
    }
}
