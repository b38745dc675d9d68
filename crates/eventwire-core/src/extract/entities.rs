//! HTML character references: `&amp;`, `&#8217;`, `&#x2014;` and the named
//! references that occur in news text. Unknown references stay as written.
//! Curly quotes and dashes are kept as the characters they name.

use memchr::memchr;

/// Named references, sorted by name for binary search.
const NAMED: &[(&str, char)] = &[
    ("AElig", 'Æ'),
    ("Aacute", 'Á'),
    ("Acirc", 'Â'),
    ("Agrave", 'À'),
    ("Aring", 'Å'),
    ("Atilde", 'Ã'),
    ("Auml", 'Ä'),
    ("Ccedil", 'Ç'),
    ("Dagger", '‡'),
    ("ETH", 'Ð'),
    ("Eacute", 'É'),
    ("Ecirc", 'Ê'),
    ("Egrave", 'È'),
    ("Euml", 'Ë'),
    ("Iacute", 'Í'),
    ("Icirc", 'Î'),
    ("Igrave", 'Ì'),
    ("Iuml", 'Ï'),
    ("Ntilde", 'Ñ'),
    ("OElig", 'Œ'),
    ("Oacute", 'Ó'),
    ("Ocirc", 'Ô'),
    ("Ograve", 'Ò'),
    ("Oslash", 'Ø'),
    ("Otilde", 'Õ'),
    ("Ouml", 'Ö'),
    ("Prime", '″'),
    ("Scaron", 'Š'),
    ("THORN", 'Þ'),
    ("Uacute", 'Ú'),
    ("Ucirc", 'Û'),
    ("Ugrave", 'Ù'),
    ("Uuml", 'Ü'),
    ("Yacute", 'Ý'),
    ("Yuml", 'Ÿ'),
    ("aacute", 'á'),
    ("acirc", 'â'),
    ("acute", '´'),
    ("aelig", 'æ'),
    ("agrave", 'à'),
    ("amp", '&'),
    ("apos", '\''),
    ("aring", 'å'),
    ("atilde", 'ã'),
    ("auml", 'ä'),
    ("bdquo", '„'),
    ("brvbar", '¦'),
    ("bull", '•'),
    ("ccedil", 'ç'),
    ("cedil", '¸'),
    ("cent", '¢'),
    ("circ", 'ˆ'),
    ("colon", ':'),
    ("comma", ','),
    ("copy", '©'),
    ("curren", '¤'),
    ("dagger", '†'),
    ("deg", '°'),
    ("divide", '÷'),
    ("dollar", '$'),
    ("eacute", 'é'),
    ("ecirc", 'ê'),
    ("egrave", 'è'),
    ("emsp", '\u{2003}'),
    ("ensp", '\u{2002}'),
    ("eth", 'ð'),
    ("euml", 'ë'),
    ("euro", '€'),
    ("frac12", '½'),
    ("frac14", '¼'),
    ("frac34", '¾'),
    ("gt", '>'),
    ("hellip", '…'),
    ("hyphen", '‐'),
    ("iacute", 'í'),
    ("icirc", 'î'),
    ("iexcl", '¡'),
    ("igrave", 'ì'),
    ("iquest", '¿'),
    ("iuml", 'ï'),
    ("laquo", '«'),
    ("ldquo", '“'),
    ("lrm", '\u{200E}'),
    ("lsaquo", '‹'),
    ("lsquo", '‘'),
    ("lt", '<'),
    ("macr", '¯'),
    ("mdash", '—'),
    ("micro", 'µ'),
    ("middot", '·'),
    ("minus", '−'),
    ("nbsp", '\u{A0}'),
    ("ndash", '–'),
    ("not", '¬'),
    ("ntilde", 'ñ'),
    ("num", '#'),
    ("oacute", 'ó'),
    ("ocirc", 'ô'),
    ("oelig", 'œ'),
    ("ograve", 'ò'),
    ("ordf", 'ª'),
    ("ordm", 'º'),
    ("oslash", 'ø'),
    ("otilde", 'õ'),
    ("ouml", 'ö'),
    ("para", '¶'),
    ("percnt", '%'),
    ("period", '.'),
    ("permil", '‰'),
    ("plusmn", '±'),
    ("pound", '£'),
    ("prime", '′'),
    ("quot", '"'),
    ("raquo", '»'),
    ("rdquo", '”'),
    ("reg", '®'),
    ("rlm", '\u{200F}'),
    ("rsaquo", '›'),
    ("rsquo", '’'),
    ("sbquo", '‚'),
    ("scaron", 'š'),
    ("sect", '§'),
    ("shy", '\u{AD}'),
    ("sup1", '¹'),
    ("sup2", '²'),
    ("sup3", '³'),
    ("szlig", 'ß'),
    ("thinsp", '\u{2009}'),
    ("thorn", 'þ'),
    ("tilde", '˜'),
    ("times", '×'),
    ("trade", '™'),
    ("uacute", 'ú'),
    ("ucirc", 'û'),
    ("ugrave", 'ù'),
    ("uml", '¨'),
    ("uuml", 'ü'),
    ("yacute", 'ý'),
    ("yen", '¥'),
    ("yuml", 'ÿ'),
    ("zwj", '\u{200D}'),
    ("zwnj", '\u{200C}'),
];

/// Names that browsers also accept without the closing `;`.
const LEGACY_WITHOUT_SEMICOLON: &[&str] = &["amp", "lt", "gt", "quot", "nbsp", "copy", "reg"];

/// Windows-1252 meanings of `&#128;`..`&#159;`, as browsers decode them.
const WINDOWS_1252: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// Append `text` to `out` with character references decoded.
pub fn decode_into(text: &str, out: &mut String) {
    let bytes = text.as_bytes();
    let mut copied = 0;
    let mut search = 0;
    while let Some(found) = memchr(b'&', &bytes[search..]) {
        let amp = search + found;
        search = amp + 1;
        if let Some((decoded, consumed)) = reference(&text[amp + 1..]) {
            out.push_str(&text[copied..amp]);
            out.push(decoded);
            copied = amp + 1 + consumed;
            search = copied;
        }
    }
    out.push_str(&text[copied..]);
}

/// Decode `text` into a new string.
pub fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    decode_into(text, &mut out);
    out
}

/// The character a reference right after `&` stands for, and how many
/// bytes of `rest` it used.
fn reference(rest: &str) -> Option<(char, usize)> {
    let bytes = rest.as_bytes();
    if bytes.first() == Some(&b'#') {
        let (digits_start, radix) = match bytes.get(1) {
            Some(b'x' | b'X') => (2, 16),
            _ => (1, 10),
        };
        let digits = bytes[digits_start..]
            .iter()
            .take_while(|b| b.is_ascii_hexdigit() && (radix == 16 || b.is_ascii_digit()))
            .count();
        if digits == 0 {
            return None;
        }
        let end = digits_start + digits;
        // Over-long numbers are clamped so parsing cannot overflow.
        let number = if digits > 8 {
            u32::MAX
        } else {
            u32::from_str_radix(&rest[digits_start..end], radix).ok()?
        };
        let consumed = if bytes.get(end) == Some(&b';') {
            end + 1
        } else {
            end
        };
        let decoded = match number {
            0 => '\u{FFFD}',
            128..=159 => WINDOWS_1252[(number - 128) as usize],
            _ => char::from_u32(number).unwrap_or('\u{FFFD}'),
        };
        return Some((decoded, consumed));
    }
    let name_len = bytes
        .iter()
        .take(12)
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    if name_len == 0 {
        return None;
    }
    let name = &rest[..name_len];
    let found = NAMED
        .binary_search_by(|(candidate, _)| candidate.cmp(&name))
        .ok()
        .map(|index| NAMED[index].1);
    match (found, bytes.get(name_len)) {
        (Some(decoded), Some(b';')) => Some((decoded, name_len + 1)),
        (Some(decoded), _) if LEGACY_WITHOUT_SEMICOLON.contains(&name) => Some((decoded, name_len)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_for_binary_search() {
        assert!(NAMED.windows(2).all(|pair| pair[0].0 < pair[1].0));
    }

    #[test]
    fn decodes_named_and_numeric_references() {
        assert_eq!(decode("Tom &amp; Jerry&rsquo;s"), "Tom & Jerry’s");
        assert_eq!(decode("&#8220;hi&#x201D; &#150; &mdash;"), "“hi” – —");
        assert_eq!(decode("a&nbsp;b"), "a\u{A0}b");
        assert_eq!(
            decode("AT&T &unknown; &amp &#; &#xZZ; &"),
            "AT&T &unknown; & &#; &#xZZ; &"
        );
        assert_eq!(decode("&#99999999999;&#0;"), "\u{FFFD}\u{FFFD}");
    }

    #[test]
    fn curly_quotes_are_not_straightened() {
        assert_eq!(decode("‘quoted’ – “text”"), "‘quoted’ – “text”");
    }
}
