//! Grammar rules in words. A user never reads a rule name.

use super::ast::{AttrKey, ItemKind};
use super::parser::Rule;

/// What a rule looks like, for "expected …". `None` for rules that are never
/// worth naming on their own (their parent is named instead).
pub(super) fn describe(rule: Rule) -> Option<String> {
    let text = match rule {
        Rule::ident => "a name like `revenue_2026` or `营收`",
        Rule::diag_name => "a warning's name like `goal-undercovered`",
        Rule::string | Rule::strings => "a text in double quotes like \"县域中小餐饮门店\"",
        Rule::number => "a number like 5000, 1.5 or 2000万",
        Rule::quantity => "an amount like ¥2000万, 40% or 5000",
        Rule::duration => "a duration like 2w, 45d, 6mo, 1q or 1y",
        Rule::date => "a date like 2026-04-01",
        Rule::window => "a window like 2026-04-01 .. 2026-05-15",
        Rule::range_dots => "`..` between the two dates",
        Rule::comparison => "a comparison: >=, >, <=, < or =",
        Rule::open_brace => "`{`",
        Rule::close_brace => "`}`",
        Rule::comma => "`,`",
        Rule::names => "a name, or several separated by commas",
        Rule::amounts | Rule::amount => "a name and an amount, like `budget ¥15万`",
        Rule::scores | Rule::score => "a strength and a score from 1 to 5, like `product 4`",
        Rule::limit | Rule::limit_key => "`main_paths N`, `concurrent_battles N` or `owner_load N`",
        Rule::alert | Rule::alert_key | Rule::alert_pct => "`at_risk 95%` or `off_track 80%`",
        Rule::question_key => "`we_are`, `serve`, `pain` or `why_us`",
        Rule::metric_unit => "a unit: `money`, `count` or `percent`",
        Rule::perspective => "a perspective: `financial`, `customer`, `process` or `learning`",
        Rule::split_mode => "`quarterly` or `monthly`",
        Rule::lang_code => "a language: `en` or `zh`",
        Rule::tactic_kind => {
            "a tactic kind: `acquisition`, `product`, `conversion`, `retention` or `organization`"
        }
        Rule::kw_by => "`by` and the date",
        Rule::item_state => "a state: `not_started`, `on_track`, `at_risk`, `off_track`, `blocked`, `done` or `dropped`",
        Rule::states | Rule::state_entry => "a battle or tactic and its state, like `fission at_risk`",
        Rule::kw_every => "`every` and a duration, like `every 2w`",
        Rule::EOI => "the end of the file",
        Rule::plan_item
        | Rule::positioning_item
        | Rule::resource_item
        | Rule::metric_item
        | Rule::goal_item
        | Rule::path_item
        | Rule::battle_item
        | Rule::tactic_item
        | Rule::checkin_item
        | Rule::kw_checkin
        | Rule::kw_plan
        | Rule::kw_positioning
        | Rule::kw_resource
        | Rule::kw_metric
        | Rule::kw_goal
        | Rule::kw_path
        | Rule::kw_battle
        | Rule::kw_tactic
        | Rule::item_alone
        | Rule::file => {
            "an item: plan, positioning, resource, metric, goal, path, battle, tactic or checkin"
        }
        _ => {
            if let Some(kind) = attrs_rule_kind(rule) {
                return Some(format!(
                    "an attribute of {} ({}) or `}}` to close it",
                    kind.a(),
                    attribute_list(kind)
                ));
            }
            let name = format!("{rule:?}");
            if let Some(word) = name.strip_prefix("kw_") {
                return Some(format!("`{word}`"));
            }
            return None;
        }
    };
    Some(text.to_string())
}

/// `battle_attr` → battle: the rules that stand for "any attribute of …".
pub(super) fn attrs_rule_kind(rule: Rule) -> Option<ItemKind> {
    Some(match rule {
        Rule::plan_attr => ItemKind::Plan,
        Rule::positioning_attr => ItemKind::Positioning,
        Rule::resource_attr => ItemKind::Resource,
        Rule::goal_attr => ItemKind::Goal,
        Rule::path_attr => ItemKind::Path,
        Rule::battle_attr => ItemKind::Battle,
        Rule::tactic_attr => ItemKind::Tactic,
        Rule::checkin_attr => ItemKind::Checkin,
        _ => return None,
    })
}

/// "on, objective, significance, …"
pub(super) fn attribute_list(kind: ItemKind) -> String {
    AttrKey::of(kind)
        .iter()
        .map(|k| k.word())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Join alternatives: "a, b or c".
pub(super) fn one_of(mut items: Vec<String>) -> String {
    items.dedup();
    match items.len() {
        0 => "something else".to_string(),
        1 => items.remove(0),
        _ => {
            let last = items.pop().unwrap_or_default();
            format!("{} or {}", items.join(", "), last)
        }
    }
}
