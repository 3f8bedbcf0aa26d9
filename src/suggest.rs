//! "Did you mean …?": the closest name by edit distance, over characters, so
//! Chinese names work as well as English ones.

/// The candidate closest to `word`, if it is close enough to be a likely typo.
pub fn closest<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let word: Vec<char> = word.chars().collect();
    let limit = (word.len() / 3).max(1);
    let mut best: Option<(usize, &'a str)> = None;
    let mut row = Vec::new();
    let mut other = Vec::new();
    for candidate in candidates {
        let cand: Vec<char> = candidate.chars().collect();
        // The length difference bounds the distance from below: skip early.
        let bound = best.map_or(limit, |(d, _)| d.min(limit));
        if cand.len().abs_diff(word.len()) > bound {
            continue;
        }
        let distance = distance(&word, &cand, &mut row, &mut other);
        if distance <= limit && best.is_none_or(|(d, b)| (distance, candidate) < (d, b)) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// Levenshtein distance, case-insensitive for ASCII letters.
fn distance(a: &[char], b: &[char], row: &mut Vec<usize>, next: &mut Vec<usize>) -> usize {
    row.clear();
    row.extend(0..=b.len());
    for (i, &ca) in a.iter().enumerate() {
        next.clear();
        next.push(i + 1);
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(!ca.eq_ignore_ascii_case(&cb));
            next.push((row[j] + cost).min(row[j + 1] + 1).min(next[j] + 1));
        }
        std::mem::swap(row, next);
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn finds_typos_in_english_and_chinese() {
        assert_eq!(closest("fision", ["fission", "hit"]), Some("fission"));
        assert_eq!(closest("营收目", ["营收目标", "利润"]), Some("营收目标"));
        assert_eq!(closest("zzz", ["fission", "hit"]), None);
    }

    #[test]
    fn prefers_the_nearest_then_the_first_alphabetically_whatever_the_order() {
        assert_eq!(closest("hitt", ["hot", "hit"]), Some("hit"));
        assert_eq!(closest("hitt", ["hit", "hits", "hint"]), Some("hint"));
        assert_eq!(closest("hitt", ["hint", "hits", "hit"]), Some("hint"));
    }
}
