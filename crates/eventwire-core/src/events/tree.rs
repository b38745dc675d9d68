//! The article's dependency trees as the coder reads them: children lists,
//! token text, lemmas and relations, with every head checked to stay inside
//! its sentence (a head that does not is treated as a root).

use crate::document::{Span, Token};

/// Read-only view of the parsed tokens of one article.
pub(crate) struct Tree<'a> {
    text: &'a str,
    tokens: &'a [Token],
    /// `children[child_start[i]..child_start[i + 1]]` are the dependents of token `i`, in order.
    child_start: Vec<u32>,
    children: Vec<u32>,
    /// Checked head of each token (itself for a root).
    heads: Vec<u32>,
    /// Sentence index of each token (`u32::MAX` outside every sentence).
    sentence_of: Vec<u32>,
}

impl<'a> Tree<'a> {
    pub(crate) fn new(text: &'a str, sentences: &[Span], tokens: &'a [Token]) -> Tree<'a> {
        let n = tokens.len();
        let mut sentence_of = vec![u32::MAX; n];
        let mut s = 0;
        for (i, token) in tokens.iter().enumerate() {
            while s < sentences.len() && sentences[s].end <= token.start {
                s += 1;
            }
            if s < sentences.len() && sentences[s].start <= token.start {
                sentence_of[i] = s as u32;
            }
        }
        let mut heads: Vec<u32> = Vec::with_capacity(n);
        for (i, token) in tokens.iter().enumerate() {
            let head = token.head.map(|h| h as usize).unwrap_or(i);
            let ok = head < n && sentence_of[head] == sentence_of[i];
            heads.push(if ok { head as u32 } else { i as u32 });
        }
        let mut counts = vec![0u32; n + 1];
        for (i, &h) in heads.iter().enumerate() {
            if h as usize != i {
                counts[h as usize + 1] += 1;
            }
        }
        for i in 0..n {
            counts[i + 1] += counts[i];
        }
        let child_start = counts.clone();
        let mut fill = counts;
        let mut children = vec![0u32; child_start[n] as usize];
        for (i, &h) in heads.iter().enumerate() {
            if h as usize != i {
                let at = &mut fill[h as usize];
                children[*at as usize] = i as u32;
                *at += 1;
            }
        }
        Tree {
            text,
            tokens,
            child_start,
            children,
            heads,
            sentence_of,
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.tokens.len()
    }

    pub(crate) fn token(&self, i: usize) -> &'a Token {
        &self.tokens[i]
    }

    pub(crate) fn word(&self, i: usize) -> &'a str {
        let t = &self.tokens[i];
        self.text
            .get(t.start as usize..t.end as usize)
            .unwrap_or("")
    }

    /// Lemma as the tagger gave it (the word itself if none).
    pub(crate) fn lemma(&self, i: usize) -> &'a str {
        self.tokens[i]
            .lemma
            .as_deref()
            .unwrap_or_else(|| self.word(i))
    }

    /// Lower-case lemma comparison without allocating.
    pub(crate) fn lemma_is(&self, i: usize, lower: &str) -> bool {
        self.lemma(i).eq_ignore_ascii_case(lower)
    }

    pub(crate) fn pos(&self, i: usize) -> &'a str {
        self.tokens[i].pos.as_deref().unwrap_or("")
    }

    pub(crate) fn tag(&self, i: usize) -> &'a str {
        self.tokens[i].tag.as_deref().unwrap_or("")
    }

    pub(crate) fn dep(&self, i: usize) -> &'a str {
        self.tokens[i].dep.as_deref().unwrap_or("")
    }

    /// The relation without its subtype (`obl:tmod` → `obl`).
    pub(crate) fn base_dep(&self, i: usize) -> &'a str {
        let dep = self.dep(i);
        dep.split(':').next().unwrap_or(dep)
    }

    /// Head of `i`, or `None` for a root.
    pub(crate) fn head(&self, i: usize) -> Option<usize> {
        let h = self.heads[i] as usize;
        (h != i).then_some(h)
    }

    pub(crate) fn children(&self, i: usize) -> &[u32] {
        let from = self.child_start[i] as usize;
        let to = self.child_start[i + 1] as usize;
        &self.children[from..to]
    }

    /// The first dependent of `i` with relation `dep` (exact, or base relation when `dep` has no `:`).
    pub(crate) fn child_with(&self, i: usize, dep: &str) -> Option<usize> {
        self.children(i)
            .iter()
            .map(|&c| c as usize)
            .find(|&c| self.dep(c) == dep || (!dep.contains(':') && self.base_dep(c) == dep))
    }

    pub(crate) fn sentence_of(&self, i: usize) -> Option<usize> {
        let s = self.sentence_of[i];
        (s != u32::MAX).then_some(s as usize)
    }

    /// The preposition (`case` dependent) of a nominal, lower case.
    pub(crate) fn case_of(&self, i: usize) -> Option<usize> {
        self.children(i)
            .iter()
            .map(|&c| c as usize)
            .find(|&c| self.dep(c) == "case" && c < i)
    }

    /// Tokens of the subtree of `root` in text order, without the dependents
    /// (at any depth) whose relation `skip` rejects, at most `limit` tokens
    /// (nearest first, so a huge subtree costs no more than `limit`).
    pub(crate) fn phrase(
        &self,
        root: usize,
        limit: usize,
        skip: impl Fn(&Tree<'a>, usize, usize) -> bool,
    ) -> Vec<usize> {
        let mut out = vec![root];
        let mut at = 0;
        while at < out.len() && out.len() < limit {
            let node = out[at];
            at += 1;
            for &c in self.children(node) {
                let c = c as usize;
                if out.len() >= limit {
                    break;
                }
                if !skip(self, root, c) {
                    out.push(c);
                }
            }
        }
        out.sort_unstable();
        out
    }

    /// Byte span of a set of tokens (first start to last end); tokens sorted.
    pub(crate) fn span_of(&self, tokens: &[usize]) -> Option<(u32, u32)> {
        let first = *tokens.first()?;
        let last = *tokens.last()?;
        Some((self.tokens[first].start, self.tokens[last].end))
    }

    /// The token whose head lies outside `[from, to)`: the head of a span of tokens.
    pub(crate) fn head_of_range(&self, from: usize, to: usize) -> Option<usize> {
        (from..to).find(|&i| match self.head(i) {
            None => true,
            Some(h) => h < from || h >= to,
        })
    }

    /// Index of the first token starting at or after byte `at`.
    pub(crate) fn token_at(&self, at: u32) -> usize {
        self.tokens.partition_point(|t| t.start < at)
    }

    /// Tokens inside the byte range `[start, end)`.
    pub(crate) fn tokens_in(&self, start: u32, end: u32) -> (usize, usize) {
        let from = self.token_at(start);
        let to = self.tokens.partition_point(|t| t.end <= end).max(from);
        (from, to)
    }
}
