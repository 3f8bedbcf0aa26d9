//! Large, valid plans made to measure: for benchmarks, property tests and
//! fuzzing seeds. No IO.

use std::fmt::Write;

/// A clean plan with `battles` battles of three tactics each, on one path per
/// hundred battles, with overlapping windows drawing on three resources.
pub fn plan(battles: usize) -> String {
    let paths = battles.div_ceil(100).max(1);
    let mut s = String::with_capacity(battles * 700);
    let _ = write!(
        s,
        "// A generated plan: {battles} battles, {tactics} tactics.\n\
plan \"Generated {battles}\" {{\n  period 2026-01-01 .. 2026-12-31\n  limits main_paths {paths}, concurrent_battles {battles}\n}}\n\n\
positioning {{\n  we_are \"区域连锁品牌\"\n  serve  \"社区家庭\"\n  pain   \"买菜远、品质不稳\"\n  why_us \"产地直采，次日达\"\n  not_do \"高端进口\"\n}}\n\n\
resource people \"一线人员\" {{ capacity {people} }}\n\
resource budget \"市场预算\" {{ total ¥{budget}万 }}\n\
resource vans \"配送车辆\" {{ capacity {vans} }}\n\n\
metric revenue \"营收\" money\nmetric customers \"新增客户\" count\nmetric nps \"净推荐值\" percent\n\n\
goal revenue_goal \"营收目标\" {{\n  perspective financial\n  target revenue ¥{revenue}万 by 2026-12-31\n  split quarterly ¥{q}万, ¥{q}万, ¥{q}万, ¥{q}万\n  breakthrough\n}}\n\n\
goal customer_goal \"客户目标\" {{\n  perspective customer\n  target customers {customers} by 2026-12-31\n  supports revenue_goal\n}}\n\n\
goal nps_goal \"口碑目标\" {{\n  perspective process\n  target nps 60% by 2026-12-31\n  supports customer_goal\n}}\n",
        tactics = battles * 3,
        people = battles * 4,
        budget = battles * 10,
        vans = battles * 2,
        revenue = battles * 4,
        q = battles,
        customers = battles * 100,
    );
    for p in 0..paths {
        let _ = write!(
            s,
            "\npath path_{p} \"路径 {p}\" {{\n  serves revenue_goal, customer_goal, nps_goal\n  main\n  cost people {}, budget ¥{}万\n  duration 6mo\n  expects revenue +¥{}万\n  segment \"社区 {p}\"\n}}\n",
            400,
            1000,
            400
        );
    }
    for b in 0..battles {
        // Windows of 30 to 90 days, starting all through the year, so that
        // many overlap on any given day.
        let start = (b * 37) % 270;
        let len = 30 + (b * 13) % 60;
        let (sm, sd) = month_day(start);
        let (em, ed) = month_day(start + len);
        let _ = write!(
            s,
            "\nbattle battle_{b} \"战役 {b}\" {{\n  on path_{p}\n  objective revenue +¥4万, customers +100\n  window 2026-{sm:02}-{sd:02} .. 2026-{em:02}-{ed:02}\n  needs people 4, budget ¥10万, vans 2\n  review every 2w\n  owner \"负责人 {b}\"\n}}\n",
            p = b / 100
        );
        for t in 0..3 {
            let _ = write!(
                s,
                "\ntactic tactic_{b}_{t} \"打法 {b}-{t}\" {{\n  for battle_{b}\n  kind {kind}\n  owner \"成员 {t}\"\n  needs people 1, budget ¥3万\n  win customers >= 30\n}}\n",
                kind = ["acquisition", "conversion", "retention"][t]
            );
        }
    }
    s
}

/// [`plan`] with `weeks` weekly check-ins from 2026-01-05 on (at most 52):
/// each gives the three metrics' actuals, the budget spent so far, and the
/// state of every other battle running that week (each running battle is
/// named every two weeks, as its `review every 2w` asks).
pub fn plan_with_checkins(battles: usize, weeks: usize) -> String {
    let mut s = plan(battles);
    for w in 0..weeks.min(52) {
        let day = 4 + 7 * w; // days after 2026-01-01
        let (m, d) = month_day(day);
        let _ = write!(
            s,
            "\ncheckin 2026-{m:02}-{d:02} \"第{n}周复盘\" {{\n  actual revenue ¥{rev}万, customers {cust}, nps {nps}%\n  spent budget ¥{spent}万\n",
            n = w + 1,
            rev = battles * 4 * (w + 1) / 52,
            cust = battles * 100 * (w + 1) / 52,
            nps = 30 + w / 2,
            spent = battles * 10 * (w + 1) / 52,
        );
        let mut first = true;
        for b in (w % 2..battles).step_by(2) {
            let start = (b * 37) % 270;
            let len = 30 + (b * 13) % 60;
            if start <= day && day <= start + len {
                s.push_str(if first { "  status " } else { ", " });
                first = false;
                let _ = write!(s, "battle_{b} {}", ["on_track", "at_risk", "done"][b % 3]);
            }
        }
        s.push_str(if first {
            "  note \"无战役\"\n}\n"
        } else {
            "\n}\n"
        });
    }
    s
}

/// The same plan as written in a hurry, for the formatter: every line
/// trimmed and run into the next, lists and windows without their spaces.
/// Comments are left as they are (one on a line of its own stays there), so
/// the plan means the same. Meant for generated plans, whose strings hold no
/// `//`.
pub fn untidy(text: &str) -> String {
    text.lines()
        .map(|line| {
            let line = line.trim();
            let (code, comment) = line.split_at(line.find("//").unwrap_or(line.len()));
            let code = code.replace(", ", " ,").replace(" .. ", "..");
            match (code.is_empty(), comment.is_empty()) {
                (_, true) => format!("{code}   "),
                (true, false) => format!("\n{comment}\n"),
                (false, false) => format!("{code}{comment}\n"),
            }
        })
        .collect()
}

/// Day `n` of 2026 (0-based, within the first 360 days) as month and day.
fn month_day(n: usize) -> (u32, u32) {
    const DAYS: [usize; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut n = n.min(360);
    for (m, &d) in DAYS.iter().enumerate() {
        if n < d {
            return (m as u32 + 1, n as u32 + 1);
        }
        n -= d;
    }
    (12, 31)
}

#[cfg(test)]
mod tests {
    #[test]
    fn generated_plans_are_clean() {
        for n in [1, 7, 250] {
            let text = super::plan(n);
            let found: Vec<String> = crate::analyze(&text, &[])
                .diagnostics
                .iter()
                .map(|d| format!("{}: {}", d.code.name(), d.message))
                .collect();
            assert!(found.is_empty(), "{n} battles: {found:#?}");
        }
    }
}
