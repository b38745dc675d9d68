//! XML character references, shared by the gold-set readers (TimeML,
//! geoparsing corpora).

/// Append `raw` to `out` with the five named XML entities and numeric
/// character references decoded; an `&` that starts no known reference stays
/// as it is.
pub fn decode_entities(raw: &str, out: &mut String) {
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let decoded = after
            .find(';')
            .filter(|&semi| semi <= 10)
            .and_then(|semi| entity(&after[..semi]).map(|c| (c, semi)));
        match decoded {
            Some((c, semi)) => {
                out.push(c);
                rest = &after[semi + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
}

/// `text` with its character references decoded (see [`decode_entities`]).
pub fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    decode_entities(text, &mut out);
    out
}

fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::unescape;

    #[test]
    fn named_and_numeric_references() {
        assert_eq!(unescape("AT&amp;T &lt;b&gt; &#233;t&#xE9;"), "AT&T <b> été");
        assert_eq!(unescape("a & b &unknown; &#xZZ;"), "a & b &unknown; &#xZZ;");
    }
}
