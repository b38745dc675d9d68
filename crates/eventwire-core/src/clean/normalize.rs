//! Character-level normalisation: white space and invisible characters.

/// What normalisation does with one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Keep,
    /// Becomes (part of) a single space.
    Space,
    /// Invisible: control and format characters that carry nothing.
    Drop,
}

fn class(c: char) -> Class {
    match c {
        ' ' | '\t' | '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' => Class::Space,
        '\u{00}'..='\u{1F}' | '\u{7F}'..='\u{9F}' => Class::Drop,
        // No-break, typographic and ideographic spaces, line/paragraph separators.
        '\u{A0}'
        | '\u{1680}'
        | '\u{2000}'..='\u{200A}'
        | '\u{2028}'
        | '\u{2029}'
        | '\u{202F}'
        | '\u{205F}'
        | '\u{3000}' => Class::Space,
        // Soft hyphen, zero-width space, word joiner, byte-order mark. Zero-width
        // (non-)joiners and direction marks stay: scripts and emoji need them.
        '\u{AD}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}' => Class::Drop,
        _ => Class::Keep,
    }
}

/// Whether `c` survives normalisation as itself (not white space, not dropped).
pub(super) fn is_visible(c: char) -> bool {
    class(c) == Class::Keep
}

/// Append `raw` to `out` with white space collapsed to single spaces and
/// invisible characters dropped. `pending_space` carries a space owed from
/// earlier text; it is written only before the next visible character, so
/// the result never starts or ends with a space.
pub(super) fn push_normalized(out: &mut String, raw: &str, pending_space: &mut bool) {
    // Fast path for the common line: printable ASCII, single spaces inside.
    let trimmed = raw.trim_matches(' ');
    if trimmed.len() < raw.len() {
        *pending_space = true;
    }
    // Branch-free folds (no early exit) so that the compiler vectorises them.
    let bytes = trimmed.as_bytes();
    let printable = bytes
        .iter()
        .fold(true, |ok, &byte| ok & (byte.wrapping_sub(0x20) < 0x5F));
    let double_space = bytes
        .iter()
        .zip(bytes.iter().skip(1))
        .fold(false, |found, (&a, &b)| found | ((a == b' ') & (b == b' ')));
    let simple = printable && !double_space;
    if simple {
        if !trimmed.is_empty() {
            if *pending_space && !out.is_empty() {
                out.push(' ');
            }
            out.push_str(trimmed);
            *pending_space = trimmed.len() < raw.len() && raw.ends_with(' ');
        }
        return;
    }
    push_normalized_slow(out, raw, pending_space);
}

/// Character by character, for lines with other white space or characters.
fn push_normalized_slow(out: &mut String, raw: &str, pending_space: &mut bool) {
    let bytes = raw.as_bytes();
    let mut run_start = 0;
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        // Printable ASCII is the common case: extend the run of kept bytes.
        // A single space between visible characters stays inside the run.
        let printable = |byte: u8| (0x21..0x7F).contains(&byte);
        if printable(byte)
            || (byte == b' '
                && at > run_start
                && bytes.get(at + 1).is_some_and(|&next| printable(next)))
        {
            if at == run_start && *pending_space && !out.is_empty() {
                out.push(' ');
            }
            if at == run_start {
                *pending_space = false;
            }
            at += 1;
            continue;
        }
        let c = match raw[at..].chars().next() {
            Some(c) => c,
            None => break,
        };
        let width = c.len_utf8();
        match class(c) {
            Class::Keep => {
                if at == run_start && *pending_space && !out.is_empty() {
                    out.push(' ');
                }
                if at == run_start {
                    *pending_space = false;
                }
            }
            Class::Space | Class::Drop => {
                out.push_str(&raw[run_start..at]);
                if class(c) == Class::Space {
                    *pending_space = true;
                }
                run_start = at + width;
            }
        }
        at += width;
    }
    out.push_str(&raw[run_start..]);
}
