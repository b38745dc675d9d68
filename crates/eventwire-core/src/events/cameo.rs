//! The CAMEO event codes: names, Goldstein weights, QuadClass, and their
//! PLOVER type and mode.

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
}

/// The entry of a CAMEO code ("041", "0233", "1711"); `None` if unknown.
pub fn describe(code: &str) -> Option<CameoInfo> {
    let _ = code;
    None
}
