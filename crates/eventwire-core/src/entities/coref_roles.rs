//! Roles of entity mentions: the title or description written before a name
//! ("State Department spokesman John Kirby", "his Russian counterpart Sergey
//! Lavrov") or in an apposition after it ("Lavrov, the Russian foreign
//! minister,"). A role must contain a head noun for the entity's class
//! (spokesman, minister, envoy... for people; company, airline, group... for
//! organisations). Leading articles and possessives are left out, so both
//! forms give the same kind of text: "Russian foreign minister".

use super::coref::Context;
use super::coref_names::{Group, Lexicon};

/// How far a role may reach from its name, in tokens.
const MAX_ROLE_TOKENS: usize = 10;

fn is_article_or_possessive(lower: &str) -> bool {
    matches!(
        lower,
        "the" | "a" | "an" | "his" | "her" | "its" | "their" | "our" | "my" | "your"
    )
}

fn is_calendar_word(lower: &str) -> bool {
    matches!(
        lower,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "january"
            | "february"
            | "march"
            | "april"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "today"
            | "yesterday"
            | "tomorrow"
    )
}

/// Words that may continue a role after its head: "envoy for Syria",
/// "minister of foreign affairs", "ambassador to the UN".
fn is_role_preposition(lower: &str) -> bool {
    matches!(lower, "of" | "for" | "to" | "at" | "in" | "on" | "with")
}

/// Words that end a description: a clause or a verb begins there.
fn is_clause_word(lower: &str, lexicon: &Lexicon) -> bool {
    lexicon.speech_verbs.contains(lower)
        || matches!(
            lower,
            "who"
                | "which"
                | "that"
                | "whose"
                | "whom"
                | "is"
                | "was"
                | "are"
                | "were"
                | "be"
                | "been"
                | "has"
                | "have"
                | "had"
                | "will"
                | "would"
                | "can"
                | "could"
                | "may"
                | "might"
                | "should"
                | "must"
                | "did"
                | "does"
                | "do"
                | "not"
                | "when"
                | "where"
                | "while"
                | "after"
                | "before"
                | "because"
                | "since"
                | "if"
                | "as"
                | "but"
                | "or"
                | "than"
                | "also"
                | "he"
                | "she"
                | "they"
                | "it"
                | "we"
                | "i"
                | "you"
        )
}

/// Is token `i` a word that can stand inside a role before its head?
fn is_role_word(ctx: &Context, i: usize, group: Group, lexicon: &Lexicon) -> bool {
    let word = ctx.word(i);
    let lower = word.to_lowercase();
    if lexicon.is_head(&lower, group) || lexicon.modifiers.contains(lower.as_str()) {
        return true;
    }
    match ctx.covering_group(i) {
        Some(Group::Person) => return false,
        Some(_) => return true,
        None => {}
    }
    let Some(first) = word.chars().next() else {
        return false;
    };
    if first.is_uppercase() {
        // A capitalised word opening the sentence may be any word ("Yesterday").
        return !ctx.starts_sentence(i) && !is_calendar_word(&lower) && word != "I";
    }
    if first.is_alphabetic() {
        // Lowercase nouns and adjectives are role words only when a tagger says so.
        return matches!(ctx.pos(i), Some("NOUN" | "ADJ" | "PROPN"));
    }
    false
}

/// A role head of any class or a title: the left side of "X of Y" in a role.
fn is_title_word(ctx: &Context, i: usize, lexicon: &Lexicon) -> bool {
    let lower = ctx.word(i).to_lowercase();
    lexicon.is_person_title(&lower) || lexicon.is_head(&lower, Group::Org)
}

fn is_head_at(ctx: &Context, i: usize, group: Group, lexicon: &Lexicon) -> bool {
    let lower = ctx.word(i).to_lowercase();
    lexicon.is_head(&lower, group)
        || (group == Group::Person && lexicon.is_person_title(&lower) && ctx.word(i).ends_with('.'))
}

/// The role written right before the mention whose first token is `first`.
pub(super) fn role_before(ctx: &Context, first: usize, group: Group) -> Option<(u32, u32)> {
    if !matches!(group, Group::Person | Group::Org) || first == 0 {
        return None;
    }
    let lexicon = Lexicon::get();
    let sentence_start = ctx.sentence_start(first);
    let mut from = first; // first token of the role, inclusive
    let mut i = first;
    while i > sentence_start && first - i < MAX_ROLE_TOKENS {
        let j = i - 1;
        let lower = ctx.word(j).to_lowercase();
        if is_role_word(ctx, j, group, lexicon) {
            from = j;
        } else if (is_role_preposition(&lower) || lower == "and")
            && from == j + 1
            && j > sentence_start
            && is_title_word(ctx, j - 1, lexicon)
            && ctx.word(j + 1).starts_with(|c: char| c.is_uppercase())
        {
            // "Secretary of State", "Envoy for Syria", "Chairman and CEO",
            // but not "Northrop Grumman and Airbus parent".
            from = j;
        } else {
            break;
        }
        i = j;
    }
    if from == first {
        return None;
    }
    // Trim connectors off the left edge, then require a head noun.
    while from < first && is_role_preposition(&ctx.word(from).to_lowercase()) {
        from += 1;
    }
    let has_head = (from..first).any(|k| is_head_at(ctx, k, group, lexicon));
    let adjacent = first - 1;
    let adjacent_ok = is_head_at(ctx, adjacent, group, lexicon)
        || ctx.word(adjacent).starts_with(|c: char| c.is_uppercase());
    (has_head && adjacent_ok).then(|| (ctx.start(from), ctx.end(adjacent)))
}

/// The role in an apposition after the mention whose tokens end before `after`:
/// ", the Russian foreign minister," -> "Russian foreign minister".
pub(super) fn role_after(ctx: &Context, after: usize, group: Group) -> Option<(u32, u32)> {
    if !matches!(group, Group::Person | Group::Org) || after >= ctx.len() || ctx.word(after) != ","
    {
        return None;
    }
    let lexicon = Lexicon::get();
    let sentence_end = ctx.sentence_end(after);
    let mut i = after + 1;
    if i < sentence_end && is_article_or_possessive(&ctx.word(i).to_lowercase()) {
        i += 1;
    }
    let from = i;
    let mut last_head = None;
    // Before and at the head: role words only.
    while i < sentence_end && i - from < MAX_ROLE_TOKENS {
        if is_head_at(ctx, i, group, lexicon) {
            last_head = Some(i);
        } else if !is_role_word(ctx, i, group, lexicon) {
            // "Chairman and Chief Operating Officer": a coordination of roles.
            let joins = matches!(ctx.word(i), "and" | "&")
                && i + 1 < sentence_end
                && is_role_word(ctx, i + 1, group, lexicon);
            if !joins {
                break;
            }
        }
        i += 1;
    }
    let head = last_head?;
    let mut to = head + 1; // exclusive end of the role
                           // After the head: a prepositional phrase of nouns ("of AirTran Airways").
    if to < sentence_end && is_role_preposition(&ctx.word(to).to_lowercase()) {
        let mut k = to + 1;
        while k < sentence_end && k - from < MAX_ROLE_TOKENS + 4 {
            let word = ctx.word(k);
            let lower = word.to_lowercase();
            let fits = is_role_word(ctx, k, group, lexicon)
                || is_article_or_possessive(&lower)
                || is_role_preposition(&lower)
                || lower == "and"
                || (ctx.pos(k).is_none()
                    && word.chars().all(char::is_alphanumeric)
                    && !is_clause_word(&lower, lexicon)
                    && ctx.covering_group(k) != Some(Group::Person));
            if !fits {
                break;
            }
            k += 1;
        }
        // Drop trailing connectors and articles.
        while k > to + 1 && {
            let lower = ctx.word(k - 1).to_lowercase();
            is_role_preposition(&lower) || is_article_or_possessive(&lower) || lower == "and"
        } {
            k -= 1;
        }
        if k > to + 1 {
            to = k;
        }
    }
    // The apposition must close: punctuation, the end of the sentence or a speech verb.
    let closes = to >= sentence_end || {
        let word = ctx.word(to);
        matches!(
            word,
            "," | "." | ";" | ":" | ")" | "–" | "—" | "-" | "\"" | "”" | "“" | "''" | "``"
        ) || lexicon.speech_verbs.contains(word.to_lowercase().as_str())
    };
    (closes && to > from).then(|| (ctx.start(from), ctx.end(to - 1)))
}
