//! Readers for the PETRARCH/TABARI text dictionaries (actors, agents,
//! discards) and for the user override file. Pure: each takes the file's
//! text and a name for messages, and returns the records it understood plus
//! one [`DictIssue`] (file, line, problem) per line it had to skip, so the
//! shipped Phoenix files load while a user's mistakes can be reported.

use super::dates::{parse_compact_date, parse_iso_date, DateRange};
use std::fmt;

/// A line the reader could not use: where it is and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DictIssue {
    /// File name as the caller gave it (may be empty).
    pub file: String,
    /// 1-based line number.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for DictIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.file.is_empty() {
            write!(f, "line {}: {}", self.line, self.message)
        } else {
            write!(f, "{}:{}: {}", self.file, self.line, self.message)
        }
    }
}

impl std::error::Error for DictIssue {}

/// Records read from one file and the lines that were skipped.
#[derive(Debug, Clone)]
pub struct Parsed<T> {
    pub records: Vec<T>,
    pub issues: Vec<DictIssue>,
}

impl<T> Default for Parsed<T> {
    fn default() -> Self {
        Parsed {
            records: Vec::new(),
            issues: Vec::new(),
        }
    }
}

impl<T> Parsed<T> {
    /// The records, or the first skipped line as an error (for user files,
    /// where a silently skipped line would be a surprise).
    pub fn strict(self) -> Result<Vec<T>, DictIssue> {
        match self.issues.into_iter().next() {
            Some(issue) => Err(issue),
            None => Ok(self.records),
        }
    }
}

/// One code of an actor, valid over a date range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeRule {
    /// Upper-case CAMEO code; `---` is the null code (matched, not coded).
    pub code: String,
    pub range: DateRange,
}

/// An actor record: a primary phrase, its `+` synonyms and its codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorRecord {
    /// Line of the primary phrase.
    pub line: usize,
    /// Phrases as written (words joined by `_` or spaces), primary first.
    pub phrases: Vec<String>,
    /// Codes in file order; undated rules are defaults.
    pub rules: Vec<CodeRule>,
}

/// An agent phrase (singular and plural forms already expanded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentRecord {
    pub line: usize,
    pub phrases: Vec<String>,
    /// `~GOV` (role added after the actor code) or `IGO~` (added before).
    pub code: String,
}

/// A discard phrase: a sentence (or with `story`, the whole story) holding
/// it is not coded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscardRecord {
    pub line: usize,
    pub phrase: String,
    pub story: bool,
    /// The last word must match whole (`_` at the end); otherwise it is a stem.
    pub whole_word: bool,
}

/// Lines of `text` with comments removed: `#` and legacy `;` to the end of
/// the line, and `<!-- … -->` (possibly over several lines). Yields the
/// 1-based line number, whether the line started with whitespace, and the
/// trimmed content (empty lines are skipped).
fn content_lines(text: &str) -> Vec<(usize, bool, String)> {
    let mut out = Vec::new();
    let mut in_comment = false;
    for (index, raw) in text.lines().enumerate() {
        let mut kept = String::new();
        let mut rest = raw;
        loop {
            if in_comment {
                match rest.find("-->") {
                    Some(end) => {
                        rest = &rest[end + 3..];
                        in_comment = false;
                    }
                    None => break,
                }
            } else {
                match rest.find("<!--") {
                    Some(open) => {
                        kept.push_str(&rest[..open]);
                        rest = &rest[open + 4..];
                        in_comment = true;
                    }
                    None => {
                        kept.push_str(rest);
                        break;
                    }
                }
            }
        }
        let cut = kept.find(['#', ';']).unwrap_or(kept.len());
        let line = &kept[..cut];
        let indented = line.starts_with([' ', '\t']);
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            out.push((index + 1, indented, trimmed.to_string()));
        }
    }
    out
}

fn issue(file: &str, line: usize, message: impl Into<String>) -> DictIssue {
    DictIssue {
        file: file.to_string(),
        line,
        message: message.into(),
    }
}

/// Whether `code` is a plausible CAMEO code: ASCII letters, digits and `-`
/// (TABARI compound codes such as `ELR/GAL` and the `+++` marker of the
/// PETRARCH test dictionaries are kept as written).
fn valid_code(code: &str) -> bool {
    !code.is_empty()
        && code
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'/' | b'+'))
}

/// Parse one `[CODE restriction]` body. PETRARCH restrictions: `<date`,
/// `>date`, `date-date`; dates YYYYMMDD or YYMMDD (00–30 → 20YY, else 19YY).
fn parse_bracket(body: &str) -> Result<CodeRule, String> {
    let body = body.trim();
    let (code, restriction) = match body.find(char::is_whitespace) {
        Some(at) => (&body[..at], body[at..].trim()),
        None => (body, ""),
    };
    let code = code.to_ascii_uppercase();
    if !valid_code(&code) {
        return Err(format!(
            "bad code '{code}' (letters, digits, '-', '/' or '+' only)"
        ));
    }
    let bad_date = |d: &str| format!("bad date '{d}' in '[{body}]' (YYYYMMDD or YYMMDD)");
    let range = if restriction.is_empty() {
        DateRange::Always
    } else if let Some(date) = restriction.strip_prefix('<') {
        let date = date.trim();
        DateRange::Before(parse_compact_date(date).ok_or_else(|| bad_date(date))?)
    } else if let Some(date) = restriction.strip_prefix('>') {
        let date = date.trim();
        DateRange::After(parse_compact_date(date).ok_or_else(|| bad_date(date))?)
    } else if let Some((from, to)) = restriction.split_once('-') {
        let (from, to) = (from.trim(), to.trim());
        let from_day = parse_compact_date(from).ok_or_else(|| bad_date(from))?;
        let to_day = parse_compact_date(to).ok_or_else(|| bad_date(to))?;
        if to_day < from_day {
            return Err(format!("date range '{restriction}' ends before it starts"));
        }
        DateRange::Between(from_day, to_day)
    } else {
        return Err(format!(
            "bad date restriction '{restriction}' (want <date, >date or date-date)"
        ));
    };
    Ok(CodeRule { code, range })
}

/// Split `s` into the text before the first `[` and the bodies of all
/// `[…]` groups after it.
fn split_brackets(s: &str) -> Result<(&str, Vec<&str>), String> {
    let Some(first) = s.find('[') else {
        return Ok((s, Vec::new()));
    };
    let mut bodies = Vec::new();
    let mut rest = &s[first..];
    while let Some(open) = rest.find('[') {
        if !rest[..open].trim().is_empty() {
            return Err(format!("unexpected text '{}'", rest[..open].trim()));
        }
        let after = &rest[open + 1..];
        let close = after
            .find(']')
            .ok_or_else(|| format!("'[' without ']' in '{}'", s.trim()))?;
        bodies.push(&after[..close]);
        rest = &after[close + 1..];
    }
    if !rest.trim().is_empty() {
        return Err(format!("unexpected text '{}' after ']'", rest.trim()));
    }
    Ok((&s[..first], bodies))
}

/// Whether a phrase has at least one word character.
fn has_word(phrase: &str) -> bool {
    phrase.chars().any(char::is_alphanumeric)
}

/// Read a PETRARCH actor dictionary:
///
/// ```text
/// PRIMARY_PHRASE [CODE]          # optional default code
/// +SYNONYM_PHRASE
///     [CODE 20130201-20170120]   # indented date restrictions, also >date, <date
/// ```
///
/// Restrictions may also follow the primary phrase on its line (TABARI style).
pub fn parse_actor_dictionary(text: &str, file: &str) -> Parsed<ActorRecord> {
    let mut out = Parsed::default();
    let mut current: Option<ActorRecord> = None;
    for (line, _, content) in content_lines(text) {
        if content.starts_with("---STOP---") {
            break;
        }
        if let Some(synonym) = content.strip_prefix('+') {
            let Some(record) = current.as_mut() else {
                out.issues.push(issue(
                    file,
                    line,
                    "synonym '+' line before any primary phrase",
                ));
                continue;
            };
            match split_brackets(synonym) {
                Ok((phrase, bodies)) if bodies.is_empty() && has_word(phrase) => {
                    record.phrases.push(phrase.trim().to_string())
                }
                Ok((_, bodies)) if !bodies.is_empty() => out.issues.push(issue(
                    file,
                    line,
                    "a '+' synonym cannot carry its own [code]; put codes on the primary phrase",
                )),
                Ok(_) => out.issues.push(issue(file, line, "empty synonym phrase")),
                Err(e) => out.issues.push(issue(file, line, e)),
            }
            continue;
        }
        // An indented line holding a phrase is taken as a primary phrase
        // (a stray tab); only `[…]` lines are restrictions.
        if content.starts_with('[') {
            let Some(record) = current.as_mut() else {
                out.issues
                    .push(issue(file, line, "code line before any primary phrase"));
                continue;
            };
            match split_brackets(&content) {
                Ok((before, bodies)) if before.trim().is_empty() && !bodies.is_empty() => {
                    for body in bodies {
                        match parse_bracket(body) {
                            Ok(rule) => record.rules.push(rule),
                            Err(e) => out.issues.push(issue(file, line, e)),
                        }
                    }
                }
                Ok(_) => out.issues.push(issue(
                    file,
                    line,
                    format!("text before the [code]: '{content}'"),
                )),
                Err(e) => out.issues.push(issue(file, line, e)),
            }
            continue;
        }
        // A primary phrase starts a new record.
        let (phrase, bodies) = match split_brackets(&content) {
            Ok(parts) => parts,
            Err(e) => {
                out.issues.push(issue(file, line, e));
                // Its synonyms and restrictions must not attach to the record before.
                out.records.extend(current.take());
                continue;
            }
        };
        out.records.extend(current.take());
        if !has_word(phrase) {
            out.issues
                .push(issue(file, line, "primary phrase has no words"));
            continue;
        }
        let mut record = ActorRecord {
            line,
            phrases: vec![phrase.trim().to_string()],
            rules: Vec::new(),
        };
        for body in bodies {
            match parse_bracket(body) {
                Ok(rule) => record.rules.push(rule),
                Err(e) => out.issues.push(issue(file, line, e)),
            }
        }
        current = Some(record);
    }
    out.records.extend(current);
    out
}

/// The regular plural of the last word of `phrase` (PETRARCH's rule: Y → IES,
/// S → SES, else + S).
fn regular_plural(phrase: &str) -> String {
    let phrase = phrase.trim_end_matches('_');
    if let Some(stem) = phrase.strip_suffix(['Y', 'y']) {
        let vowel_before = stem.ends_with(['A', 'E', 'O', 'U', 'a', 'e', 'o', 'u']);
        if !vowel_before {
            return format!("{stem}IES");
        }
    }
    if phrase.ends_with(['S', 's', 'X', 'x']) || phrase.ends_with("CH") || phrase.ends_with("SH") {
        return format!("{phrase}ES");
    }
    format!("{phrase}S")
}

/// Read a PETRARCH agent dictionary:
///
/// ```text
/// !PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON      # substitution set
/// POLICE {} [~COP]                               # {} : no plural
/// ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]    # irregular plural
/// REBEL [~REB]                                   # regular plural generated
/// CONGRESS!PERSON! [~LEG]                        # one phrase per set member
/// PEACEKEEPING_TROOPS {} [IGO~]                  # code put before the actor's
/// ```
pub fn parse_agent_dictionary(text: &str, file: &str) -> Parsed<AgentRecord> {
    let mut out = Parsed::default();
    let mut sets: Vec<(String, Vec<String>)> = Vec::new();
    for (line, _, content) in content_lines(text) {
        if content.starts_with('!') && content.contains('=') {
            let (marker, members) = content.split_once('=').unwrap_or((&content, ""));
            let marker = marker.trim().trim_matches('!').to_string();
            let members: Vec<String> = members
                .split(',')
                .map(|m| m.trim().to_string())
                .filter(|m| !m.is_empty())
                .collect();
            if marker.is_empty() || members.is_empty() {
                out.issues
                    .push(issue(file, line, "substitution set needs !NAME! = A, B, …"));
            } else {
                sets.retain(|(name, _)| *name != marker);
                sets.push((marker, members));
            }
            continue;
        }
        let (phrase_part, bodies) = match split_brackets(&content) {
            Ok(parts) => parts,
            Err(e) => {
                out.issues.push(issue(file, line, e));
                continue;
            }
        };
        let [body] = bodies.as_slice() else {
            out.issues.push(issue(
                file,
                line,
                "an agent needs exactly one [code], e.g. POLICE {} [~COP]",
            ));
            continue;
        };
        let code = body.trim().to_ascii_uppercase();
        let role = code.trim_start_matches('~').trim_end_matches('~');
        let one_tilde = code.matches('~').count() == 1;
        if !one_tilde
            || !(code.starts_with('~') || code.ends_with('~'))
            || !role.bytes().all(|b| b.is_ascii_alphanumeric())
        {
            out.issues.push(issue(
                file,
                line,
                format!("agent code '{code}' must be ~ROLE (after the actor) or ROLE~ (before)"),
            ));
            continue;
        }
        let (phrase, plural) = match phrase_part.find('{') {
            Some(open) => {
                let Some(close) = phrase_part[open..].find('}') else {
                    out.issues.push(issue(file, line, "'{' without '}'"));
                    continue;
                };
                let plural = phrase_part[open + 1..open + close].trim();
                (phrase_part[..open].trim(), Some(plural.to_string()))
            }
            None => (phrase_part.trim(), None),
        };
        if !has_word(phrase) {
            out.issues
                .push(issue(file, line, "agent phrase has no words"));
            continue;
        }
        let mut phrases = Vec::new();
        if let Some(open) = phrase.find('!') {
            let Some(len) = phrase[open + 1..].find('!') else {
                out.issues
                    .push(issue(file, line, "substitution marker without closing '!'"));
                continue;
            };
            let marker = &phrase[open + 1..open + 1 + len];
            let Some((_, members)) = sets.iter().find(|(name, _)| name == marker) else {
                out.issues.push(issue(
                    file,
                    line,
                    format!("substitution set !{marker}! is not defined above"),
                ));
                continue;
            };
            let (before, after) = (&phrase[..open], &phrase[open + len + 2..]);
            for member in members {
                phrases.push(format!("{before}{member}{after}"));
            }
        } else {
            phrases.push(phrase.to_string());
            match plural {
                Some(p) if p.is_empty() => {}
                Some(p) => phrases.push(p),
                None => phrases.push(regular_plural(phrase)),
            }
        }
        out.records.push(AgentRecord {
            line,
            phrases,
            code,
        });
    }
    out
}

/// Read a PETRARCH discard list: one phrase a line; `+` marks a story-level
/// discard; a trailing `_` asks for a whole last word (else it is a stem).
pub fn parse_discard_list(text: &str, file: &str) -> Parsed<DiscardRecord> {
    let mut out = Parsed::default();
    for (line, _, content) in content_lines(text) {
        let (story, phrase) = match content.strip_prefix('+') {
            Some(rest) => (true, rest.trim()),
            None => (false, content.as_str()),
        };
        if !has_word(phrase) {
            out.issues
                .push(issue(file, line, "discard phrase has no words"));
            continue;
        }
        out.records.push(DiscardRecord {
            line,
            phrase: phrase.trim_end_matches('_').to_string(),
            story,
            whole_word: phrase.ends_with('_'),
        });
    }
    out
}

/// Read a user override file. Two line forms may be mixed:
///
/// * tab-separated `phrase<TAB>CODE[<TAB>FROM<TAB>TO]`, dates `YYYY-MM-DD`
///   (either may be empty for an open end); several lines for one phrase give
///   one entry with several date ranges, tried in order, an undated line
///   being the default;
/// * PETRARCH actor-dictionary records (see [`parse_actor_dictionary`]).
///
/// Codes ending or starting with `~` make agents (role words).
pub fn parse_user_file(text: &str, file: &str) -> Parsed<ActorRecord> {
    let mut out = Parsed::default();
    let mut petrarch_lines = String::new();
    let mut petrarch_line_numbers = Vec::new();
    let mut tsv: Vec<ActorRecord> = Vec::new();
    for (index, full) in text.lines().enumerate() {
        let line = index + 1;
        let raw = full.split('#').next().unwrap_or("");
        let is_tsv = !raw.starts_with([' ', '\t'])
            && raw
                .split('\t')
                .nth(1)
                .is_some_and(|f| !f.trim_start().starts_with('['))
            && !raw.trim_start().starts_with('#');
        if !is_tsv {
            petrarch_lines.push_str(full);
            petrarch_lines.push('\n');
            petrarch_line_numbers.push(line);
            continue;
        }
        let fields: Vec<&str> = raw.split('\t').map(str::trim).collect();
        if fields.len() > 4 {
            out.issues.push(issue(
                file,
                line,
                "too many columns: want phrase, CODE, from, to",
            ));
            continue;
        }
        let phrase = fields[0];
        if !has_word(phrase) {
            out.issues.push(issue(file, line, "empty phrase"));
            continue;
        }
        let code = fields[1].to_ascii_uppercase();
        let role = code.trim_start_matches('~').trim_end_matches('~');
        if !(valid_code(&code)
            || (code.contains('~') && role.bytes().all(|b| b.is_ascii_alphanumeric())))
        {
            out.issues.push(issue(
                file,
                line,
                format!("bad code '{}' (e.g. USAGOV, IGOUNO, ~MIL)", fields[1]),
            ));
            continue;
        }
        let date = |i: usize| -> Result<Option<i32>, String> {
            match fields.get(i).copied().unwrap_or("") {
                "" => Ok(None),
                d => parse_iso_date(d)
                    .map(Some)
                    .ok_or_else(|| format!("bad date '{d}' (want YYYY-MM-DD)")),
            }
        };
        let range = match (date(2), date(3)) {
            (Err(e), _) | (_, Err(e)) => {
                out.issues.push(issue(file, line, e));
                continue;
            }
            (Ok(None), Ok(None)) => DateRange::Always,
            (Ok(Some(from)), Ok(None)) => DateRange::After(from),
            (Ok(None), Ok(Some(to))) => DateRange::Before(to),
            (Ok(Some(from)), Ok(Some(to))) if to < from => {
                out.issues
                    .push(issue(file, line, "date range ends before it starts"));
                continue;
            }
            (Ok(Some(from)), Ok(Some(to))) => DateRange::Between(from, to),
        };
        let rule = CodeRule { code, range };
        match tsv.iter_mut().find(|r| r.phrases[0] == phrase) {
            Some(record) => record.rules.push(rule),
            None => tsv.push(ActorRecord {
                line,
                phrases: vec![phrase.to_string()],
                rules: vec![rule],
            }),
        }
    }
    let petrarch = parse_actor_dictionary(&petrarch_lines, file);
    let renumber = |n: usize| {
        petrarch_line_numbers
            .get(n.wrapping_sub(1))
            .copied()
            .unwrap_or(n)
    };
    out.issues.extend(petrarch.issues.into_iter().map(|mut i| {
        i.line = renumber(i.line);
        i
    }));
    out.records
        .extend(petrarch.records.into_iter().map(|mut r| {
            r.line = renumber(r.line);
            r
        }));
    out.records.extend(tsv);
    out.records.sort_by_key(|r| r.line);
    out.issues.sort_by_key(|i| i.line);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actor_records_with_synonyms_and_dates() {
        let text = "# comment\nJOHN_KERRY_ # note\n+SECRETARY_KERRY_\n\t[USAGOVLEG 850103-130201]\n\t[USAGOV >130201]\n\nUN_ [IGOUNO]\nANN_VENEMAN_\t[USAGOV 010120-050120] [IGOUNOKID >050501]\n";
        let parsed = parse_actor_dictionary(text, "t.txt");
        assert!(parsed.issues.is_empty(), "{:?}", parsed.issues);
        assert_eq!(parsed.records.len(), 3);
        let kerry = &parsed.records[0];
        assert_eq!(kerry.phrases, vec!["JOHN_KERRY_", "SECRETARY_KERRY_"]);
        assert_eq!(kerry.rules.len(), 2);
        assert_eq!(kerry.rules[1].code, "USAGOV");
        assert!(matches!(kerry.rules[1].range, DateRange::After(_)));
        assert_eq!(parsed.records[2].rules.len(), 2);
    }

    #[test]
    fn malformed_lines_are_reported_with_their_line() {
        let text = "FOO [ABC]\n\t[ABC 2004017-20061201]\n+BAR [XYZ]\nBAZ [A B C\n";
        let parsed = parse_actor_dictionary(text, "bad.txt");
        let lines: Vec<usize> = parsed.issues.iter().map(|i| i.line).collect();
        assert_eq!(lines, vec![2, 3, 4]);
        assert!(parsed.issues[0]
            .to_string()
            .starts_with("bad.txt:2: bad date"));
        assert!(parse_actor_dictionary(text, "bad.txt").strict().is_err());
    }

    #[test]
    fn html_comments_span_lines() {
        let text = "<!-- a\nFOO [ABC]\n-->\nBAR [DEF] <!-- x -->\n";
        let parsed = parse_actor_dictionary(text, "");
        assert_eq!(parsed.records.len(), 1);
        assert_eq!(parsed.records[0].phrases, vec!["BAR"]);
    }

    #[test]
    fn agents_expand_plurals_and_markers() {
        let text = "!PERSON! = MAN, MEN\nPOLICE {} [~COP]\nREBEL [~REB]\nARMY [~MIL]\nCONGRESS!PERSON! [~LEG]\nATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]\nTRUCE_MONITOR [IGO~]\nBAD [GOV]\n";
        let parsed = parse_agent_dictionary(text, "a.txt");
        let phrases: Vec<&str> = parsed
            .records
            .iter()
            .flat_map(|r| r.phrases.iter().map(String::as_str))
            .collect();
        assert_eq!(
            phrases,
            vec![
                "POLICE",
                "REBEL",
                "REBELS",
                "ARMY",
                "ARMIES",
                "CONGRESSMAN",
                "CONGRESSMEN",
                "ATTORNEY_GENERAL",
                "ATTORNEYS_GENERAL",
                "TRUCE_MONITOR",
                "TRUCE_MONITORS"
            ]
        );
        assert_eq!(parsed.issues.len(), 1);
        assert_eq!(parsed.issues[0].line, 8);
    }

    #[test]
    fn user_file_mixes_tsv_and_petrarch_lines() {
        let text = "John Kerry\tUSAGOV\t2013-02-01\t2017-01-20\nJohn Kerry\tUSAELI\n# note\nFOO_BAR [ABCGOV]\n+FOO\npolice\t~COP\nbad\tUSAGOV\t2017-13-01\n";
        let parsed = parse_user_file(text, "u.tsv");
        assert_eq!(parsed.issues.len(), 1);
        assert_eq!(parsed.issues[0].line, 7);
        assert_eq!(parsed.records.len(), 3);
        assert_eq!(parsed.records[0].rules.len(), 2);
        assert_eq!(parsed.records[1].line, 4);
        assert_eq!(parsed.records[1].phrases, vec!["FOO_BAR", "FOO"]);
    }
}
