//! Exact amounts. Money is never binary floating point: every amount is an
//! integer count of millionths, so `¥0.1万 + ¥0.2万` is exactly `¥0.3万`.

use serde::Serialize;
use std::fmt;

/// Millionths per unit.
pub const SCALE: i128 = 1_000_000;
/// The largest magnitude a literal may have, in units: 10^18 (百亿亿).
const MAX_UNITS: i128 = 1_000_000_000_000_000_000;

/// An exact amount, in millionths of a unit.
///
/// Aligned to 8 bytes, not an `i128`'s 16: every quantity in the model
/// holds one, and the stricter alignment padded each quantity, and each
/// item holding one, by up to 15 bytes (docs/performance.md).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[repr(C, packed(8))]
pub struct Amount(pub i128);

impl Amount {
    pub const ZERO: Amount = Amount(0);

    pub fn units(n: i64) -> Amount {
        Amount(n as i128 * SCALE)
    }

    /// Saturating sum; literals are bounded so that real plans never saturate.
    #[must_use]
    pub fn plus(self, other: Amount) -> Amount {
        Amount(self.0.saturating_add(other.0))
    }

    pub fn minus(self, other: Amount) -> Amount {
        Amount(self.0.saturating_sub(other.0))
    }

    pub fn negated(self) -> Amount {
        Amount(-self.0)
    }

    pub fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// The exact value as a decimal string: `1300.5`, `-3`.
    pub fn to_decimal(self) -> String {
        decimal(self.0, SCALE)
    }

    /// As a number for JSON: an integer when whole, else a float that is
    /// exact for the six decimal places planc keeps.
    pub fn to_json(self) -> serde_json::Value {
        if self.0 % SCALE == 0 {
            if let Ok(n) = i64::try_from(self.0 / SCALE) {
                return serde_json::Value::from(n);
            }
        }
        serde_json::from_str(&self.to_decimal()).unwrap_or(serde_json::Value::Null)
    }
}

/// `value / divisor` as a decimal string, trailing zeros trimmed.
fn decimal(value: i128, divisor: i128) -> String {
    let sign = if value < 0 { "-" } else { "" };
    let v = value.unsigned_abs();
    let d = divisor as u128;
    let whole = v / d;
    let mut frac = v % d;
    if frac == 0 {
        return format!("{sign}{whole}");
    }
    let mut digits = String::new();
    let mut unit = d;
    while frac > 0 && unit > 1 {
        unit /= 10;
        digits.push(char::from(b'0' + (frac / unit) as u8));
        frac %= unit;
    }
    format!("{sign}{whole}.{}", digits.trim_end_matches('0'))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Currency {
    #[serde(rename = "CNY")]
    Cny,
    #[serde(rename = "USD")]
    Usd,
    #[serde(rename = "EUR")]
    Eur,
    #[serde(rename = "GBP")]
    Gbp,
}

impl Currency {
    /// `¥` and the full-width `￥` Chinese keyboards type are the same currency.
    pub fn from_sign(sign: &str) -> Option<Currency> {
        Some(match sign {
            "¥" | "￥" => Currency::Cny,
            "$" => Currency::Usd,
            "€" => Currency::Eur,
            "£" => Currency::Gbp,
            _ => return None,
        })
    }

    pub fn sign(self) -> &'static str {
        match self {
            Currency::Cny => "¥",
            Currency::Usd => "$",
            Currency::Eur => "€",
            Currency::Gbp => "£",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Currency::Cny => "CNY",
            Currency::Usd => "USD",
            Currency::Eur => "EUR",
            Currency::Gbp => "GBP",
        }
    }
}

/// What a quantity measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Unit {
    Money(Currency),
    Count,
    Percent,
}

impl Unit {
    pub fn kind(self) -> UnitKind {
        match self {
            Unit::Money(_) => UnitKind::Money,
            Unit::Count => UnitKind::Count,
            Unit::Percent => UnitKind::Percent,
        }
    }
}

/// A metric's unit: money (in the plan's one currency), count or percent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum UnitKind {
    Money,
    Count,
    Percent,
}

impl UnitKind {
    pub fn from_word(word: &str) -> Option<UnitKind> {
        Some(match word {
            "money" => UnitKind::Money,
            "count" => UnitKind::Count,
            "percent" => UnitKind::Percent,
            _ => return None,
        })
    }

    pub fn word(self) -> &'static str {
        match self {
            UnitKind::Money => "money",
            UnitKind::Count => "count",
            UnitKind::Percent => "percent",
        }
    }

    /// "a money amount like ¥2000万": for help lines.
    pub fn example(self) -> &'static str {
        match self {
            UnitKind::Money => "a money amount like ¥2000万 or $1.5M",
            UnitKind::Count => "a bare count like 5000",
            UnitKind::Percent => "a percent like 40%",
        }
    }
}

/// A number's scale suffix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scale {
    K,
    M,
    Wan,
    Yi,
}

impl Scale {
    fn from_char(c: char) -> Option<Scale> {
        Some(match c {
            'k' => Scale::K,
            'M' => Scale::M,
            '万' => Scale::Wan,
            '亿' => Scale::Yi,
            _ => return None,
        })
    }

    pub fn exponent(self) -> u32 {
        match self {
            Scale::K => 3,
            Scale::M => 6,
            Scale::Wan => 4,
            Scale::Yi => 8,
        }
    }

    fn suffix(self) -> char {
        match self {
            Scale::K => 'k',
            Scale::M => 'M',
            Scale::Wan => '万',
            Scale::Yi => '亿',
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NumberError {
    Underscores,
    TooPrecise,
    TooLarge,
}

impl NumberError {
    pub fn message(&self, text: &str) -> String {
        match self {
            NumberError::Underscores => format!("`{text}` is not a well-formed number"),
            NumberError::TooPrecise => format!("`{text}` has more decimal places than planc keeps"),
            NumberError::TooLarge => format!("`{text}` is larger than any plan needs"),
        }
    }

    pub fn help(&self) -> &'static str {
        match self {
            NumberError::Underscores => {
                "Use `_` only between digits to group them, like 5_000 or 1_200.5."
            }
            NumberError::TooPrecise => {
                "planc keeps amounts to six decimal places of their unit; round the number."
            }
            NumberError::TooLarge => {
                "Amounts are limited to 10^18; check the number and its scale (k, M, 万, 亿)."
            }
        }
    }
}

/// A parsed number: its exact value and the scale it was written with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Number {
    pub amount: Amount,
    pub scale: Option<Scale>,
}

/// Parse `5_000`, `1.5`, `2000万`, `$`-less and sign-less.
pub fn parse_number(text: &str) -> Result<Number, NumberError> {
    let (body, scale) = match text.chars().last().and_then(Scale::from_char) {
        Some(scale) => (&text[..text.len() - scale.suffix().len_utf8()], Some(scale)),
        None => (text, None),
    };
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    for group in [int, frac] {
        if !group.is_empty()
            && (group.starts_with('_') || group.ends_with('_') || group.contains("__"))
        {
            return Err(NumberError::Underscores);
        }
    }
    let digits: String = int
        .chars()
        .chain(frac.chars())
        .filter(|&c| c != '_')
        .collect();
    let frac_len = frac.chars().filter(|&c| c != '_').count() as i32;
    let exponent = 6 + scale.map_or(0, |s| s.exponent() as i32) - frac_len;
    let trimmed = digits.trim_start_matches('0');
    if trimmed.len() > 36 {
        return Err(NumberError::TooLarge);
    }
    let mut value: i128 = if trimmed.is_empty() {
        0
    } else {
        trimmed.parse().map_err(|_| NumberError::TooLarge)?
    };
    if exponent >= 0 {
        value = value
            .checked_mul(10i128.pow(exponent as u32))
            .ok_or(NumberError::TooLarge)?;
    } else {
        let divisor = 10i128
            .checked_pow((-exponent) as u32)
            .ok_or(NumberError::TooPrecise)?;
        if value % divisor != 0 {
            return Err(NumberError::TooPrecise);
        }
        value /= divisor;
    }
    if value > MAX_UNITS * SCALE {
        return Err(NumberError::TooLarge);
    }
    Ok(Number {
        amount: Amount(value),
        scale,
    })
}

/// How to show computed amounts the way the user writes them: the currency
/// sign and the scale of the quantity they relate to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Style {
    pub unit: Unit,
    pub scale: Option<Scale>,
}

impl Style {
    pub fn format(self, amount: Amount) -> String {
        self.format_signed(amount, false)
    }

    /// With `signed`, positive amounts get a `+` (changes, not levels).
    /// Amounts are written as a person writes them: in the plan's own scale
    /// where it fits (`¥1300万`), in the next one down where the amount is
    /// smaller than one of it (`¥1000万`, not `¥0.1亿`; `$50k`, not
    /// `$0.05M`), in the next one up where that is a round number
    /// (`¥1.2亿`, not `¥12000万`); and zero is plainly `¥0`, never `+¥0万`.
    pub fn format_signed(self, amount: Amount, signed: bool) -> String {
        let sign = if amount.0 < 0 {
            "-"
        } else if signed && amount.0 > 0 {
            "+"
        } else {
            ""
        };
        let scale = if amount.is_zero() {
            None
        } else {
            natural_scale(self.scale, amount)
        };
        let magnitude = amount.0.unsigned_abs() as i128;
        let divisor = SCALE * 10i128.pow(scale.map_or(0, |s| s.exponent()));
        let mut number = decimal(magnitude, divisor);
        if let Some(scale) = scale {
            number.push(scale.suffix());
        }
        match self.unit {
            Unit::Money(c) => format!("{sign}{}{number}", c.sign()),
            Unit::Percent => format!("{sign}{number}%"),
            Unit::Count => format!("{sign}{number}"),
        }
    }
}

/// The scale to write a non-zero amount in, given the one the plan used
/// for what it relates to. Chinese scales step 万 → 亿, Western ones k → M;
/// an amount written without a scale stays without one.
fn natural_scale(preferred: Option<Scale>, amount: Amount) -> Option<Scale> {
    let preferred = preferred?;
    let (smaller, larger) = match preferred {
        Scale::K => (None, Some(Scale::M)),
        Scale::M => (Some(Scale::K), None),
        Scale::Wan => (None, Some(Scale::Yi)),
        Scale::Yi => (Some(Scale::Wan), None),
    };
    let magnitude = amount.0.unsigned_abs();
    let unit_of = |s: Scale| (SCALE as u128) * 10u128.pow(s.exponent());
    // Up, when the amount is a round number of the larger scale (at most
    // two decimals): ¥12000万 is ¥1.2亿, $1500k is $1.5M.
    if let Some(up) = larger {
        let one = unit_of(up);
        if magnitude >= one && magnitude % (one / 100) == 0 {
            return Some(up);
        }
    }
    if magnitude >= unit_of(preferred) {
        return Some(preferred);
    }
    // Down, when less than one of the plan's scale: ¥0.1亿 is ¥1000万.
    match smaller {
        Some(down) if magnitude >= unit_of(down) => Some(down),
        _ => None,
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_decimal())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(text: &str) -> Amount {
        parse_number(text).unwrap().amount
    }

    #[test]
    fn scales_and_groups() {
        assert_eq!(n("2000万"), Amount::units(20_000_000));
        assert_eq!(n("5_000"), Amount::units(5000));
        assert_eq!(n("1.5M"), Amount::units(1_500_000));
        assert_eq!(n("300k"), Amount::units(300_000));
        assert_eq!(n("1亿"), Amount::units(100_000_000));
        assert_eq!(n("12.5"), Amount(12_500_000));
    }

    #[test]
    fn decimals_add_exactly() {
        assert_eq!(n("0.1万").plus(n("0.2万")), n("0.3万"));
    }

    #[test]
    fn malformed_numbers_are_refused() {
        assert_eq!(parse_number("5__000"), Err(NumberError::Underscores));
        assert_eq!(parse_number("5_"), Err(NumberError::Underscores));
        assert_eq!(parse_number("0.0000001"), Err(NumberError::TooPrecise));
        assert_eq!(
            parse_number("99999999999999999999999999999999999999999"),
            Err(NumberError::TooLarge)
        );
        assert_eq!(
            parse_number("2000000000000000000"),
            Err(NumberError::TooLarge)
        );
    }

    #[test]
    fn formats_in_the_users_terms() {
        let wan = Style {
            unit: Unit::Money(Currency::Cny),
            scale: Some(Scale::Wan),
        };
        assert_eq!(wan.format(n("1300万")), "¥1300万");
        assert_eq!(wan.format(n("1300.5万")), "¥1300.5万");
        assert_eq!(wan.format_signed(n("500万"), true), "+¥500万");
        let plain = Style {
            unit: Unit::Count,
            scale: None,
        };
        assert_eq!(plain.format(Amount::units(-3)), "-3");
    }

    fn style(unit: Unit, scale: Scale) -> Style {
        Style {
            unit,
            scale: Some(scale),
        }
    }

    #[test]
    fn smaller_than_the_plans_scale_steps_down() {
        let yi = style(Unit::Money(Currency::Cny), Scale::Yi);
        assert_eq!(yi.format(n("1000万")), "¥1000万");
        assert_eq!(yi.format(n("1.5亿")), "¥1.5亿");
        assert_eq!(yi.format(n("5000")), "¥5000");
        let m = style(Unit::Money(Currency::Usd), Scale::M);
        assert_eq!(m.format(n("50k")), "$50k");
        assert_eq!(m.format(n("2.5M")), "$2.5M");
        assert_eq!(m.format(n("800")), "$800");
        assert_eq!(m.format_signed(n("50k").negated(), true), "-$50k");
        let wan = style(Unit::Money(Currency::Cny), Scale::Wan);
        assert_eq!(wan.format(n("5000")), "¥5000");
        assert_eq!(wan.format(n("1.5万")), "¥1.5万");
    }

    #[test]
    fn round_amounts_past_the_next_scale_step_up() {
        let wan = style(Unit::Money(Currency::Cny), Scale::Wan);
        assert_eq!(wan.format(n("12000万")), "¥1.2亿");
        assert_eq!(wan.format(n("12345万")), "¥12345万");
        assert_eq!(wan.format(n("9999万")), "¥9999万");
        let k = style(Unit::Money(Currency::Usd), Scale::K);
        assert_eq!(k.format(n("1500k")), "$1.5M");
        assert_eq!(k.format(n("1234.5k")), "$1234.5k");
        let count = style(Unit::Count, Scale::K);
        assert_eq!(count.format(n("20k")), "20k");
    }

    #[test]
    fn zero_is_plain() {
        let wan = style(Unit::Money(Currency::Cny), Scale::Wan);
        assert_eq!(wan.format_signed(Amount::ZERO, true), "¥0");
        assert_eq!(wan.format(Amount::ZERO), "¥0");
        let pct = Style {
            unit: Unit::Percent,
            scale: None,
        };
        assert_eq!(pct.format_signed(Amount::ZERO, true), "0%");
        assert_eq!(pct.format_signed(n("5"), true), "+5%");
    }
}
