//! Reading PETRARCH-format verb dictionaries, leniently: every line the
//! reader cannot use becomes a [`DictIssue`] and the rest still loads.
//!
//! Both dialects in use are read: CAMEO 2.0 (`# comments`, `(PREP words)`
//! groups, `{noun phrases}`) and the older TABARI-derived one of the
//! unit-test dictionaries (`<!-- comments -->`, `_` joining words that must
//! be consecutive, `WORD_*`, `%`, synsets inside synsets).

use super::{
    id_key, word_key, Block, CodePair, Item, Join, Pattern, Synset, Token, VerbDictionary,
    VerbEntry,
};
use crate::actors::DictIssue;
use std::collections::HashMap;

/// How deep synsets may nest (`+&OTHER` members); deeper ones are cut off.
const MAX_SYNSET_DEPTH: usize = 8;
/// Most members (with plurals) one synset may have.
const MAX_SYNSET_MEMBERS: usize = 50_000;

/// A line with its comments removed.
struct Line {
    number: usize,
    text: String,
    /// The text of a `#` or `;` comment on the line, trimmed.
    comment: String,
}

/// Strip `<!-- … -->` (also across lines), `#` and `;` comments and blank
/// lines; the unterminated-comment case is reported.
fn clean_lines(text: &str, issue: &mut impl FnMut(usize, String)) -> Vec<Line> {
    let mut out = Vec::new();
    let mut in_comment: Option<usize> = None;
    for (i, raw) in text.lines().enumerate() {
        let number = i + 1;
        let mut line = String::new();
        let mut rest = raw;
        loop {
            if in_comment.is_some() {
                match rest.find("-->") {
                    Some(end) => {
                        rest = &rest[end + 3..];
                        in_comment = None;
                    }
                    None => break,
                }
            } else {
                match rest.find("<!--") {
                    Some(start) => {
                        line.push_str(&rest[..start]);
                        rest = &rest[start + 4..];
                        in_comment = Some(number);
                    }
                    None => {
                        line.push_str(rest);
                        break;
                    }
                }
            }
        }
        let mut comment = String::new();
        if let Some(cut) = line.find(['#', ';']) {
            comment = line[cut + 1..].trim().to_string();
            line.truncate(cut);
        }
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            out.push(Line {
                number,
                text: trimmed.to_string(),
                comment,
            });
        }
    }
    if let Some(start) = in_comment {
        issue(start, "comment <!-- is never closed".to_string());
    }
    out
}

/// Regular English forms of a verb: -s, -ed, -ing (consonant doubling is
/// left to the dictionary's `{…}` lists, as in PETRARCH).
pub(super) fn regular_forms(stem: &str) -> Vec<String> {
    let s = stem.to_ascii_lowercase();
    let last = s.chars().last();
    let before_last = s.chars().rev().nth(1);
    let vowel = |c: Option<char>| c.is_some_and(|c| "aeiou".contains(c));
    let consonant_y = last == Some('y') && !vowel(before_last) && before_last.is_some();
    let base = s.strip_suffix('y').unwrap_or(&s);
    let third = if consonant_y {
        format!("{base}ies")
    } else if s.ends_with(['s', 'x', 'z']) || s.ends_with("sh") || s.ends_with("ch") {
        format!("{s}es")
    } else {
        format!("{s}s")
    };
    let past = if consonant_y {
        format!("{base}ied")
    } else if last == Some('e') {
        format!("{s}d")
    } else {
        format!("{s}ed")
    };
    let gerund = match s.strip_suffix('e') {
        Some(root) if !s.ends_with("ee") && !s.ends_with("ye") && !s.ends_with("oe") => {
            match root.strip_suffix('i') {
                // die → dying
                Some(short) => format!("{short}ying"),
                None => format!("{root}ing"),
            }
        }
        _ => format!("{s}ing"),
    };
    vec![third, past, gerund]
}

/// Plural of the last word of a synset member (PETRARCH's noun rule).
fn plural(word: &str) -> String {
    let before_last = word.chars().rev().nth(1);
    let vowel = before_last.is_some_and(|c| "aeiou".contains(c));
    if let Some(base) = word.strip_suffix('y').filter(|_| !vowel) {
        format!("{base}ies")
    } else if word.ends_with(['s', 'x', 'z']) || word.ends_with("sh") || word.ends_with("ch") {
        format!("{word}es")
    } else {
        format!("{word}s")
    }
}

/// The code pair in `[X:Y]`; `---` and empty are null.
fn parse_code(inner: &str) -> (Option<String>, Option<String>) {
    let one = |s: &str| {
        let s = s.trim();
        (!s.is_empty() && s != "---").then(|| s.to_string())
    };
    match inner.split_once(':') {
        Some((a, p)) => (one(a), one(p)),
        None => (one(inner), None),
    }
}

/// Split off the last `[…]` of a line: (text before it, code inside).
fn split_code(text: &str) -> Option<(&str, &str)> {
    let open = text.rfind('[')?;
    let close = open + text[open..].find(']')?;
    Some((&text[..open], &text[open + 1..close]))
}

struct RawSynset {
    line: usize,
    no_plural: bool,
    members: Vec<(usize, String)>,
}

#[derive(Default)]
struct Builder {
    dict: VerbDictionary,
    word_index: HashMap<String, u32>,
    code_index: HashMap<String, u32>,
    synset_index: HashMap<String, u32>,
    issues: Vec<DictIssue>,
    name: String,
    /// Subject-only patterns and the verb their comment names, resolved
    /// against their block's verbs once the file is read.
    named_verbs: Vec<(u32, u32, String)>,
}

impl Builder {
    fn issue(&mut self, line: usize, message: impl Into<String>) {
        self.issues.push(DictIssue {
            file: self.name.clone(),
            line,
            message: message.into(),
        });
    }

    fn word(&mut self, w: &str) -> u32 {
        let w = w.to_lowercase().replace('\u{2019}', "'");
        if let Some(&id) = self.word_index.get(&w) {
            return id;
        }
        let id = self.dict.words.len() as u32;
        self.dict.words.push(w.clone());
        self.word_index.insert(w, id);
        id
    }

    fn code(&mut self, code: Option<String>) -> Option<u32> {
        let code = code?;
        if let Some(&id) = self.code_index.get(&code) {
            return Some(id);
        }
        let id = self.dict.codes.len() as u32;
        self.dict.codes.push(code.clone());
        self.code_index.insert(code, id);
        Some(id)
    }

    fn code_pair(&mut self, inner: &str) -> CodePair {
        let (active, paired) = parse_code(inner);
        CodePair {
            active: self.code(active),
            paired: self.code(paired),
        }
    }

    /// Members of a synset as word sequences, nested synsets expanded. Each
    /// synset is expanded once (`done`), cycles are cut (`stack`), and a set
    /// stops growing at [`MAX_SYNSET_MEMBERS`], so no input can blow up.
    fn expand_synset(
        &mut self,
        key: &str,
        raw: &HashMap<String, RawSynset>,
        done: &mut HashMap<String, Vec<Vec<u32>>>,
        stack: &mut Vec<String>,
    ) -> Vec<Vec<u32>> {
        if let Some(members) = done.get(key) {
            return members.clone();
        }
        let Some(set) = raw.get(key) else {
            return Vec::new();
        };
        stack.push(key.to_string());
        let mut out: Vec<Vec<u32>> = Vec::new();
        for (line, member) in &set.members {
            if out.len() >= MAX_SYNSET_MEMBERS {
                self.issue(*line, format!("synset &{key} has too many members; cut"));
                break;
            }
            if let Some(inner) = member.strip_prefix('&') {
                let inner_key = synset_key(inner);
                if !raw.contains_key(&inner_key) {
                    self.issue(*line, format!("synset member &{inner} is undefined"));
                    continue;
                }
                if stack.len() > MAX_SYNSET_DEPTH || stack.contains(&inner_key) {
                    self.issue(
                        *line,
                        format!("synset member &{inner} nests in a cycle or too deep"),
                    );
                    continue;
                }
                let inner_members = self.expand_synset(&inner_key, raw, done, stack);
                let room = MAX_SYNSET_MEMBERS.saturating_sub(out.len());
                out.extend(inner_members.into_iter().take(room));
                continue;
            }
            let no_plural = set.no_plural || member.ends_with('_');
            let words: Vec<&str> = member
                .split(|c: char| c == '_' || c.is_whitespace())
                .filter(|w| !w.is_empty())
                .collect();
            let Some((last, _)) = words.split_last() else {
                continue;
            };
            let ids: Vec<u32> = words.iter().map(|w| self.word(w)).collect();
            if !no_plural {
                let mut plural_ids = ids.clone();
                let last_plural = plural(&last.to_lowercase());
                if let Some(slot) = plural_ids.last_mut() {
                    *slot = self.word(&last_plural);
                }
                out.push(plural_ids);
            }
            out.push(ids);
        }
        stack.pop();
        out.sort();
        out.dedup();
        done.insert(key.to_string(), out.clone());
        out
    }

    /// Parse one side of a pattern (before or after `*`).
    fn pattern_side(&mut self, text: &str) -> Result<(Vec<Token>, u16), String> {
        let mut tokens = Vec::new();
        let mut weight: u16 = 0;
        let mut in_paren = false;
        let mut paren_first = false;
        let mut in_brace = false;
        let mut brace_first = false;
        for chunk in text.split_whitespace() {
            let mut body = chunk;
            let mut opens_paren = false;
            let mut opens_brace = false;
            loop {
                if let Some(rest) = body.strip_prefix('(') {
                    opens_paren = true;
                    body = rest;
                } else if let Some(rest) = body.strip_prefix('{') {
                    opens_brace = true;
                    body = rest;
                } else {
                    break;
                }
            }
            let mut closes_paren = false;
            let mut closes_brace = false;
            loop {
                if let Some(rest) = body.strip_suffix(')') {
                    closes_paren = true;
                    body = rest;
                } else if let Some(rest) = body.strip_suffix('}') {
                    closes_brace = true;
                    body = rest;
                } else {
                    break;
                }
            }
            if opens_paren {
                if in_paren {
                    return Err("nested '(' in pattern".into());
                }
                in_paren = true;
                paren_first = true;
            }
            if opens_brace {
                in_brace = true;
                brace_first = true;
            }
            let mut first_part = true;
            for part in body.split('_').filter(|p| !p.is_empty()) {
                let item = match part {
                    "$" => Item::Source,
                    "+" => Item::Target,
                    "^" => Item::Skip,
                    "%" => Item::Compound,
                    "*" => return Err("more than one '*' in pattern".into()),
                    p if p.starts_with('&') => {
                        let key = synset_key(&p[1..]);
                        match self.synset_index.get(&key) {
                            Some(&id) => Item::Synset(id),
                            None => return Err(format!("undefined synset {p}")),
                        }
                    }
                    p if p.chars().any(|c| c.is_alphanumeric()) => Item::Word(self.word(p)),
                    p => return Err(format!("unreadable pattern element '{p}'")),
                };
                let prep = in_paren && paren_first;
                let join = if !first_part {
                    Join::Tight
                } else if (in_paren && !paren_first) || (in_brace && !brace_first) {
                    Join::Near
                } else {
                    Join::Loose
                };
                weight = weight.saturating_add(match item {
                    Item::Word(_) | Item::Synset(_) => 2,
                    Item::Source | Item::Target | Item::Compound => 1,
                    Item::Skip => 0,
                });
                tokens.push(Token { item, join, prep });
                first_part = false;
                paren_first = false;
                brace_first = false;
            }
            if closes_paren {
                if !in_paren {
                    return Err("')' without '('".into());
                }
                in_paren = false;
            }
            if closes_brace {
                in_brace = false;
            }
        }
        if in_paren {
            return Err("'(' without ')'".into());
        }
        Ok((tokens, weight))
    }

    fn add_pattern(&mut self, line: &Line, block: u32) {
        let body = line.text.trim_start_matches('-');
        let Some((text, code)) = split_code(body) else {
            self.issue(line.number, "pattern without a [code]");
            return;
        };
        if text.matches('*').count() != 1 {
            self.issue(line.number, "pattern needs exactly one '*' for the verb");
            return;
        }
        let Some((pre, post)) = text.split_once('*') else {
            return;
        };
        let pre = pre.trim();
        let post = post.trim();
        let before_tight = pre.ends_with('_');
        let after_tight = post.starts_with('_');
        let sides = self
            .pattern_side(pre)
            .and_then(|b| self.pattern_side(post).map(|a| (b, a)));
        let ((before, wb), (after, wa)) = match sides {
            Ok(sides) => sides,
            Err(why) => {
                self.issue(line.number, why);
                return;
            }
        };
        let code = self.code_pair(code);
        if after.is_empty() && !before.is_empty() {
            if let Some(verb) = line.comment.split_whitespace().next() {
                let id = self.dict.patterns.len() as u32;
                self.named_verbs.push((id, block, verb.to_lowercase()));
            }
        }
        self.dict.patterns.push(Pattern {
            before,
            after,
            before_tight,
            after_tight,
            code,
            line: line.number as u32,
            weight: wb.saturating_add(wa),
            only_verb: None,
        });
        if let Some(b) = self.dict.blocks.get_mut(block as usize) {
            b.count += 1;
        }
    }

    fn add_block(&mut self, name: &str, code: CodePair) -> u32 {
        let id = self.dict.blocks.len() as u32;
        self.dict.blocks.push(Block {
            name: name.to_string(),
            code,
            first: self.dict.patterns.len() as u32,
            count: 0,
            triggers: Default::default(),
            untriggered: Vec::new(),
        });
        id
    }

    /// A pattern with words before the verb only (`- &MILITARY * [192] # TAKE`)
    /// says nothing about the verb's object, so it fits only the verb it was
    /// written for: when its comment begins with a verb of its own block, it
    /// applies to that verb alone (CAMEO 2.0 names the verb of each pattern
    /// so). Other comments (`# tony 4/29/91`) leave the pattern to the block.
    fn restrict_named_patterns(&mut self) {
        for (pattern, block, verb) in std::mem::take(&mut self.named_verbs) {
            let Some(&stem) = self.word_index.get(&verb) else {
                continue;
            };
            let in_block = self
                .dict
                .entries
                .iter()
                .any(|e| e.block == block && e.stem == stem);
            if let Some(p) = self.dict.patterns.get_mut(pattern as usize) {
                if in_block {
                    p.only_verb = Some(stem);
                }
            }
        }
    }

    /// A verb spec `WORD`, `+GET_TOGETHER`, `RE_+ARREST`: (front, verb, back).
    fn verb_spec(spec: &str) -> Option<(Vec<&str>, &str, Vec<&str>)> {
        let parts: Vec<&str> = spec.split('_').filter(|p| !p.is_empty()).collect();
        let at = parts.iter().position(|p| p.starts_with('+')).unwrap_or(0);
        let verb = parts.get(at)?.trim_start_matches('+');
        if verb.is_empty() {
            return None;
        }
        Some((parts[..at].to_vec(), verb, parts[at + 1..].to_vec()))
    }

    fn add_verb_line(&mut self, line: &Line, block: u32, block_code: CodePair) {
        let mut text = line.text.as_str();
        let mut code = block_code;
        if let Some((rest, inner)) = split_code(text) {
            code = self.code_pair(inner);
            text = rest;
        }
        let (head, forms) = match text.find('{') {
            Some(open) => {
                let close = text[open..].find('}').map_or(text.len(), |c| open + c);
                (&text[..open], Some(&text[open + 1..close]))
            }
            None => (text, None),
        };
        let mut head_words = head.split_whitespace();
        let Some(stem) = head_words.next() else {
            self.issue(line.number, "verb line without a verb");
            return;
        };
        if head_words.next().is_some() {
            self.issue(
                line.number,
                "words after the verb ignored (join multi-word verbs with '_')",
            );
        }
        let Some((front, verb, back)) = Self::verb_spec(stem) else {
            self.issue(line.number, format!("unreadable verb '{stem}'"));
            return;
        };
        let front: Vec<u32> = front
            .iter()
            .map(|w| self.word(w.trim_start_matches('+')))
            .collect();
        let back: Vec<u32> = back
            .iter()
            .map(|w| self.word(w.trim_start_matches('+')))
            .collect();
        let stem = self.word(verb);
        let add =
            |b: &mut Builder, verb: &str, front: Vec<u32>, back: Vec<u32>, generated: bool| {
                let form = b.word(verb);
                b.dict.entries.push(VerbEntry {
                    block,
                    code,
                    form,
                    front: front.clone(),
                    back: back.clone(),
                    line: line.number as u32,
                    generated,
                    stem,
                });
                // "re-arrest" written as one token finds RE_+ARREST too.
                if !front.is_empty() {
                    let mut joined: Vec<String> = front
                        .iter()
                        .filter_map(|&f| b.dict.words.get(f as usize).cloned())
                        .collect();
                    joined.push(verb.to_lowercase());
                    let form = b.word(&joined.join("-"));
                    b.dict.entries.push(VerbEntry {
                        block,
                        code,
                        form,
                        front: Vec::new(),
                        back,
                        line: line.number as u32,
                        generated: true,
                        stem,
                    });
                }
            };
        add(self, verb, front.clone(), back.clone(), false);
        match forms {
            Some(list) => {
                for spec in list.split_whitespace() {
                    let Some((f, v, b)) = Self::verb_spec(spec) else {
                        continue;
                    };
                    let (f, b) = if f.is_empty() && b.is_empty() && !spec.contains('_') {
                        (front.clone(), back.clone())
                    } else {
                        (
                            f.iter().map(|w| self.word(w)).collect(),
                            b.iter().map(|w| self.word(w)).collect(),
                        )
                    };
                    add(self, v, f, b, false);
                }
            }
            None => {
                for form in regular_forms(verb) {
                    add(self, &form, front.clone(), back.clone(), true);
                }
            }
        }
    }
}

/// Synsets are looked up by name without `&` and the trailing `_`.
fn synset_key(name: &str) -> String {
    name.trim_end_matches('_').to_uppercase()
}

/// Which kind of line this is, in the context of what came before.
enum Context {
    None,
    Synset,
    Block(u32, CodePair),
}

pub(super) fn read_petrarch(text: &str, name: &str) -> (VerbDictionary, Vec<DictIssue>) {
    let mut b = Builder {
        name: name.to_string(),
        ..Builder::default()
    };
    let mut early = Vec::new();
    let lines = clean_lines(text, &mut |line, message| early.push((line, message)));
    for (line, message) in early {
        b.issue(line, message);
    }

    // Synsets first: they may be used before they are defined.
    let mut raw: HashMap<String, RawSynset> = HashMap::new();
    let mut order: Vec<String> = Vec::new();
    let mut current: Option<String> = None;
    for line in &lines {
        let t = line.text.as_str();
        if let Some(label) = t.strip_prefix('&') {
            let label = label.split_whitespace().next().unwrap_or("");
            let key = synset_key(label);
            if key.is_empty() {
                current = None;
                continue;
            }
            if !raw.contains_key(&key) {
                order.push(key.clone());
            }
            raw.entry(key.clone()).or_insert(RawSynset {
                line: line.number,
                no_plural: label.ends_with('_'),
                members: Vec::new(),
            });
            current = Some(key);
        } else if let (Some(member), Some(key)) = (t.strip_prefix('+'), &current) {
            if let Some(set) = raw.get_mut(key) {
                set.members.push((line.number, member.trim().to_string()));
            }
        } else {
            current = None;
        }
    }
    for (i, key) in order.iter().enumerate() {
        b.synset_index.insert(key.clone(), i as u32);
    }
    let mut done = HashMap::new();
    for key in &order {
        let members = b.expand_synset(key, &raw, &mut done, &mut Vec::new());
        if members.is_empty() {
            let line = raw.get(key).map_or(0, |s| s.line);
            b.issue(line, format!("synset &{key} has no members"));
        }
        b.dict.synsets.push(Synset::new(key.clone(), members));
    }

    let mut context = Context::None;
    for line in &lines {
        let t = line.text.as_str();
        if t.starts_with("---") {
            let inner = t.trim_matches('-').trim();
            let (name_part, code) = match split_code(inner) {
                Some((before, code)) => (before, b.code_pair(code)),
                None => (inner, CodePair::default()),
            };
            let block_name = name_part
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_string();
            let id = b.add_block(&block_name, code);
            context = Context::Block(id, code);
        } else if t.starts_with('&') {
            context = Context::Synset;
        } else if t.starts_with('~') {
            b.dict.transformations.push(t.to_string());
        } else if t.starts_with('-') {
            match context {
                Context::Block(id, _) => b.add_pattern(line, id),
                _ => b.issue(line.number, "pattern outside a verb block"),
            }
        } else if t.starts_with('+') && matches!(context, Context::Synset) {
            // A synset member, read above.
        } else if t.starts_with(['[', ']', '{', '}', '(', ')', '*', '$', '%', '^', '=']) {
            b.issue(line.number, "unreadable line");
        } else {
            let (id, code) = match context {
                Context::Block(id, code) => (id, code),
                _ => {
                    // A verb outside any block gets a block of its own.
                    let name = t.split_whitespace().next().unwrap_or("").to_string();
                    let id = b.add_block(&name, CodePair::default());
                    context = Context::Block(id, CodePair::default());
                    (id, CodePair::default())
                }
            };
            b.add_verb_line(line, id, code);
        }
    }
    b.restrict_named_patterns();
    let mut dict = b.dict;
    index(&mut dict);
    (dict, b.issues)
}

/// Build the lookup tables that are derived from the stored data: word ids,
/// verb forms, and the per-block pattern triggers.
pub(super) fn index(dict: &mut VerbDictionary) {
    dict.word_ids = Default::default();
    for (i, w) in dict.words.iter().enumerate() {
        dict.word_ids.entry(word_key(w)).or_insert(i as u32);
    }
    dict.forms = Default::default();
    for (i, e) in dict.entries.iter().enumerate() {
        dict.forms.entry(id_key(e.form)).or_default().push(i as u32);
    }
    let entries = &dict.entries;
    for list in dict.forms.values_mut() {
        list.sort_by_key(|&i| {
            let e = &entries[i as usize];
            (
                std::cmp::Reverse(e.front.len() + e.back.len()),
                e.generated,
                i,
            )
        });
    }
    let patterns = &dict.patterns;
    let synsets = &dict.synsets;
    for block in &mut dict.blocks {
        block.triggers = Default::default();
        block.untriggered.clear();
        let end = (block.first as usize)
            .saturating_add(block.count as usize)
            .min(patterns.len());
        let start = (block.first as usize).min(end);
        for (p, pattern) in patterns.iter().enumerate().take(end).skip(start) {
            let tokens = || pattern.before.iter().chain(&pattern.after);
            // The trigger: a plain word (not a preposition) if there is one,
            // else a preposition, else the synset with fewest first words.
            let word = tokens()
                .filter(|t| !t.prep)
                .chain(tokens().filter(|t| t.prep))
                .find_map(|t| match t.item {
                    Item::Word(w) => Some(w),
                    _ => None,
                });
            let firsts: Vec<u32> = match word {
                Some(w) => vec![w],
                None => tokens()
                    .filter_map(|t| match t.item {
                        Item::Synset(s) => synsets.get(s as usize),
                        _ => None,
                    })
                    .map(|s| {
                        let mut f: Vec<u32> = s.by_first.iter().map(|&(w, _)| w).collect();
                        f.dedup();
                        f
                    })
                    .min_by_key(Vec::len)
                    .unwrap_or_default(),
            };
            if firsts.is_empty() {
                block.untriggered.push(p as u32);
            }
            for w in firsts {
                block.triggers.entry(id_key(w)).or_default().push(p as u32);
            }
        }
    }
}
