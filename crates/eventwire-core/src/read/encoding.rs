//! Character encodings: UTF-8 (with or without BOM), UTF-16 with BOM, the
//! charset an HTML page declares, and legacy single-byte text
//! (Windows-1252, a superset of ISO-8859-1's printable range) detected when
//! the bytes are not UTF-8. Binary data is refused.

use super::ReadError;
use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// Text decoded from bytes, with notes about how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub warnings: Vec<String>,
}

/// How many leading bytes are inspected to tell binary data from text.
const BINARY_PROBE: usize = 8192;

/// Decode a file's bytes to text. `is_html` lets a `<meta charset>`
/// declaration decide the encoding of bytes that are not UTF-8.
pub fn decode_text(bytes: &[u8], is_html: bool) -> Result<Decoded, ReadError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        let mut warnings = Vec::new();
        if had_errors {
            warnings.push(format!(
                "invalid {} sequences replaced with U+FFFD",
                encoding.name()
            ));
        }
        return Ok(Decoded {
            text: text.into_owned(),
            warnings,
        });
    }
    if looks_binary(bytes) {
        return Err(ReadError::new("binary data, not text"));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text: text.to_string(),
            warnings: Vec::new(),
        }),
        Err(_) => Ok(decode_legacy(bytes, is_html)),
    }
}

/// Bytes that are not valid UTF-8: mostly-UTF-8 text with a few stray bytes
/// stays UTF-8 (the stray bytes replaced); otherwise the declared HTML
/// charset, else Windows-1252.
fn decode_legacy(bytes: &[u8], is_html: bool) -> Decoded {
    let (valid_multibyte, invalid) = utf8_census(bytes);
    if valid_multibyte > invalid {
        let (text, _) = UTF_8.decode_without_bom_handling(bytes);
        return Decoded {
            text: text.into_owned(),
            warnings: vec![format!(
                "{invalid} invalid UTF-8 sequences replaced with U+FFFD"
            )],
        };
    }
    let encoding = is_html
        .then(|| declared_html_charset(bytes))
        .flatten()
        .filter(|encoding| *encoding != UTF_8)
        .unwrap_or(WINDOWS_1252);
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        warnings: vec![format!("not valid UTF-8; decoded as {}", encoding.name())],
    }
}

/// Counts of well-formed multi-byte UTF-8 characters and of invalid sequences.
fn utf8_census(mut bytes: &[u8]) -> (usize, usize) {
    let (mut valid_multibyte, mut invalid) = (0, 0);
    loop {
        match std::str::from_utf8(bytes) {
            Ok(rest) => {
                valid_multibyte += rest.chars().filter(|c| !c.is_ascii()).count();
                return (valid_multibyte, invalid);
            }
            Err(error) => {
                let (good, bad) = bytes.split_at(error.valid_up_to());
                valid_multibyte += std::str::from_utf8(good)
                    .map(|s| s.chars().filter(|c| !c.is_ascii()).count())
                    .unwrap_or(0);
                invalid += 1;
                let skip = error.error_len().unwrap_or(bad.len()).max(1);
                bytes = &bad[skip.min(bad.len())..];
                if bytes.is_empty() {
                    return (valid_multibyte, invalid);
                }
            }
        }
    }
}

/// Text has no NUL bytes and few control characters; binary formats
/// (images, PDFs, executables, archives) have many.
fn looks_binary(bytes: &[u8]) -> bool {
    let probe = &bytes[..bytes.len().min(BINARY_PROBE)];
    if probe.contains(&0) {
        return true;
    }
    let controls = probe
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
        .count();
    controls * 100 > probe.len()
}

/// The charset an HTML page declares in its first bytes
/// (`<meta charset="…">` or `content="text/html; charset=…"`).
pub(crate) fn declared_html_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower = head.to_ascii_lowercase();
    let at = memchr::memmem::find(&lower, b"charset=")? + b"charset=".len();
    let rest = &head[at..];
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|b| {
            matches!(
                b,
                b'"' | b'\'' | b';' | b'>' | b'/' | b' ' | b'\t' | b'\r' | b'\n'
            )
        })
        .unwrap_or(rest.len());
    Encoding::for_label(&rest[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_through() {
        let decoded = decode_text("Mi’raj – “quoted”".as_bytes(), false).unwrap();
        assert_eq!(decoded.text, "Mi’raj – “quoted”");
        assert!(decoded.warnings.is_empty());
    }

    #[test]
    fn windows_1252_is_detected_and_decoded() {
        // "café – “x”" in Windows-1252.
        let bytes = b"caf\xe9 \x96 \x93x\x94";
        let decoded = decode_text(bytes, false).unwrap();
        assert_eq!(decoded.text, "café – “x”");
        assert_eq!(
            decoded.warnings,
            vec!["not valid UTF-8; decoded as windows-1252".to_string()]
        );
    }

    #[test]
    fn html_declared_charset_wins_over_the_default() {
        let bytes = b"<html><head><meta charset=\"iso-8859-7\"></head><body>\xe1\xe2</body></html>";
        let decoded = decode_text(bytes, true).unwrap();
        assert!(decoded.text.contains("αβ"), "{}", decoded.text);
    }

    #[test]
    fn mostly_utf8_with_a_stray_byte_stays_utf8() {
        let bytes = "naïve “text” é"
            .as_bytes()
            .iter()
            .copied()
            .chain([0xff])
            .collect::<Vec<_>>();
        let decoded = decode_text(&bytes, false).unwrap();
        assert!(decoded.text.starts_with("naïve “text” é"));
        assert_eq!(decoded.warnings.len(), 1);
    }

    #[test]
    fn utf16_with_bom() {
        let bytes = [0xff, 0xfe, b'h', 0, b'i', 0];
        assert_eq!(decode_text(&bytes, false).unwrap().text, "hi");
    }

    #[test]
    fn binary_is_refused() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0";
        assert_eq!(
            decode_text(png, false).unwrap_err().message,
            "binary data, not text"
        );
    }
}
