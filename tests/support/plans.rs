//! The plans the tests run over: every `.plan` file of a folder of the
//! repository, in name order. Included with `#[path]` by the tests that walk
//! tests/cases and examples/.

use std::path::{Path, PathBuf};

/// The `.plan` files in `dir` (relative to the repository), sorted.
pub(crate) fn plans_in(dir: &str) -> Vec<PathBuf> {
    let mut plans: Vec<PathBuf> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(dir))
            .unwrap_or_else(|e| panic!("{dir}: {e}"))
            .map(|e| e.expect("a readable entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "plan"))
            .collect();
    plans.sort();
    plans
}
