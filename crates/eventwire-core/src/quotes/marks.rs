//! Quotation marks: which stretches of the text stand between double quotes.
//!
//! Curly marks say which way they face; a straight `"` opens when nothing is
//! open and closes otherwise. Unbalanced marks are tolerated: a stray closing
//! mark is ignored, and a quote still open at the end of its paragraph ends
//! there, unless the next paragraph opens with a quote mark, which is how a
//! quotation running over several paragraphs is written (no closing mark at
//! the end of each paragraph but the last).

/// One quoted stretch, as byte offsets into the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Quoted {
    /// Where the opening mark starts.
    pub open: usize,
    /// The quoted words: after the opening mark, before the closing one.
    pub start: usize,
    pub end: usize,
    /// After the closing mark (`end` when the quote was never closed).
    pub close: usize,
    pub closed: bool,
}

fn opens(c: char) -> bool {
    matches!(c, '“' | '„' | '«' | '‟')
}

fn closes(c: char) -> bool {
    matches!(c, '”' | '»')
}

/// Any double quotation mark, either way.
pub(crate) fn is_quote_mark(c: char) -> bool {
    c == '"' || opens(c) || closes(c)
}

/// The quoted stretches of `text`, in order, never overlapping. One pass.
pub(crate) fn quoted_spans(text: &str) -> Vec<Quoted> {
    let mut found = Vec::new();
    // (mark start, words start) of the quote now open.
    let mut open: Option<(usize, usize)> = None;
    let mut i = 0;
    while let Some(c) = text[i..].chars().next() {
        let next = i + c.len_utf8();
        if c == '\n' {
            if let Some(paragraph_end) = paragraph_break(text, i) {
                if let Some((mark, start)) = open {
                    match text[paragraph_end..].chars().next() {
                        // The quotation goes on in the next paragraph: skip its mark.
                        Some(m) if m == '"' || opens(m) => {
                            i = paragraph_end + m.len_utf8();
                            continue;
                        }
                        _ => {
                            push(&mut found, text, mark, start, i, i, false);
                            open = None;
                        }
                    }
                }
                i = paragraph_end.max(next);
                continue;
            }
        } else if opens(c) {
            if let Some((mark, start)) = open {
                // A second opening mark while one is open: the first was never closed.
                push(&mut found, text, mark, start, i, i, false);
            }
            open = Some((i, next));
        } else if closes(c) {
            if let Some((mark, start)) = open.take() {
                push(&mut found, text, mark, start, i, next, true);
            }
        } else if c == '"' {
            match open.take() {
                Some((mark, start)) => push(&mut found, text, mark, start, i, next, true),
                None => {
                    // A straight mark after a word and before a space or the end closes a
                    // quote whose opener we never saw: ignore it rather than open one.
                    let after_word = text[..i]
                        .chars()
                        .next_back()
                        .is_some_and(|p| !p.is_whitespace());
                    let before_space = text[next..]
                        .chars()
                        .next()
                        .is_none_or(|n| n.is_whitespace());
                    if !(after_word && before_space) {
                        open = Some((i, next));
                    }
                }
            }
        }
        i = next;
    }
    if let Some((mark, start)) = open {
        push(&mut found, text, mark, start, text.len(), text.len(), false);
    }
    found
}

fn push(
    found: &mut Vec<Quoted>,
    text: &str,
    open: usize,
    start: usize,
    end: usize,
    close: usize,
    closed: bool,
) {
    // Trailing white space of an unclosed quote is not quoted.
    let trimmed_end = start + text[start..end].trim_end().len();
    if text[start..trimmed_end].trim().is_empty() {
        return;
    }
    found.push(Quoted {
        open,
        start,
        end: trimmed_end,
        close: if closed { close } else { trimmed_end },
        closed,
    });
}

/// If the newline at `i` ends a paragraph, where the next paragraph starts.
/// A blank line always ends one; a single line break does after sentence-final
/// punctuation or a closing quote (hard-wrapped text keeps its quotes open).
fn paragraph_break(text: &str, i: usize) -> Option<usize> {
    let rest = &text[i + 1..];
    let skipped = rest.len() - rest.trim_start().len();
    let gap = &rest[..skipped];
    let blank = gap.contains('\n');
    let after_sentence = text[..i]
        .trim_end()
        .chars()
        .next_back()
        .is_some_and(|p| matches!(p, '.' | '!' | '?' | ':' | '"' | '”' | '»'));
    (blank || after_sentence).then_some(i + 1 + skipped)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        quoted_spans(text)
            .iter()
            .map(|q| &text[q.start..q.end])
            .collect()
    }

    #[test]
    fn curly_and_straight_quotes() {
        assert_eq!(
            words("“We agree,” he said. \"No,\" she said."),
            ["We agree,", "No,"]
        );
    }

    #[test]
    fn unclosed_quote_ends_with_its_paragraph() {
        let text = "He said “this is open.\n\nNext paragraph here.";
        assert_eq!(words(text), ["this is open."]);
        let q = quoted_spans(text)[0];
        assert!(!q.closed);
    }

    #[test]
    fn quotation_over_two_paragraphs() {
        let text = "She wrote: “One.\n\n“Two,” she said.";
        assert_eq!(words(text), ["One.\n\n“Two,"]);
    }

    #[test]
    fn stray_closing_marks_are_ignored() {
        assert_eq!(words("a” b\" c “d”"), ["d"]);
    }
}
