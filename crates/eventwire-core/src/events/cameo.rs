//! The CAMEO event codes: names, Goldstein weights, QuadClass, and their
//! PLOVER type and mode.
//!
//! The table (`models/cameo.tsv`, written by `eventwire train verbs`) joins
//! the CAMEO 1.1b3 codebook (names, Goldstein weights) with the 2021
//! CAMEO→PLOVER conversion table (PLOVER event type, mode, context). CAMEO
//! 2.0 codes the codebook lacks take their parent code's values. It is
//! parsed once, on first use, into a read-only table.

use std::sync::OnceLock;

/// The compiled table: `code, name, goldstein, quad_class, plover, mode,
/// context`, tab-separated, sorted by code; `#` starts a comment line.
pub const TABLE: &str = include_str!("../../models/cameo.tsv");

/// What one CAMEO code means.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CameoInfo {
    pub code: &'static str,
    /// "Discuss by telephone"
    pub name: &'static str,
    pub goldstein: f32,
    /// 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    pub quad_class: u8,
    pub plover: Option<&'static str>,
    pub mode: Option<&'static str>,
    /// PLOVER context ("diplomatic", "military"), when the conversion table gives one.
    pub context: Option<&'static str>,
}

/// QuadClass of a code from its two-digit root: 01–05 verbal cooperation,
/// 06–08 material cooperation, 09–13 verbal conflict, 14–20 material conflict.
pub fn quad_class(code: &str) -> Option<u8> {
    let root: u8 = code.get(..2)?.parse().ok()?;
    match root {
        1..=5 => Some(1),
        6..=8 => Some(2),
        9..=13 => Some(3),
        14..=20 => Some(4),
        _ => None,
    }
}

fn table() -> &'static [CameoInfo] {
    static ROWS: OnceLock<Vec<CameoInfo>> = OnceLock::new();
    ROWS.get_or_init(|| rows(TABLE))
}

/// Rows of a table in the [`TABLE`] layout; unreadable rows are skipped.
fn rows(text: &'static str) -> Vec<CameoInfo> {
    let optional = |s: &'static str| {
        let s = s.trim();
        (!s.is_empty()).then_some(s)
    };
    let mut out: Vec<CameoInfo> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|line| {
            let mut f = line.split('\t');
            let code = f.next()?.trim();
            let name = f.next()?.trim();
            let goldstein = f.next()?.trim().parse().ok()?;
            let quad_class = f.next()?.trim().parse().ok()?;
            Some(CameoInfo {
                code,
                name,
                goldstein,
                quad_class,
                plover: f.next().and_then(optional),
                mode: f.next().and_then(optional),
                context: f.next().and_then(optional),
            })
        })
        .filter(|c| !c.code.is_empty() && c.code.bytes().all(|b| b.is_ascii_digit()))
        .collect();
    out.sort_by(|a, b| a.code.cmp(b.code));
    out.dedup_by(|a, b| a.code == b.code);
    out
}

/// Every code in the table, sorted by code.
pub fn all() -> &'static [CameoInfo] {
    table()
}

/// The entry of a CAMEO code ("041", "0233", "1711"); `None` if unknown.
/// A code the table lacks but whose parent it has ("1952" → "195") gets
/// the parent's entry, so `code` then names the parent.
pub fn describe(code: &str) -> Option<CameoInfo> {
    let code = code.trim();
    if !(2..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let rows = table();
    let mut prefix = code;
    while prefix.len() >= 2 {
        if let Ok(i) = rows.binary_search_by(|r| r.code.cmp(prefix)) {
            return rows.get(i).copied();
        }
        prefix = &prefix[..prefix.len() - 1];
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_codes_have_names_weights_and_plover() {
        let c = describe("041").expect("041");
        assert_eq!(c.name, "Discuss by telephone");
        assert_eq!(c.goldstein, 1.0);
        assert_eq!(c.quad_class, 1);
        assert_eq!(c.plover, Some("CONSULT"));
        assert_eq!(c.mode, Some("phone"));
        let c = describe("195").expect("195");
        assert_eq!(c.quad_class, 4);
        assert_eq!(c.plover, Some("ASSAULT"));
        assert!(c.goldstein <= -9.0);
        let c = describe("0331").expect("0331");
        assert_eq!(c.quad_class, 1);
        assert_eq!(c.context, Some("economic"));
    }

    #[test]
    fn every_level_and_quad_class_is_covered() {
        let rows = all();
        assert!(rows.len() > 300, "{} rows", rows.len());
        for root in 1..=20 {
            let code = format!("{root:02}");
            let c = describe(&code).unwrap_or_else(|| panic!("root {code}"));
            assert_eq!(Some(c.quad_class), quad_class(&code));
        }
        for row in rows {
            assert_eq!(Some(row.quad_class), quad_class(row.code), "{}", row.code);
            assert!((-10.0..=10.0).contains(&row.goldstein), "{}", row.code);
        }
        assert_eq!(quad_class("09"), Some(3));
        assert_eq!(quad_class("145"), Some(4));
        assert_eq!(quad_class("0874"), Some(2));
    }

    #[test]
    fn cameo_2_codes_fall_back_to_their_parent() {
        // 1952 is a CAMEO 2.0 code the 1.1b3 codebook lacks.
        let c = describe("1952").expect("1952");
        assert!(c.code == "1952" || c.code == "195", "{}", c.code);
        assert_eq!(c.plover, Some("ASSAULT"));
        assert_eq!(describe("---"), None);
        assert_eq!(describe("21"), None);
        assert_eq!(describe("075A"), None);
        assert_eq!(describe(""), None);
        assert_eq!(describe("é1"), None);
    }
}
