//! The article's tokens as the quote finder reads them: words, tags, the
//! dependency tree (children and subtree extents) and sentence membership.

use crate::document::{Span, Token};
use crate::segment::tokenize;

use super::cues::cue_lemma;
use super::marks::is_quote_mark;

/// How far up the tree a token's words are counted into its ancestors'
/// extents: enough for real sentences, and keeps the work linear.
const MAX_CLIMB: usize = 40;

pub(crate) struct View<'a> {
    pub text: &'a str,
    spans: Vec<(usize, usize)>,
    /// The caller's tokens when they carry annotation; empty otherwise.
    tokens: &'a [Token],
    sentence_of: Vec<usize>,
    sentence_range: Vec<(usize, usize)>,
    child_start: Vec<usize>,
    children: Vec<usize>,
    /// First and last token of each token's subtree.
    low: Vec<usize>,
    high: Vec<usize>,
}

impl<'a> View<'a> {
    pub fn new(text: &'a str, sentences: &[Span], tokens: &'a [Token]) -> View<'a> {
        let (spans, tokens): (Vec<(usize, usize)>, &[Token]) = if tokens.is_empty() {
            let own = tokenize(text)
                .iter()
                .map(|s| (s.start as usize, s.end as usize))
                .collect();
            (own, &[])
        } else {
            let spans = tokens
                .iter()
                .map(|t| (t.start as usize, t.end as usize))
                .collect();
            (spans, tokens)
        };
        let mut starts: Vec<usize> = sentences.iter().map(|s| s.start as usize).collect();
        starts.sort_unstable();
        let sentence_of: Vec<usize> = spans
            .iter()
            .map(|&(start, _)| starts.partition_point(|&s| s <= start).saturating_sub(1))
            .collect();
        let count = sentence_of.last().map_or(0, |&s| s + 1);
        let mut sentence_range = vec![(usize::MAX, 0usize); count];
        for (i, &s) in sentence_of.iter().enumerate() {
            let range = &mut sentence_range[s];
            range.0 = range.0.min(i);
            range.1 = i + 1;
        }
        let n = spans.len();
        let head_of = |i: usize| -> Option<usize> {
            let head = tokens.get(i)?.head? as usize;
            (head != i && head < n).then_some(head)
        };
        let mut child_start = vec![0usize; n + 1];
        for i in 0..n {
            if let Some(h) = head_of(i) {
                child_start[h + 1] += 1;
            }
        }
        for i in 0..n {
            child_start[i + 1] += child_start[i];
        }
        let mut fill = child_start.clone();
        let mut children = vec![0usize; child_start[n]];
        for i in 0..n {
            if let Some(h) = head_of(i) {
                children[fill[h]] = i;
                fill[h] += 1;
            }
        }
        let mut low: Vec<usize> = (0..n).collect();
        let mut high: Vec<usize> = (0..n).collect();
        for i in 0..n {
            let mut at = i;
            for _ in 0..MAX_CLIMB {
                let Some(h) = head_of(at) else { break };
                low[h] = low[h].min(i);
                high[h] = high[h].max(i);
                at = h;
            }
        }
        View {
            text,
            spans,
            tokens,
            sentence_of,
            sentence_range,
            child_start,
            children,
            low,
            high,
        }
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn start(&self, i: usize) -> usize {
        self.spans[i].0
    }

    pub fn end(&self, i: usize) -> usize {
        self.spans[i].1
    }

    pub fn word(&self, i: usize) -> &'a str {
        let (start, end) = self.spans[i];
        self.text.get(start..end).unwrap_or("")
    }

    pub fn lower(&self, i: usize) -> String {
        self.word(i).to_lowercase()
    }

    pub fn is(&self, i: usize, lower: &str) -> bool {
        i < self.len() && self.word(i).eq_ignore_ascii_case(lower)
    }

    pub fn tag(&self, i: usize) -> Option<&'a str> {
        self.tokens.get(i)?.tag.as_deref()
    }

    pub fn dep(&self, i: usize) -> Option<&'a str> {
        self.tokens.get(i)?.dep.as_deref()
    }

    /// Whether the dependency parse is there to use.
    pub fn parsed(&self) -> bool {
        self.tokens.first().is_some_and(|t| t.head.is_some())
    }

    pub fn head(&self, i: usize) -> Option<usize> {
        let head = self.tokens.get(i)?.head? as usize;
        (head != i && head < self.len()).then_some(head)
    }

    pub fn children(&self, i: usize) -> &[usize] {
        &self.children[self.child_start[i]..self.child_start[i + 1]]
    }

    /// The first child of `i` whose relation starts with `dep` ("nsubj" also
    /// finds "nsubj:pass").
    pub fn child(&self, i: usize, dep: &str) -> Option<usize> {
        self.children(i)
            .iter()
            .copied()
            .find(|&c| self.dep(c).is_some_and(|d| d.starts_with(dep)))
    }

    /// First and last token of the subtree under `i`.
    pub fn extent(&self, i: usize) -> (usize, usize) {
        (self.low[i], self.high[i])
    }

    pub fn sentence(&self, i: usize) -> usize {
        self.sentence_of[i]
    }

    /// Token range `[start, end)` of the sentence holding token `i`.
    pub fn sentence_tokens(&self, i: usize) -> (usize, usize) {
        let (start, end) = self.sentence_range[self.sentence_of[i]];
        (start.min(i), end.max(i + 1))
    }

    /// The first token starting at or after byte `offset`.
    pub fn token_from(&self, offset: usize) -> usize {
        self.spans.partition_point(|&(start, _)| start < offset)
    }

    /// The token holding byte `offset`, or the next one.
    pub fn token_at(&self, offset: usize) -> usize {
        self.spans.partition_point(|&(_, end)| end <= offset)
    }

    pub fn is_quote_mark(&self, i: usize) -> bool {
        let mut chars = self.word(i).chars();
        matches!((chars.next(), chars.next()), (Some(c), None) if is_quote_mark(c))
    }

    pub fn is_punct(&self, i: usize) -> bool {
        self.word(i)
            .chars()
            .all(|c| !c.is_alphanumeric() && c != '$' && c != '%')
    }

    pub fn is_verb(&self, i: usize) -> bool {
        match self.tag(i) {
            Some(tag) => tag.starts_with("VB"),
            None => true,
        }
    }

    /// The cue lemma of token `i` if it is a reporting verb used as a verb.
    pub fn cue(&self, i: usize) -> Option<&'static str> {
        if !self.is_verb(i) || matches!(self.dep(i), Some("amod" | "compound")) {
            return None;
        }
        let lemma = self.tokens.get(i).and_then(|t| t.lemma.as_deref());
        cue_lemma(&self.lower(i), lemma)
    }

    /// Does "according to" start at token `i`?
    pub fn according_to(&self, i: usize) -> bool {
        self.is(i, "according") && self.is(i + 1, "to")
    }

    pub fn span(&self, first: usize, last: usize) -> Span {
        Span::new(self.start(first), self.end(last).max(self.start(first)))
    }
}
