//! Event coding: who did what to whom, when, where, according to whom.
//!
//! Events are read from the dependency parse: a verb (or an event noun such as
//! "bombings", "a phone call") with its subject and object phrases is matched
//! against CAMEO's verb patterns ([`verbs`]); the phrases become actors through
//! the actor dictionary ([`crate::actors`]); the code gets its PLOVER type,
//! QuadClass and Goldstein weight ([`cameo`]). Each event then takes its status
//! (negated, future, hypothetical, claimed), the time expression and place
//! linked to it, and who reported it. When unsure, nothing is emitted.

mod actor;
pub mod cameo;
mod clause;
mod link;
mod merge;
mod nominal;
mod status;
mod tree;
pub mod verbs;

use crate::actors::ActorDictionary;
use crate::document::{
    Dateline, Document, Entity, Event, EventActor, EventPlace, Place, Quote, Span, TimeExpression,
    Token,
};
use actor::{most_specific, ActorCoder, Member, MAX_PHRASE_TOKENS};
use clause::{frame, is_event_verb, members, noun_phrase, Frame};
use link::{event_date, quote_at, Links};
use nominal::{noun_code, noun_frame, NounFrame};
use status::{status_of, Status};
use std::collections::HashMap;
use tree::Tree;
use verbs::{VerbDictionary, VerbMatch};

/// Everything the event coder reads from the earlier stages of one article.
#[derive(Debug, Clone, Copy)]
pub struct EventContext<'a> {
    pub text: &'a str,
    pub sentences: &'a [Span],
    /// Tagged and parsed tokens covering the whole text; empty means no parse,
    /// and then no events.
    pub tokens: &'a [Token],
    pub entities: &'a [Entity],
    pub times: &'a [TimeExpression],
    pub places: &'a [Place],
    pub quotes: &'a [Quote],
    pub dateline: Option<&'a Dateline>,
    /// The article's own date (YYYY-MM-DD): dates office holders' codes and is the
    /// event date of last resort.
    pub reporting_date: Option<&'a str>,
}

impl<'a> EventContext<'a> {
    /// The earlier stages' layers of `doc`, with the tokens the coder reads
    /// (the document's own, or others: the pipeline hands them over before
    /// storing them, the gold-parse diagnostic swaps in gold trees) and the
    /// date that anchors office holders and undated events.
    pub fn of(
        doc: &'a Document,
        tokens: &'a [Token],
        reporting_date: Option<&'a str>,
    ) -> EventContext<'a> {
        EventContext {
            text: &doc.text,
            sentences: &doc.sentences,
            tokens,
            entities: &doc.entities,
            times: &doc.times,
            places: &doc.places,
            quotes: &doc.quotes,
            dateline: doc.dateline.as_ref(),
            reporting_date,
        }
    }
}

/// Whether a violent code from a verb of harm is economic harm instead: in
/// trade news imports "injure domestic producers" and a veto would "hurt U.S.
/// industry", which CAMEO's verb codes read as physical assault (18x). When
/// the harmed side is a business or an economic body, it is no event.
fn is_economic_harm(
    tree: &Tree<'_>,
    verb: usize,
    code: &str,
    target_head: usize,
    targets: &[Member],
) -> bool {
    const HARM_VERBS: [&str; 7] = [
        "injure",
        "harm",
        "hurt",
        "damage",
        "hit",
        "cripple",
        "devastate",
    ];
    const ECONOMIC_NOUNS: [&str; 15] = [
        "industry",
        "producer",
        "grower",
        "exporter",
        "importer",
        "manufacturer",
        "business",
        "market",
        "economy",
        "sector",
        "trade",
        "export",
        "import",
        "company",
        "firm",
    ];
    let verb_lemma = tree.lemma(verb).to_ascii_lowercase();
    let head_lemma = tree.lemma(target_head).to_ascii_lowercase();
    (code.starts_with("18") || code.starts_with("19"))
        && HARM_VERBS.contains(&verb_lemma.as_str())
        && (ECONOMIC_NOUNS.contains(&head_lemma.as_str())
            || targets.iter().all(|t| t.code.ends_with("BUS")))
}

/// CAMEO "demonstrate or rally".
const DEMONSTRATE: &str = "141";
/// "Criticize or denounce", the verbal form of an attack.
const CRITICIZE: &str = "111";

/// The author of the statement or decision a violent verb's object names,
/// when the pattern did not name that object (`Erdogan attacked the
/// proclamation … by Trump`, `attacked Trump's decision`): its possessor or
/// its `by` phrase. `None` for any other clause.
fn verbal_attack_target(
    tree: &Tree<'_>,
    frame: &Frame,
    code: &str,
    matched: &[usize],
) -> Option<usize> {
    const STATEMENTS: [&str; 20] = [
        "proclamation",
        "decision",
        "statement",
        "policy",
        "plan",
        "proposal",
        "move",
        "remark",
        "comment",
        "speech",
        "law",
        "bill",
        "resolution",
        "report",
        "announcement",
        "recognition",
        "declaration",
        "decree",
        "order",
        "stance",
    ];
    let violent = ["18", "19", "20"].iter().any(|r| code.starts_with(r));
    let object = *frame.objects.first()?;
    if !violent || frame.passive || matched.contains(&object) {
        return None;
    }
    let lemma = tree.lemma(object).to_ascii_lowercase();
    if !STATEMENTS.contains(&lemma.as_str()) {
        return None;
    }
    if let Some(possessor) = tree.child_with(object, "nmod:poss") {
        return Some(possessor);
    }
    // The `by` phrase may hang from a phrase after the object (`the
    // proclamation of Golan Heights as Israeli territory by Trump`): the
    // first one after it that belongs to this clause.
    let sentence = tree.sentence_of(object);
    (object + 1..tree.len())
        .take_while(|&t| tree.sentence_of(t) == sentence)
        .find(|&t| {
            matches!(tree.dep(t), "nmod" | "obl")
                && tree.case_of(t).is_some_and(|k| tree.lemma_is(k, "by"))
                && in_clause_of(tree, t, frame.verb)
        })
}

/// Whether `token` hangs from `verb` through phrases only, not through a
/// clause of its own.
fn in_clause_of(tree: &Tree<'_>, token: usize, verb: usize) -> bool {
    let mut node = token;
    for _ in 0..8 {
        let Some(head) = tree.head(node) else {
            return false;
        };
        if head == verb {
            return true;
        }
        if matches!(
            tree.dep(node),
            "acl" | "acl:relcl" | "advcl" | "ccomp" | "xcomp" | "conj" | "parataxis"
        ) {
            return false;
        }
        node = head;
    }
    false
}

/// CAMEO's vaguest code, "make statement", given by the speech verbs' block.
const MAKE_STATEMENT: &str = "010";

/// Most members one side of an event may have (`A, B, C and D met`).
const MAX_MEMBERS: usize = 6;

/// The events of one article, in text order, repeated mentions merged.
pub fn find_events(
    context: &EventContext<'_>,
    actors: &ActorDictionary,
    verbs: &VerbDictionary,
) -> Vec<Event> {
    if context.tokens.is_empty() {
        return Vec::new();
    }
    let tree = Tree::new(context.text, context.sentences, context.tokens);
    let date = context.reporting_date.filter(|d| d.len() == 10);
    let coder = ActorCoder::new(&tree, actors, context.entities, date);
    let skip_before = context.dateline.map_or(0, |d| d.end);
    let countries = Countries::new(context, actors, skip_before);
    let links = Links::new(&tree, context.times, context.places, skip_before, |i| {
        is_event_verb(&tree, i) || noun_code(&tree, i).is_some()
    });
    let coding = Coding {
        context,
        tree: &tree,
        coder: &coder,
        actors,
        links: &links,
        countries: &countries,
    };
    let mut discards = Discards::new(context.sentences.len());

    // Verb clauses: match every verb, then let a complement that matched
    // (`agreed to [hold talks]`) stand for the verb that governs it.
    let mut matched: Vec<(Frame, VerbMatch)> = Vec::new();
    let mut has_match = vec![false; tree.len()];
    for v in 0..tree.len() {
        if !is_event_verb(&tree, v) || tree.token(v).start < skip_before {
            continue;
        }
        let known = |w: &str| verbs.knows(&w.to_lowercase());
        if !known(tree.lemma(v)) && !known(tree.word(v)) {
            continue;
        }
        let frame = frame(&tree, v);
        if frame.subjects.is_empty() && frame.agent.is_none() {
            continue;
        }
        let clause = clause::clause(&tree, &frame);
        if let Some(m) = verbs.match_clause(&clause) {
            if m.code.is_some() {
                matched.push((frame, m));
            }
        }
    }
    for (frame, _) in &matched {
        has_match[frame.verb] = true;
    }
    let mut events = Vec::new();
    for (frame, m) in &matched {
        if frame.xcomps.iter().any(|&x| has_match[x]) {
            continue;
        }
        if discards.skip(&tree, actors, frame.verb) {
            continue;
        }
        // `conducted airstrikes on X`: a light verb whose object is an event
        // noun the pattern did not name (CONDUCT's own 060) gives way to the
        // noun's event.
        let light = nominal::is_light_verb(&tree.lemma(frame.verb).to_ascii_lowercase());
        if light
            && frame
                .objects
                .iter()
                .any(|&o| noun_code(&tree, o).is_some() && !m.matched.contains(&o))
        {
            continue;
        }
        coding.verb_events(frame, m, &mut events);
    }
    for n in 0..tree.len() {
        let Some(code) = noun_code(&tree, n) else {
            continue;
        };
        if tree.token(n).start < skip_before || discards.skip(&tree, actors, n) {
            continue;
        }
        coding.noun_events(&noun_frame(&tree, n), code, &mut events);
    }
    if discards.story {
        return Vec::new();
    }
    merge::merge_mentions(events)
}

/// Sentences the actor dictionary's discard list rules out (sports,
/// history), looked up only for sentences with a candidate event.
struct Discards {
    checked: Vec<Option<bool>>,
    /// A story-level discard was found: the whole article is skipped.
    story: bool,
}

impl Discards {
    fn new(sentences: usize) -> Discards {
        Discards {
            checked: vec![None; sentences],
            story: false,
        }
    }

    fn skip(&mut self, tree: &Tree<'_>, actors: &ActorDictionary, token: usize) -> bool {
        let Some(s) = tree.sentence_of(token) else {
            return true;
        };
        if let Some(known) = self.checked[s] {
            return known;
        }
        let mut from = token;
        while from > 0 && tree.sentence_of(from - 1) == Some(s) {
            from -= 1;
        }
        let mut to = token;
        while to < tree.len() && tree.sentence_of(to) == Some(s) {
            to += 1;
        }
        let words: Vec<&str> = (from..to).map(|t| tree.word(t)).collect();
        let found = actors.discard_in(&words);
        self.story |= found.is_some_and(|d| d.story);
        self.checked[s] = Some(found.is_some());
        found.is_some()
    }
}

/// Countries of the article: the CAMEO code of each ISO country the places
/// name, and the article's main country (most places), which stands in for
/// phrases that name only a role (`civilians`).
struct Countries {
    by_iso: HashMap<String, String>,
    main: Option<String>,
}

impl Countries {
    fn new(context: &EventContext<'_>, actors: &ActorDictionary, skip_before: u32) -> Countries {
        let mut by_iso: HashMap<String, String> = HashMap::new();
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for place in context.places {
            let Some(iso) = place.country.as_deref() else {
                continue;
            };
            if place.start < skip_before {
                continue;
            }
            *counts.entry(iso).or_default() += 1;
            if place.feature == "country" && !by_iso.contains_key(iso) {
                let words: Vec<&str> = place.name.split_whitespace().collect();
                if let Some(code) = actors.code_phrase(&words, None) {
                    if code.code.len() == 3 && !code.code.starts_with("---") {
                        by_iso.insert(iso.to_string(), code.code);
                    }
                }
            }
        }
        // Only a clearly dominant country (at least 60% of the place
        // mentions) stands in for unnamed people: a wrong country is worse
        // than no event.
        let total: usize = counts.values().sum();
        let main = counts
            .iter()
            .filter(|(iso, _)| by_iso.contains_key(**iso))
            .max_by_key(|(iso, n)| (**n, std::cmp::Reverse(**iso)))
            .filter(|(_, n)| **n * 5 >= total * 3)
            .and_then(|(iso, _)| by_iso.get(*iso).cloned());
        Countries { by_iso, main }
    }

    fn code_of_place(&self, place: &Place) -> Option<&str> {
        self.by_iso
            .get(place.country.as_deref()?)
            .map(String::as_str)
    }
}

/// What every event of the article is coded with.
struct Coding<'a> {
    context: &'a EventContext<'a>,
    tree: &'a Tree<'a>,
    coder: &'a ActorCoder<'a>,
    actors: &'a ActorDictionary,
    links: &'a Links,
    countries: &'a Countries,
}

/// The parts of an event shared by every source–target pair of a clause.
struct Setting {
    status: Status,
    date: Option<String>,
    date_source: Option<&'static str>,
    place: Option<EventPlace>,
    place_country: Option<String>,
    reported_by: Option<String>,
    speaker_code: Option<String>,
    sentence: u32,
    /// Tokens bounding the clause (the verb or noun and its actors).
    anchor: usize,
}

impl<'a> Coding<'a> {
    /// The setting of an event read at `anchor`, with the tokens whose
    /// linked time or place also count (the governing verbs).
    fn setting(&self, anchor: usize, also: &[usize], status: Status) -> Setting {
        let tree = self.tree;
        let context = self.context;
        let mut date = None;
        let mut place = None;
        for &t in std::iter::once(&anchor).chain(also) {
            if date.is_none() {
                date = self
                    .links
                    .time(t)
                    .and_then(|i| context.times.get(i))
                    .and_then(|time| time.value.as_deref())
                    .and_then(event_date);
            }
            if place.is_none() {
                place = self.links.place(t).and_then(|i| context.places.get(i));
            }
        }
        let (date, date_source) = match (date, context.reporting_date) {
            (Some(d), _) => (Some(d.to_string()), Some("text")),
            (None, Some(r)) => (Some(r.to_string()), Some("reporting")),
            (None, None) => (None, None),
        };
        let quote = quote_at(context.quotes, tree.token(anchor).start);
        let reported_by = quote.and_then(|q| q.speaker.clone());
        let speaker_code = reported_by.as_deref().and_then(|speaker| {
            let words: Vec<&str> = speaker.split_whitespace().collect();
            self.actors
                .code_phrase(&words, context.reporting_date)
                .map(|c| c.code)
        });
        Setting {
            status,
            date,
            date_source,
            place_country: place
                .and_then(|p| self.countries.code_of_place(p))
                .map(str::to_string),
            place: place.map(|p| EventPlace {
                name: p.name.clone(),
                country: p.country.clone(),
                lat: p.lat,
                lon: p.lon,
                start: p.start,
                end: p.end,
            }),
            reported_by,
            speaker_code,
            sentence: tree.sentence_of(anchor).unwrap_or(0) as u32,
            anchor,
        }
    }

    fn context_country<'s>(&'s self, setting: &'s Setting) -> Option<&'s str> {
        setting
            .place_country
            .as_deref()
            .or(self.countries.main.as_deref())
    }

    /// Coded members of the phrases headed by `heads` (each with its conjuncts).
    fn code_heads(&self, heads: &[usize], setting: &Setting) -> Vec<Member> {
        let mut out: Vec<Member> = Vec::new();
        for &h in heads {
            // `Danish media and government`: a member naming only a role
            // takes the country of the first member.
            let mut first_country: Option<String> = None;
            for m in members(self.tree, h) {
                let context = first_country.as_deref().or(self.context_country(setting));
                let coded = self.code_member(m, context);
                if first_country.is_none() {
                    first_country = coded
                        .first()
                        .map(|c| c.country().to_string())
                        .filter(|c| is_country_code(c));
                }
                out.extend(coded);
            }
        }
        let mut out = most_specific(out);
        out.truncate(MAX_MEMBERS);
        out
    }

    /// The coded members of one conjunct; `the ambassadors of A, B and C`
    /// gives each country its ambassadors.
    fn code_member(&self, head: usize, context: Option<&str>) -> Vec<Member> {
        let tree = self.tree;
        let tokens = noun_phrase(tree, head, true);
        let shared = tree.children(head).iter().map(|&c| c as usize).find(|&c| {
            tree.base_dep(c) == "nmod"
                && tree
                    .case_of(c)
                    .is_some_and(|case| tree.word(case).eq_ignore_ascii_case("of"))
                && members(tree, c).len() > 1
        });
        let Some(of_phrase) = shared else {
            return self.code_located(head, &tokens, context);
        };
        let inside = noun_phrase(tree, of_phrase, false);
        let outer: Vec<usize> = tokens
            .iter()
            .copied()
            .filter(|t| inside.binary_search(t).is_err())
            .collect();
        let mut out = Vec::new();
        for k in members(tree, of_phrase) {
            let mut words = outer.clone();
            words.extend(noun_phrase(tree, k, true));
            words.sort_unstable();
            words.dedup();
            out.extend(self.coder.code(&words, Some(head), context));
        }
        out
    }

    /// `Lawmakers in A and B`, `soldiers from A`: a phrase naming only a role
    /// takes the country of its `in`/`from` modifier (each conjunct of it
    /// gives a member) before the article's context country.
    fn code_located(&self, head: usize, tokens: &[usize], context: Option<&str>) -> Vec<Member> {
        let tree = self.tree;
        let located = tree.children(head).iter().map(|&c| c as usize).find(|&c| {
            tree.base_dep(c) == "nmod"
                && tree.case_of(c).is_some_and(|case| {
                    let case = tree.word(case);
                    case.eq_ignore_ascii_case("in") || case.eq_ignore_ascii_case("from")
                })
        });
        let Some(located) = located else {
            return self.coder.code(tokens, Some(head), context);
        };
        let own = self.coder.code(tokens, Some(head), None);
        if !own.is_empty() {
            return own;
        }
        let mut out = Vec::new();
        for place in members(tree, located) {
            let place_words = noun_phrase(tree, place, true);
            // Only a place that is itself a country-coded actor lends its country.
            let is_country = self
                .coder
                .code(&place_words, Some(place), None)
                .first()
                .is_some_and(|m| is_country_code(m.country()));
            if !is_country {
                continue;
            }
            let mut words = tokens.to_vec();
            words.extend(place_words);
            words.sort_unstable();
            words.dedup();
            out.extend(self.coder.code(&words, Some(head), None));
        }
        if out.is_empty() {
            return self.coder.code(tokens, Some(head), context);
        }
        out
    }

    /// The candidate phrase heads of a clause holding `token` (a `$`/`+` mark).
    fn head_holding(&self, frame: &Frame, token: usize) -> Option<usize> {
        let mut candidates: Vec<usize> = frame.subjects.clone();
        candidates.extend(&frame.objects);
        candidates.extend(frame.preps.iter().map(|&(_, h)| h));
        candidates.extend(frame.agent);
        for &x in &frame.xcomps {
            let inner = clause::frame(self.tree, x);
            candidates.extend(&inner.objects);
            candidates.extend(inner.preps.iter().map(|&(_, h)| h));
        }
        // A mark inside a phrase of its own within the clause's phrase
        // (`(AGAINST ATTACK) (BY +)`: `against an attack [by Israel]`) names
        // that inner phrase, not the outer one; `of` phrases are part of the actor.
        let tree = self.tree;
        let mut inner: Option<usize> = None;
        let mut node = token;
        for _ in 0..8 {
            if candidates.contains(&node) {
                return Some(inner.unwrap_or(node));
            }
            let own_phrase = tree.base_dep(node) == "nmod"
                && tree
                    .case_of(node)
                    .is_some_and(|c| !tree.word(c).eq_ignore_ascii_case("of"));
            if own_phrase && inner.is_none() {
                inner = Some(node);
            }
            node = tree.head(node)?;
        }
        None
    }

    fn verb_events(&self, frame: &Frame, m: &VerbMatch, out: &mut Vec<Event>) {
        let Some(code) = m.code.as_deref() else {
            return;
        };
        // A speech verb's own code with no pattern behind it ("X said …",
        // "Reuters reported …") is the filler "make statement": who said
        // what is in the quotes layer, and a statement's target is guesswork.
        if code == MAKE_STATEMENT && m.matched.is_empty() {
            return;
        }
        let tree = self.tree;
        // `attacked the proclamation … by Trump`: violence against a
        // statement or a decision is verbal, and its target is whoever made it.
        let author = verbal_attack_target(tree, frame, code, &m.matched);
        let (code, paired) = match author {
            Some(_) => (CRITICIZE, None),
            // CAMEO.2.0 files `rally` under mobilize (150), as in `rallied
            // supporters`; with nothing rallied, people rally in protest.
            None if code.starts_with("15")
                && tree.lemma_is(frame.verb, "rally")
                && frame.objects.is_empty() =>
            {
                (DEMONSTRATE, None)
            }
            None => match territorial(tree, frame, code) {
                Some(code) => (code, None),
                None => (code, m.paired.as_deref()),
            },
        };
        let mut also: Vec<usize> = frame.xcomps.clone();
        let mut node = frame.verb;
        for _ in 0..3 {
            match (tree.dep(node), tree.head(node)) {
                ("xcomp" | "conj", Some(h)) => {
                    also.push(h);
                    node = h;
                }
                _ => break,
            }
        }
        let setting = self.setting(frame.verb, &also, status_of(tree, frame.verb));
        // `- % * [120]`: the members of a compound subject act on each other
        // (`Gondor and Osgiliath have delayed their meeting`); a `%` after the
        // verb (`- * WITH %`) marks the target phrase.
        let compound = m.compound.and_then(|t| self.head_holding(frame, t));
        if let Some(h) = compound.filter(|h| frame.subjects.contains(h)) {
            let members = self.code_heads(&[h], &setting);
            if members.len() >= 2 {
                for a in &members {
                    for b in &members {
                        if a.code != b.code {
                            self.push(code, Some(a), Some(b), &setting, out);
                        }
                    }
                }
                return;
            }
        }
        let source_heads: Vec<usize> = match m.source.and_then(|t| self.head_holding(frame, t)) {
            Some(h) => vec![h],
            None if frame.passive => frame.agent.into_iter().collect(),
            None => frame.subjects.clone(),
        };
        let marked_target = author.or_else(|| {
            m.target
                .and_then(|t| self.head_holding(frame, t))
                .or(compound.filter(|h| !frame.subjects.contains(h)))
        });
        let target_heads: Vec<usize> = match marked_target {
            Some(h) => vec![h],
            None if frame.passive => frame.subjects.clone(),
            None => default_targets(tree, frame, &m.matched, |o| {
                let words = noun_phrase(tree, o, true);
                !self.coder.code(&words, Some(o), None).is_empty()
            }),
        };
        let mut sources = self.code_heads(&source_heads, &setting);
        if sources.is_empty() && frame.passive && m.source.is_none() {
            // `killed by a rocket [fired by Hamas militants]`: an agent that is
            // no actor, an instrument, stands for whoever used it.
            if let Some(user) = frame.agent.and_then(|a| instrument_user(tree, a)) {
                sources = self.code_heads(&[user], &setting);
            }
        }
        let mut targets = Vec::new();
        let mut target_head = None;
        for h in target_heads {
            targets = self.code_heads(&[h], &setting);
            if !targets.is_empty() {
                target_head = Some(h);
                break;
            }
        }
        if target_head.is_some_and(|h| is_economic_harm(tree, frame.verb, code, h, &targets)) {
            return;
        }
        let lone = targets.is_empty() && acts_alone(tree, frame.verb, &m.matched) && {
            let mut below = target_phrases(tree, frame);
            if frame.passive {
                below.extend(&frame.subjects);
            }
            for &x in &frame.xcomps {
                below.extend(target_phrases(tree, &clause::frame(tree, x)));
            }
            !self.names_actor_below(&below)
        };
        if lone {
            // The actor must be the subject (`Taliban fighters`, `thousands
            // of Sudanese`), not a modifier of something else (`Brazil's
            // decision … had captured`, `a Kabul car bombing killed`), nor
            // an `it` that may be a virus or a storm.
            sources.retain(|s| {
                source_heads.iter().any(|&h| {
                    let quantity = tree.pos(h) == "NUM"
                        || [
                            "thousands",
                            "hundreds",
                            "dozens",
                            "scores",
                            "tens",
                            "group",
                            "crowd",
                        ]
                        .iter()
                        .any(|q| tree.word(h).eq_ignore_ascii_case(q));
                    (s.first <= h && h <= s.last || quantity)
                        && noun_code(tree, h).is_none()
                        && (tree.pos(h) != "PRON" || tree.lemma_is(h, "they"))
                })
            });
        }
        if sources.is_empty()
            && frame.passive
            && frame.agent.is_none()
            && m.source.is_none()
            && suffered_alone(tree, frame, code)
            // `four of whom were shot`: a relative pronoun's people are
            // coded from wherever its antecedent happens to be.
            && !frame.subjects.iter().any(|&h| {
                std::iter::once(h)
                    .chain(tree.children(h).iter().map(|&c| c as usize))
                    .any(|t| tree.lemma_is(t, "whom") || tree.lemma_is(t, "which"))
            })
        {
            // `Over 110 opposition activists were arrested`: the news is who
            // suffered it; who did it the sentence does not say.
            for t in &targets {
                self.push(code, None, Some(t), &setting, out);
            }
            return;
        }
        self.emit(code, paired, &sources, &targets, lone, &setting, out);
    }

    /// Whether a noun phrase at or below `heads` codes as an actor. A
    /// one-sided event is given only when none does: `fired shells near a
    /// vessel from South Korea` names a target the search did not reach, and
    /// `PRK → (none)` would be that dyad with its target lost.
    fn names_actor_below(&self, heads: &[usize]) -> bool {
        let tree = self.tree;
        let mut stack = heads.to_vec();
        let mut visited = 0;
        while let Some(t) = stack.pop() {
            visited += 1;
            if visited > 4 * MAX_PHRASE_TOKENS {
                return true;
            }
            if matches!(tree.pos(t), "NOUN" | "PROPN")
                && !self
                    .coder
                    .code(&noun_phrase(tree, t, true), Some(t), None)
                    .is_empty()
            {
                return true;
            }
            stack.extend(tree.children(t).iter().map(|&c| c as usize));
        }
        false
    }

    fn noun_events(&self, frame: &NounFrame, code: &'static str, out: &mut Vec<Event>) {
        let tree = self.tree;
        let governing: Vec<usize> = frame.light_verb.into_iter().collect();
        let status = match frame.light_verb {
            Some(v) => status_of(tree, v),
            None => Status::Asserted,
        };
        let setting = self.setting(frame.noun, &governing, status);
        // `arrested 20 during the protest`, `spoke during a rally`: the
        // clause's subject did not hold the protest.
        if is_one_sided(code)
            && tree
                .case_of(frame.noun)
                .is_some_and(|c| tree.word(c).eq_ignore_ascii_case("during"))
        {
            return;
        }
        if let Some(between) = frame.between {
            // `clashes between X and Y`: each side acts on the other.
            let sides = self.code_heads(&[between], &setting);
            if is_reciprocal(code) || is_one_sided(code) {
                self.each_on_the_other(code, &sides, &setting, out);
            }
            return;
        }
        let mut sources = Vec::new();
        for &s in &frame.sources {
            // A modifier counts only when it is itself an actor (`Russian`),
            // not a role word alone (`military`).
            let tokens = if matches!(tree.dep(s), "amod" | "compound") {
                vec![s]
            } else {
                noun_phrase(tree, s, false)
            };
            for member in self.coder.code(&tokens, None, None) {
                // `a Kabul car bombing`: a city before an event noun says
                // where, and is not its government.
                let capital_as_place = matches!(tree.dep(s), "compound")
                    && tree.pos(s) == "PROPN"
                    && member.code.ends_with("GOV");
                if !capital_as_place && !sources.iter().any(|o: &Member| o.code == member.code) {
                    sources.push(member);
                }
            }
        }
        if sources.is_empty() {
            if let Some(verb) = frame.light_verb {
                let verb_frame = clause::frame(tree, verb);
                sources = self.code_heads(&verb_frame.subjects, &setting);
            }
        }
        let mut targets = Vec::new();
        for &t in &frame.targets {
            targets = self.code_heads(&[t], &setting);
            if !targets.is_empty() {
                break;
            }
        }
        // The phrase the event noun stands in (`a bombing offensive
        // against X`), and the light verb's, may name the target. An event
        // noun that is what another verb is about (`condemned an attack by
        // Israel`) is that verb's topic, not an event reported on its own.
        let phrase = {
            let mut phrase = frame.noun;
            while matches!(tree.base_dep(phrase), "compound" | "amod" | "conj") {
                match tree.head(phrase) {
                    Some(h) => phrase = h,
                    None => break,
                }
            }
            phrase
        };
        let reported_on_its_own = frame.light_verb.is_some()
            || matches!(tree.base_dep(phrase), "nsubj" | "root" | "parataxis");
        let lone = targets.is_empty() && reported_on_its_own && {
            let mut below: Vec<usize> = tree
                .children(phrase)
                .iter()
                .map(|&c| c as usize)
                .filter(|&c| {
                    !frame.sources.contains(&c)
                        && !tree.case_of(c).is_some_and(|p| is_locative(tree.word(p)))
                })
                .collect();
            if let Some(verb) = frame.light_verb {
                let verb_frame = clause::frame(tree, verb);
                below.extend(
                    target_phrases(tree, &verb_frame)
                        .into_iter()
                        .filter(|&o| o != phrase),
                );
            }
            !self.names_actor_below(&below)
        };
        self.emit(code, None, &sources, &targets, lone, &setting, out);
    }

    /// One event per source–target pair; a cooperative event with only a
    /// compound side (`Gondor and Osgiliath renewed ties`) gives both
    /// directions between its members. With `lone`, an event type that is
    /// news with one side ([`is_one_sided`]) is given with no target when
    /// none codes.
    #[allow(clippy::too_many_arguments)]
    fn emit(
        &self,
        code: &str,
        paired: Option<&str>,
        sources: &[Member],
        targets: &[Member],
        lone: bool,
        setting: &Setting,
        out: &mut Vec<Event>,
    ) {
        if targets.is_empty() {
            if is_reciprocal(code) && sources.len() >= 2 {
                self.each_on_the_other(code, sources, setting, out);
            } else if lone && is_one_sided(code) {
                for s in sources.iter().filter(|s| acts_alone_as(code, &s.code)) {
                    self.push(code, Some(s), None, setting, out);
                }
            }
            return;
        }
        for s in sources {
            for t in targets {
                if s.code == t.code {
                    continue;
                }
                self.push(code, Some(s), Some(t), setting, out);
                if let Some(paired) = paired {
                    self.push(paired, Some(t), Some(s), setting, out);
                }
            }
        }
    }

    /// Each member acting on every member of another country (`Kerry and
    /// Lavrov discussed`, `clashes between X and Y`).
    fn each_on_the_other(
        &self,
        code: &str,
        members: &[Member],
        setting: &Setting,
        out: &mut Vec<Event>,
    ) {
        for a in members {
            for b in members {
                if a.country() != b.country() {
                    self.push(code, Some(a), Some(b), setting, out);
                }
            }
        }
    }

    fn push(
        &self,
        code: &str,
        source: Option<&Member>,
        target: Option<&Member>,
        setting: &Setting,
        out: &mut Vec<Event>,
    ) {
        let Some(info) = cameo::describe(code).or_else(|| own_code(code)) else {
            return;
        };
        // Speaking to reporters is how news is made, not an event with the press.
        if code.starts_with("01") && target.is_some_and(|t| t.code.ends_with("MED")) {
            return;
        }
        let tree = self.tree;
        let mut status = setting.status;
        // A third party's report of conflict (quad classes 3 and 4) is its claim.
        if status == Status::Asserted && info.quad_class >= 3 {
            if let Some(speaker) = setting.speaker_code.as_deref() {
                let speaker_country = speaker.get(..3).unwrap_or(speaker);
                if source.is_none_or(|s| speaker_country != s.country())
                    && target.is_none_or(|t| speaker_country != t.country())
                {
                    status = Status::Claimed;
                }
            }
        }
        let (mut first, mut last) = (setting.anchor, setting.anchor);
        for side in [source, target].into_iter().flatten() {
            first = first.min(side.first);
            last = last.max(side.last);
        }
        let (start, end) = tree.span_of(&[first, last]).unwrap_or((0, 0));
        out.push(Event {
            source: source.map(|s| self.event_actor(s)),
            target: target.map(|t| self.event_actor(t)),
            // The dictionary's own code: a CAMEO 2.0 code the codebook lacks
            // (`1717`) keeps its digits and takes its parent's type and weights.
            cameo: code.trim().to_string(),
            plover: info.plover.map(str::to_string),
            mode: info.mode.map(str::to_string),
            quad_class: info.quad_class,
            goldstein: info.goldstein,
            status: status.as_str().to_string(),
            date: setting.date.clone(),
            date_source: setting.date_source.map(str::to_string),
            place: setting.place.clone(),
            reported_by: setting.reported_by.clone(),
            sentence: setting.sentence,
            evidence: self
                .context
                .text
                .get(start as usize..end as usize)
                .unwrap_or("")
                .to_string(),
            start,
            end,
            mentions: 1,
        });
    }

    fn event_actor(&self, member: &Member) -> EventActor {
        let (start, end) = self
            .tree
            .span_of(&[member.first, member.last])
            .unwrap_or((0, 0));
        EventActor {
            text: self
                .context
                .text
                .get(start as usize..end as usize)
                .unwrap_or("")
                .to_string(),
            code: Some(member.code.clone()),
            cluster: member.cluster,
            start,
            end,
        }
    }
}

/// A code the CAMEO table does not know but the verb dictionary gives (a
/// dictionary of one's own, such as PETRARCH's test dictionaries with `212`
/// or `174K`): the event keeps it, with no PLOVER type, the QuadClass of its
/// root when that is a CAMEO root, and weight 0.
fn own_code(code: &str) -> Option<cameo::CameoInfo> {
    let code = code.trim();
    let plausible = (2..=4).contains(&code.len())
        && code.bytes().all(|b| b.is_ascii_alphanumeric())
        && code.bytes().next().is_some_and(|b| b.is_ascii_digit());
    plausible.then(|| cameo::CameoInfo {
        code: "",
        name: "",
        goldstein: 0.0,
        quad_class: cameo::quad_class(code).unwrap_or(0),
        plover: None,
        mode: None,
        context: None,
    })
}

/// Whether an actor code starts with a country (not an IGO, NGO, group or company).
fn is_country_code(prefix: &str) -> bool {
    prefix.len() == 3
        && prefix.bytes().all(|b| b.is_ascii_uppercase())
        && !matches!(
            prefix,
            "IGO" | "NGO" | "IMG" | "NGM" | "MNC" | "UIS" | "UAF"
        )
}

/// The `by` phrase of a participle on `agent` (`a missile [fired by rebels]`).
fn instrument_user(tree: &Tree<'_>, agent: usize) -> Option<usize> {
    tree.children(agent)
        .iter()
        .map(|&c| c as usize)
        .filter(|&c| tree.dep(c) == "acl" && tree.tag(c) == "VBN")
        .find_map(|c| clause::agent_phrase(tree, c))
}

/// Codes a compound subject without a target performs on itself, each
/// member with the others: intent to cooperate (03), consult (04),
/// diplomatic (05) and material (06) cooperation.
fn is_reciprocal(code: &str) -> bool {
    matches!(code.get(..2), Some("03" | "04" | "05" | "06"))
}

/// Verbs whose subject acts and whose event is complete with no target:
/// protest, assault and fighting, taking ground, withdrawal, deployment.
/// `fire` and `shoot` count only through a pattern (`fired rockets`), as
/// a company fires staff; verbs such as `die`, `hit` or `take`, which the
/// dictionary codes as violence only with the right target, never do.
fn acts_alone(tree: &Tree<'_>, verb: usize, matched: &[usize]) -> bool {
    const LEMMAS: &[&str] = &[
        "protest",
        "demonstrate",
        "rally",
        "march",
        "riot",
        "picket",
        "boycott",
        "strike",
        "attack",
        "assault",
        "bomb",
        "bombard",
        "shell",
        "strafe",
        "raid",
        "storm",
        "ambush",
        "clash",
        "fight",
        "battle",
        "kill",
        "massacre",
        "behead",
        "abduct",
        "kidnap",
        "capture",
        "seize",
        "recapture",
        "overrun",
        "occupy",
        "invade",
        "besiege",
        "detonate",
        "torch",
        "ransack",
        "rape",
        "withdraw",
        "retreat",
        "deploy",
        "mobilize",
        "mobilise",
    ];
    let lemma = tree.lemma(verb);
    // `demonstrates its position` shows something; `demonstrated` protests.
    if lemma.eq_ignore_ascii_case("demonstrate") && tree.child_with(verb, "obj").is_some() {
        return false;
    }
    LEMMAS.iter().any(|l| lemma.eq_ignore_ascii_case(l))
        || (!matched.is_empty() && (tree.lemma_is(verb, "fire") || tree.lemma_is(verb, "shoot")))
}

/// Taking and leaving ground, which CAMEO.2.0 files under other verbs:
/// `capture` and `seize` are arrests (173) in its dictionary, but with a
/// place as object (`captured the port of Mokha`) they occupy territory
/// (192); `withdraw` and `retreat` yield (080), and with nothing withdrawn
/// (`forces have withdrawn from Gofgadud`) they are a military retreat
/// (0874), which [`acts_alone_as`] keeps to armed actors.
fn territorial(tree: &Tree<'_>, frame: &Frame, code: &str) -> Option<&'static str> {
    const PLACES: &[&str] = &[
        "town",
        "city",
        "village",
        "port",
        "base",
        "area",
        "region",
        "territory",
        "airport",
        "district",
        "province",
        "hill",
        "mountain",
        "position",
        "camp",
        "checkpoint",
        "crossing",
        "highway",
        "road",
        "neighborhood",
        "neighbourhood",
        "stronghold",
        "outpost",
        "island",
        "bridge",
        "dam",
        "oilfield",
        "capital",
        "suburb",
        "valley",
    ];
    let lemma = |i: usize| tree.lemma(i).to_ascii_lowercase();
    let verb = lemma(frame.verb);
    let takes = ["capture", "seize", "recapture", "overrun"].contains(&verb.as_str());
    if code.starts_with("17")
        && takes
        && frame
            .objects
            .iter()
            .any(|&o| PLACES.contains(&lemma(o).as_str()))
    {
        return Some("192");
    }
    let leaves = ["withdraw", "retreat"].contains(&verb.as_str());
    (code.starts_with("08") && leaves && frame.objects.is_empty()).then_some("0874")
}

/// Whether an actor with this code can do a one-sided event of this type:
/// anyone but a government or its leaders protests (`Trump held a rally`
/// is campaigning); violence, shows of force and withdrawal with no target
/// need an armed actor or a state (`Trump attacked` is words, `Gates
/// withdrew` a nomination).
fn acts_alone_as(code: &str, actor: &str) -> bool {
    let role = actor.get(3..).unwrap_or("");
    let armed = ["MIL", "REB", "COP", "SPY", "UAF", "INS", "CRM", "SEP"]
        .iter()
        .any(|r| role.contains(r));
    if code.starts_with("14") {
        !["GOV", "ELI", "BUS", "MNC"]
            .iter()
            .any(|r| role.contains(r))
            && !actor.starts_with("MNC")
    } else if code.starts_with("087") {
        // A state withdraws from treaties and talks as often as from ground.
        armed
    } else {
        armed || role.is_empty() || actor.starts_with("IMG")
    }
}

/// Passive clauses with no agent that are news by their target alone:
/// arrests and detentions (17) for verbs whose subject is the one arrested,
/// and assaults and killings (18–20) the clause itself says were violence
/// (`were killed in an airstrike`, `were wounded in clashes`, `was shot
/// dead when gunmen attacked`): people killed in an earthquake or a crash
/// are no political event.
fn suffered_alone(tree: &Tree<'_>, frame: &Frame, code: &str) -> bool {
    const ARRESTS: &[&str] = &["arrest", "detain", "abduct", "kidnap"];
    const HARM: &[&str] = &[
        "kill", "attack", "assault", "wound", "injure", "shoot", "bomb", "shell", "execute",
        "behead", "massacre", "torture", "rape", "ambush", "abduct", "kidnap",
    ];
    // Nouns and verbs that name the violence behind a death or injury.
    const VIOLENCE: &[&str] = &[
        "attack",
        "clash",
        "airstrike",
        "strike",
        "shelling",
        "bombing",
        "fighting",
        "violence",
        "gunfire",
        "raid",
        "ambush",
        "crossfire",
        "shooting",
        "assault",
        "offensive",
        "battle",
        "shoot",
        "fire",
        "bomb",
        "shell",
        "open",
        "storm",
    ];
    let verb = frame.verb;
    let lemma_in = |i: usize, set: &[&str]| set.iter().any(|l| tree.lemma_is(i, l));
    match code.get(..2) {
        Some("17") => lemma_in(verb, ARRESTS),
        Some("18" | "19" | "20") if lemma_in(verb, HARM) => {
            lemma_in(
                verb,
                &["abduct", "kidnap", "rape", "behead", "execute", "torture"],
            ) || frame.preps.iter().any(|&(_, h)| lemma_in(h, VIOLENCE))
                || tree.children(verb).iter().any(|&c| {
                    let c = c as usize;
                    tree.base_dep(c) == "advcl" && lemma_in(c, VIOLENCE)
                })
        }
        _ => false,
    }
}

/// Heads of a clause's phrases that could hold its target: the objects and
/// the prepositional phrases that do not say where or when.
fn target_phrases(tree: &Tree<'_>, frame: &Frame) -> Vec<usize> {
    let mut out = frame.objects.clone();
    out.extend(
        frame
            .preps
            .iter()
            .filter(|&&(p, _)| !is_locative(tree.word(p)))
            .map(|&(_, h)| h),
    );
    out
}

/// Prepositions of place and time: their phrase says where or when, not to whom.
fn is_locative(preposition: &str) -> bool {
    [
        "in",
        "at",
        "across",
        "throughout",
        "around",
        "outside",
        "inside",
        "within",
        "from",
        "during",
        "since",
        "after",
        "before",
    ]
    .iter()
    .any(|p| preposition.eq_ignore_ascii_case(p))
}

/// Events that are news with one side only: protest (14), a show of force
/// (15), violence whose object is no actor (18–20: `attacked a checkpoint`),
/// a military de-escalation (087: `withdrew from Kirkuk`). Other types
/// without a coded target are left out, as their meaning is in the target.
fn is_one_sided(code: &str) -> bool {
    matches!(code.get(..2), Some("14" | "15" | "18" | "19" | "20")) || code.starts_with("087")
}

/// Where the target of an active clause is: the object, else a
/// prepositional phrase that introduces one (`met with X`, `fired at X`),
/// else the object of a complement verb, then phrases deeper inside; the
/// candidates in order, the first that codes wins. `matched` are the tokens
/// the verb pattern used; `names_actor` tells whether an object codes alone.
fn default_targets(
    tree: &Tree<'_>,
    frame: &Frame,
    matched: &[usize],
    names_actor: impl Fn(usize) -> bool,
) -> Vec<usize> {
    // The target phrase of an object that names no actor itself comes before
    // the object, which may code only through its place (`staged a protest
    // [against Israel] in Cairo`; but `expelled the Libyan ambassador to Greece`).
    // An object the pattern names as part of the event (`- * {ARREST
    // WARRANTS} [173]`, `- * APPRECIATION [013]`) takes a `for` phrase too, its
    // own or the verb's (`issued arrest warrants for Taliban commanders`,
    // `expressed appreciation for Iran's help`).
    let mut out: Vec<usize> = Vec::new();
    let mut named_object = false;
    for &o in &frame.objects {
        if !names_actor(o) {
            let named = matched.contains(&o);
            named_object |= named;
            for c in tree.children(o).iter().map(|&c| c as usize) {
                let prep = tree.case_of(c).map(|case| tree.word(case));
                let target = prep.is_some_and(|p| {
                    nominal::is_target_preposition(p) || (named && p.eq_ignore_ascii_case("for"))
                });
                if tree.base_dep(c) == "nmod" && target {
                    out.push(c);
                }
            }
        }
        out.push(o);
    }
    for &(case, head) in &frame.preps {
        let prep = tree.word(case);
        if nominal::is_target_preposition(prep)
            || (named_object && prep.eq_ignore_ascii_case("for"))
        {
            out.push(head);
        }
    }
    for &x in &frame.xcomps {
        let inner = frame_of(tree, x);
        out.extend(&inner.objects);
    }
    // `welcomed a resumption of ties [with Osgiliath]`: deeper in the object,
    // then in a prepositional phrase (`acted on a resolution [against Libya]`).
    let phrases: Vec<usize> = frame
        .objects
        .iter()
        .copied()
        .chain(frame.preps.iter().map(|&(_, head)| head))
        .collect();
    for o in phrases {
        for t in tree.phrase(o, 24, |t, _, c| clause::leaves_phrase(t.dep(c))) {
            if t != o && tree.base_dep(t) == "nmod" && !out.contains(&t) {
                let prep = tree.case_of(t).map(|c| tree.word(c));
                if prep.is_some_and(|p| {
                    nominal::is_target_preposition(p) || p.eq_ignore_ascii_case("between")
                }) {
                    out.push(t);
                }
            }
        }
    }
    // Last, a `between` or `into` phrase whose preposition the pattern itself
    // names (`- * (BETWEEN) [045]`: `Qatar is mediating between the United
    // States and the Taliban`; `- * (INTO &TOWN)`). Other prepositions a
    // pattern names (`called for`, `returned from`) say what or where, not whom.
    for &(case, head) in &frame.preps {
        let prep = tree.word(case);
        let parties = prep.eq_ignore_ascii_case("between") || prep.eq_ignore_ascii_case("into");
        if parties && matched.contains(&case) && !out.contains(&head) {
            out.push(head);
        }
    }
    out
}

fn frame_of(tree: &Tree<'_>, verb: usize) -> Frame {
    frame(tree, verb)
}

#[cfg(test)]
mod tests;
