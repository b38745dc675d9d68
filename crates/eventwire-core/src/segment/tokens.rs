//! Tokenizer following UD English EWT conventions.
//!
//! The text is cut at whitespace into chunks; each chunk is scanned once from
//! left to right into word pieces and punctuation. Work is on bytes with an
//! ASCII fast path; non-ASCII chars are decoded only where they occur. Every
//! look-ahead is bounded or remembered, so the whole pass is linear.

use super::lexicon::{abbreviation_kind, fused_split, is_hyphen_prefix, AbbrevKind};
use crate::document::Span;

/// Token spans of `text`, as byte ranges on char boundaries.
pub fn tokenize(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b <= b' ' || b == 0x7f {
            i += 1;
            continue;
        }
        if b >= 0x80 {
            let (c, n) = decode(text, i);
            if is_separator(c) {
                i += n;
                continue;
            }
        }
        // Find the chunk end; note whether it is one plain ASCII word and whether it holds an '@'.
        let mut end = i;
        let mut plain = true;
        let mut has_at = false;
        while end < bytes.len() {
            let b = bytes[end];
            if IS_ASCII_ALNUM[usize::from(b)] {
                end += 1;
            } else if b > b' ' && b < 0x7f {
                plain = false;
                has_at |= b == b'@';
                end += 1;
            } else if b >= 0x80 {
                let (c, n) = decode(text, end);
                if is_separator(c) {
                    break;
                }
                plain = false;
                end += n;
            } else {
                break;
            }
        }
        if plain {
            emit_plain_word(bytes, i, end, &mut out);
        } else {
            Chunk {
                text,
                bytes,
                start: i,
                end,
                no_email_before: if has_at { i } else { end },
            }
            .scan(&mut out);
        }
        i = end;
    }
    out
}

/// `u8::is_ascii_alphanumeric` as a table: one load instead of three range checks in the hot loops.
static IS_ASCII_ALNUM: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// The char at byte `i` and its length; `i` must be a char boundary (a
/// replacement char of length 1 otherwise, so callers always progress).
#[inline]
pub(crate) fn decode(text: &str, i: usize) -> (char, usize) {
    match text.as_bytes().get(i) {
        Some(&b) if b < 0x80 => (b as char, 1),
        Some(_) => match text.get(i..).and_then(|rest| rest.chars().next()) {
            Some(c) => (c, c.len_utf8()),
            None => ('\u{FFFD}', 1),
        },
        None => ('\0', 0),
    }
}

/// The char ending at byte `i`, if any.
#[inline]
pub(crate) fn decode_before(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i.wrapping_sub(1)) {
        Some(&b) if b < 0x80 => Some(b as char),
        Some(_) => text.get(..i).and_then(|head| head.chars().next_back()),
        None => None,
    }
}

/// Whitespace, controls and invisible separators: never part of a token.
#[inline]
pub(crate) fn is_separator(c: char) -> bool {
    if c.is_ascii() {
        return c <= ' ' || c == '\x7f';
    }
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
}

/// Letters, digits, and the underscore (user names, file names).
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        c.is_alphanumeric() || is_joiner(c)
    }
}

/// Chars that attach to the char before them: combining marks, joiners,
/// variation selectors, emoji skin tones and tags.
#[inline]
fn is_joiner(c: char) -> bool {
    !c.is_ascii()
        && (matches!(c, '\u{200C}' | '\u{200D}' | '\u{FE00}'..='\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}' | '\u{E0020}'..='\u{E007F}')
            || unicode_normalization::char::is_combining_mark(c))
}

#[inline]
fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Chars that end a sentence and form one token when repeated ("?!", "...").
#[inline]
pub(crate) fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '.' | '?' | '!' | '\u{2026}' | '\u{203C}' | '\u{2047}' | '\u{2048}' | '\u{2049}'
    )
}

/// ASCII symbols whose runs form one token ("--", "***", "==>", "''").
#[inline]
fn groups_in_runs(c: char) -> bool {
    matches!(
        c,
        '-' | '=' | '*' | '~' | '_' | '#' | '+' | '|' | '<' | '>' | '\'' | '`' | '^'
    ) || matches!(c, '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2500}')
}

/// One whitespace-free run of text being cut into tokens.
struct Chunk<'t> {
    text: &'t str,
    bytes: &'t [u8],
    start: usize,
    end: usize,
    /// No e-mail address starts before this offset (found by an earlier failed look-ahead).
    no_email_before: usize,
}

impl<'t> Chunk<'t> {
    fn byte(&self, i: usize) -> u8 {
        if i < self.end {
            self.bytes[i]
        } else {
            0
        }
    }

    /// The char at `i` inside the chunk, or NUL past its end.
    fn char_at(&self, i: usize) -> char {
        if i < self.end {
            decode(self.text, i).0
        } else {
            '\0'
        }
    }

    fn scan(&mut self, out: &mut Vec<Span>) {
        let mut i = self.start;
        while i < self.end {
            let (c, n) = decode(self.text, i);
            let starts_word = is_word_char(c)
                || (is_apostrophe(c) && self.byte(i + 1).is_ascii_digit() && !self.word_before(i));
            i = if starts_word {
                self.word(i, out)
            } else {
                self.punct(i, c, n, out)
            };
        }
    }

    fn word_before(&self, i: usize) -> bool {
        i > self.start && decode_before(self.text, i).is_some_and(is_word_char)
    }

    /// Scan the word piece starting at `start`, emit it and return where it ends.
    fn word(&mut self, start: usize, out: &mut Vec<Span>) -> usize {
        if let Some(end) = self.url_at(start) {
            out.push(Span::new(start, end));
            return end;
        }
        if start >= self.no_email_before {
            if let Some(end) = self.email_at(start) {
                out.push(Span::new(start, end));
                return end;
            }
        }
        let mut j = start;
        // Start of the part after the last hyphen kept inside the word.
        let mut segment_start = start;
        let mut all_digits_and_hyphens = true;
        while j < self.end {
            let b = self.bytes[j];
            if IS_ASCII_ALNUM[usize::from(b)] {
                all_digits_and_hyphens &= b.is_ascii_digit();
                j += 1;
                continue;
            }
            let (c, n) = decode(self.text, j);
            if is_word_char(c) {
                all_digits_and_hyphens &= c.is_ascii_digit();
                j += n;
                continue;
            }
            let next = self.char_at(j + n);
            let prev_digit = j > start && self.bytes[j - 1].is_ascii_digit();
            let keep = match c {
                '\'' | '\u{2019}' => {
                    (j > start && is_word_char(next)) || (j == start && next.is_ascii_digit())
                }
                '.' => j > start && is_word_char(next),
                ',' | ':' | '/' => prev_digit && next.is_ascii_digit(),
                '&' => {
                    j > start
                        && self.bytes[j - 1].is_ascii_alphanumeric()
                        && next.is_ascii_alphanumeric()
                }
                '-' => {
                    j > start
                        && is_word_char(next)
                        && self.keeps_hyphen(start, segment_start, j, all_digits_and_hyphens)
                }
                _ => false,
            };
            if !keep {
                break;
            }
            if c == '-' {
                segment_start = j + 1;
            } else {
                all_digits_and_hyphens = false;
            }
            j += n;
        }
        if self.byte(j) == b'.' && self.is_abbreviation(start, j) {
            j += 1;
        }
        if j == start {
            // Defensive: always make progress (cannot happen for a word-char start).
            let (_, n) = decode(self.text, start);
            j = start + n.max(1);
        }
        emit_word(self.text, start, j, out);
        j
    }

    /// Whether the hyphen at `at` stays inside the word: after a prefix EWT
    /// keeps ("e-mail", "non-stop"), and inside phone and zip numbers
    /// ("713-853-3989", "94720-1900"), but not in ranges ("1969-1970", "1-2").
    fn keeps_hyphen(
        &self,
        start: usize,
        segment_start: usize,
        at: usize,
        all_digits: bool,
    ) -> bool {
        if segment_start == start && is_hyphen_prefix(&self.bytes[start..at]) {
            return true;
        }
        if !all_digits {
            return false;
        }
        let right_start = at + 1;
        let mut right_end = right_start;
        while right_end < self.end && self.bytes[right_end].is_ascii_digit() {
            right_end += 1;
        }
        let right_len = right_end - right_start;
        if right_len == 0
            || (right_end < self.end
                && is_word_char(self.char_at(right_end))
                && self.byte(right_end) != b'-')
        {
            return false;
        }
        let more_groups = self.byte(right_end) == b'-' && self.byte(right_end + 1).is_ascii_digit();
        let left_len = at - segment_start;
        segment_start > start || more_groups || (right_len == 4 && left_len != 4)
    }

    /// Whether the period at `dot`, ending the word `start..dot`, belongs to
    /// the word: known abbreviations, initials and dotted forms ("U.S.", "e.g.").
    fn is_abbreviation(&self, start: usize, dot: usize) -> bool {
        // A period run ("word..." or "word.?") is punctuation, not an abbreviation point.
        if is_terminal(self.char_at(dot + 1)) {
            return false;
        }
        let word = &self.bytes[start..dot];
        if word.len() > 1 && word.contains(&b'.') {
            return word.split(|&b| b == b'.').all(|part| {
                (1..=2).contains(&part.len()) && part.iter().all(u8::is_ascii_alphabetic)
            });
        }
        if let Some(c) = self.text.get(start..dot).and_then(single_char) {
            return c.is_uppercase();
        }
        match abbreviation_kind(word) {
            Some(AbbrevKind::Title | AbbrevKind::Ordinary) => true,
            Some(AbbrevKind::BeforeNumber) => {
                next_visible_byte(self.bytes, dot + 1).is_some_and(|b| b.is_ascii_digit())
            }
            None => false,
        }
    }

    /// End of a URL starting at `start`, without the punctuation that closes the sentence around it.
    fn url_at(&self, start: usize) -> Option<usize> {
        if !matches!(self.bytes[start] | 0x20, b'h' | b'f' | b'w' | b'm') {
            return None;
        }
        let rest = &self.bytes[start..self.end];
        let has_prefix = [&b"http://"[..], b"https://", b"ftp://", b"www.", b"mailto:"]
            .iter()
            .any(|prefix| {
                rest.len() > prefix.len() && rest[..prefix.len()].eq_ignore_ascii_case(prefix)
            });
        if !has_prefix {
            return None;
        }
        let opens_paren = rest.contains(&b'(');
        let mut end = self.end;
        while end > start {
            let Some(c) = decode_before(self.text, end) else {
                break;
            };
            let strip = matches!(
                c,
                '.' | ','
                    | ';'
                    | ':'
                    | '!'
                    | '?'
                    | '\''
                    | '"'
                    | ']'
                    | '}'
                    | '>'
                    | '\u{201D}'
                    | '\u{2019}'
                    | '\u{2026}'
            ) || (c == ')' && !opens_paren);
            if !strip {
                break;
            }
            end -= c.len_utf8();
        }
        // Keep at least the scheme so the token is never empty.
        Some(end.max(start + 4).min(self.end))
    }

    /// End of an e-mail address starting at `start`. Remembers failed look-aheads.
    fn email_at(&mut self, start: usize) -> Option<usize> {
        let is_local =
            |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-');
        let mut at = start;
        while at < self.end && is_local(self.bytes[at]) {
            at += 1;
        }
        if self.byte(at) != b'@' || at == start {
            self.no_email_before = at.max(start + 1);
            return None;
        }
        let mut end = at + 1;
        let mut dot_seen = false;
        while end < self.end
            && (self.bytes[end].is_ascii_alphanumeric() || matches!(self.bytes[end], b'.' | b'-'))
        {
            dot_seen |= self.bytes[end] == b'.' && self.byte(end + 1).is_ascii_alphanumeric();
            end += 1;
        }
        while end > at + 1 && matches!(self.bytes[end - 1], b'.' | b'-') {
            end -= 1;
        }
        if !dot_seen || end == at + 1 {
            self.no_email_before = at + 1;
            return None;
        }
        Some(end)
    }

    /// Emit the punctuation or symbol token starting at `i` and return its end.
    fn punct(&mut self, i: usize, c: char, n: usize, out: &mut Vec<Span>) -> usize {
        let mut end = i + n;
        if is_terminal(c) {
            while end < self.end {
                let (next, m) = decode(self.text, end);
                if !is_terminal(next) {
                    break;
                }
                end += m;
            }
        } else if let Some(len) = self.emoticon_len(i) {
            end = i + len;
        } else if (c == '@' || c == '#') && self.byte(i + 1).is_ascii_alphabetic()
            || (c == '@' && self.byte(i + 1) == b'_')
        {
            // @handles and #hashtags stay whole.
            while end < self.end {
                let (next, m) = decode(self.text, end);
                if !is_word_char(next) {
                    break;
                }
                end += m;
            }
        } else if groups_in_runs(c) {
            while end + n <= self.end
                && self
                    .text
                    .get(end..end + n)
                    .is_some_and(|s| s.starts_with(c))
            {
                end += n;
            }
        }
        // Combining marks, skin tones and joined emoji stay with their base.
        while end < self.end {
            let (next, m) = decode(self.text, end);
            if !is_joiner(next) {
                break;
            }
            end += m;
            if next == '\u{200D}' && end < self.end {
                let (joined, k) = decode(self.text, end);
                if !is_separator(joined) {
                    end += k;
                }
            }
        }
        out.push(Span::new(i, end));
        end
    }

    /// Length of an emoticon like ":)" or ";-)" at `i`, when one stands there.
    fn emoticon_len(&self, i: usize) -> Option<usize> {
        let eyes = self.byte(i);
        if eyes != b':' && eyes != b';' {
            return None;
        }
        let nose = usize::from(self.byte(i + 1) == b'-');
        let mouth = self.byte(i + 1 + nose);
        let len = 2 + nose;
        let after = self.char_at(i + len);
        match mouth {
            b')' | b'(' if !is_word_char(after) => Some(len),
            b'D' | b'P' | b'p' if i + len == self.end => Some(len),
            _ => None,
        }
    }
}

fn single_char(s: &str) -> Option<char> {
    let mut chars = s.chars();
    let c = chars.next()?;
    chars.next().is_none().then_some(c)
}

/// First non-whitespace byte at or after `i`, looking a few bytes ahead only.
pub(crate) fn next_visible_byte(bytes: &[u8], i: usize) -> Option<u8> {
    bytes
        .iter()
        .skip(i)
        .take(8)
        .copied()
        .find(|b| !b.is_ascii_whitespace())
}

/// Emit the plain ASCII alphanumeric word `start..end`: it has no apostrophe,
/// so only a fused form ("gonna", "cannot") can split; most words skip every check.
#[inline]
fn emit_plain_word(bytes: &[u8], start: usize, end: usize, out: &mut Vec<Span>) {
    let len = end - start;
    if (4..=8).contains(&len) {
        let word = &bytes[start..end];
        if matches!(
            [word[len - 2] | 0x20, word[len - 1] | 0x20],
            [b'n' | b't', b'a'] | [b'o' | b'n', b't']
        ) {
            if let Some(at) = fused_split(word).filter(|&at| at > 0 && at < len) {
                out.push(Span::new(start, start + at));
                out.push(Span::new(start + at, end));
                return;
            }
        }
    }
    out.push(Span::new(start, end));
}

/// Emit the word `start..end`, splitting off clitics ("do" "n't", "Russia" "'s").
#[inline]
fn emit_word(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let word = &text.as_bytes()[start..end];
    let len = word.len();
    // Every clitic has its apostrophe ('\'' or the last byte of '’') two or three bytes from the end.
    let is_apostrophe_byte = |back: usize| len >= back && matches!(word[len - back], b'\'' | 0x99);
    // Fused words end in "na", "ta", "ot" or "nt".
    let fused_ending = |w: &[u8]| {
        matches!(
            [w[len - 2] | 0x20, w[len - 1] | 0x20],
            [b'n' | b't', b'a'] | [b'o' | b'n', b't']
        )
    };
    let split = if is_apostrophe_byte(2) || is_apostrophe_byte(3) {
        clitic_start(word)
    } else if (4..=8).contains(&len) && fused_ending(word) {
        fused_split(word)
    } else {
        None
    };
    match split {
        Some(at) if at > 0 && at < word.len() && text.is_char_boundary(start + at) => {
            out.push(Span::new(start, start + at));
            out.push(Span::new(start + at, end));
        }
        _ => out.push(Span::new(start, end)),
    }
}

/// Byte offset inside `word` where a trailing clitic starts, if it has one.
fn clitic_start(word: &[u8]) -> Option<usize> {
    const CURLY: &[u8] = "\u{2019}".as_bytes();
    // "n't" / "n’t"
    for apostrophe in [&b"'"[..], CURLY] {
        let suffix_len = apostrophe.len() + 2;
        if word.len() > suffix_len {
            let at = word.len() - suffix_len;
            let tail = &word[at..];
            if tail[0].eq_ignore_ascii_case(&b'n')
                && tail[1..1 + apostrophe.len()] == *apostrophe
                && tail[suffix_len - 1].eq_ignore_ascii_case(&b't')
            {
                return Some(at);
            }
        }
    }
    // "'s", "'m", "'d", "'re", "'ve", "'ll"
    for apostrophe in [&b"'"[..], CURLY] {
        for clitic in [&b"s"[..], b"m", b"d", b"re", b"ve", b"ll"] {
            let len = apostrophe.len() + clitic.len();
            if word.len() > len {
                let at = word.len() - len;
                if word[at..at + apostrophe.len()] == *apostrophe
                    && word[at + apostrophe.len()..].eq_ignore_ascii_case(clitic)
                {
                    return Some(at);
                }
            }
        }
    }
    None
}
