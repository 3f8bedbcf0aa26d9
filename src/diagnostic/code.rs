//! The stable diagnostic names of LANGUAGE.md. Names and meanings never change;
//! new ones may be added.

use super::Severity;
use serde::{Serialize, Serializer};

macro_rules! codes {
    ($($variant:ident = $name:literal, $severity:ident, $summary:literal;)*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($variant,)*
        }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The stable name, as users write it in `allow` and `--allow`.
            pub fn name(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }

            pub fn severity(self) -> Severity {
                match self {
                    $(Code::$variant => Severity::$severity,)*
                }
            }

            /// One line saying when it fires.
            pub fn summary(self) -> &'static str {
                match self {
                    $(Code::$variant => $summary,)*
                }
            }
        }
    };
}

codes! {
    Syntax = "syntax", Error, "the text does not parse (planc says what it expected, in words)";
    InvalidLiteral = "invalid-literal", Error, "a date that does not exist, a window that ends before it starts, a score outside 1–5, a malformed number, duration or limit";
    UnknownName = "unknown-name", Error, "a reference to nothing (or allow naming no warning); the closest name is suggested";
    DuplicateName = "duplicate-name", Error, "two items share a name (or there are two positionings)";
    DuplicateAttribute = "duplicate-attribute", Error, "an attribute given twice in one block, or a resource with both capacity and total";
    WrongKind = "wrong-kind", Error, "a reference to an item of the wrong kind (for naming a path)";
    MissingAttribute = "missing-attribute", Error, "a required attribute is absent: a plan without period, a resource without capacity or total";
    PlanMissing = "plan-missing", Error, "no plan item, or more than one";
    GoalWithoutTarget = "goal-without-target", Error, "a goal with neither target nor keep";
    GoalWithoutPath = "goal-without-path", Error, "no path serves the goal (a keep goal, and a goal served through its parts, need none)";
    PathWithoutGoal = "path-without-goal", Error, "a path with no serves";
    PathWithoutBattle = "path-without-battle", Error, "a main path no battle is on";
    BattleWithoutPath = "battle-without-path", Error, "a battle with no on";
    BattleWithoutObjective = "battle-without-objective", Error, "a battle with no objective";
    BattleWithoutWindow = "battle-without-window", Error, "a battle with no window";
    BattleWithoutTactic = "battle-without-tactic", Error, "no tactic is for the battle";
    TacticWithoutBattle = "tactic-without-battle", Error, "a tactic with no for";
    TacticWithoutWin = "tactic-without-win", Error, "a tactic with no win criterion";
    UnitMismatch = "unit-mismatch", Error, "an amount whose unit differs from its metric or resource, a part in another unit than its parent, a second currency, or a capacity that is not a bare count";
    SplitMismatch = "split-mismatch", Error, "a split that does not sum to the target, has the wrong number of values, or splits a percent goal";
    Overcommitted = "overcommitted", Error, "a resource pool exceeded: a capacity on some day, or a total in sum";
    TacticsExceedBattle = "tactics-exceed-battle", Error, "a battle's tactics need more than the battle, or a resource the battle does not list";
    WindowOutsidePeriod = "window-outside-period", Error, "a window (or goal date) outside the plan period";
    WindowOutsideBattle = "window-outside-battle", Error, "a tactic's window not inside its battle's";
    BattleAfterDeadline = "battle-after-deadline", Error, "a battle ends after the date of a goal it advances";
    AfterViolated = "after-violated", Error, "an item starts before something it must come after has ended";
    Cycle = "cycle", Error, "a cycle in supports, part_of or after";
    NotDoViolation = "not-do-violation", Error, "an item targets a segment on the not-do list";
    GoalUndercovered = "goal-undercovered", Warning, "the signed objectives of the battles tracing to a money or count goal do not add up to its gap";
    PathOverCost = "path-over-cost", Warning, "a path's battles need more than the path's cost";
    TooManyMainPaths = "too-many-main-paths", Warning, "more main paths than limits main_paths";
    TooManyConcurrentBattles = "too-many-concurrent-battles", Warning, "more battles on one day than limits concurrent_battles";
    MultipleBreakthroughGoals = "multiple-breakthrough-goals", Warning, "more than one breakthrough goal";
    BattleOnCandidatePath = "battle-on-candidate-path", Warning, "a battle on a path that is not main";
    BattleWithoutReview = "battle-without-review", Warning, "a battle with no review cadence";
    TacticWithoutOwner = "tactic-without-owner", Warning, "a tactic with no owner";
    UnusedMetric = "unused-metric", Warning, "a metric that no target, keep, objective, expects or win names";
    UnusedResource = "unused-resource", Warning, "a resource nothing needs or costs";
    PositioningIncomplete = "positioning-incomplete", Warning, "no positioning, or one missing we_are, serve, pain or why_us";
    CriterionCannotFail = "criterion-cannot-fail", Warning, "a win that any value of its money or count metric meets (>= 0), or an objective that changes nothing (+0)";
    OwnerOverloaded = "owner-overloaded", Warning, "with limits owner_load N: one owner has more than N battles and tactics running on the same day";
    PartsShort = "parts-short", Warning, "the parts of a money or count goal add up to less than its target";
    PartDueLate = "part-due-late", Error, "a part is due after its parent";
}

impl Code {
    pub fn from_name(name: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.name() == name)
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}
