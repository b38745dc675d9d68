//! Clauses read from the dependency tree: a verb with its subject, objects,
//! prepositional phrases, particle and complement verb, and the
//! [`Clause`](super::verbs::Clause) the pattern matcher takes.

use super::actor::MAX_PHRASE_TOKENS;
use super::tree::Tree;
use super::verbs::{Clause, ClauseWord, Role};

/// The grammatical frame of one verb.
#[derive(Debug, Clone, Default)]
pub(crate) struct Frame {
    pub verb: usize,
    /// Passive voice: the grammatical subject is the target.
    pub passive: bool,
    /// Heads of the subject phrases (own `nsubj`, or the controller's for
    /// `agreed to meet` and `met and discussed`).
    pub subjects: Vec<usize>,
    /// Heads of direct and indirect objects.
    pub objects: Vec<usize>,
    /// (preposition token, head of its noun phrase), in text order.
    pub preps: Vec<(usize, usize)>,
    /// The `by` phrase of a passive.
    pub agent: Option<usize>,
    pub particle: Option<usize>,
    /// Complement verbs (`agreed to [hold] talks`).
    pub xcomps: Vec<usize>,
}

/// Relations that start a new clause or leave the noun phrase: their
/// subtrees are not part of an actor phrase.
pub(crate) fn leaves_phrase(dep: &str) -> bool {
    matches!(
        dep,
        "acl"
            | "acl:relcl"
            | "advcl"
            | "ccomp"
            | "xcomp"
            | "csubj"
            | "parataxis"
            | "punct"
            | "appos"
            | "dep"
            | "list"
            | "discourse"
            | "vocative"
            | "reparandum"
            | "obl:tmod"
            | "nmod:tmod"
            | "obl:unmarked"
            | "nmod:unmarked"
            | "mark"
    )
}

/// The tokens of a noun phrase headed by `head`, without clauses; with
/// `members_apart`, the conjuncts of the head itself are left out (they are
/// coded as their own members).
pub(crate) fn noun_phrase(tree: &Tree<'_>, head: usize, members_apart: bool) -> Vec<usize> {
    tree.phrase(head, MAX_PHRASE_TOKENS, |t, root, c| {
        let dep = t.dep(c);
        leaves_phrase(dep)
            || (members_apart && t.head(c) == Some(root) && matches!(dep, "conj" | "cc"))
            || (members_apart && is_foreign_modifier(t, c))
    })
}

/// A prepositional modifier other than `of` names something else than the
/// actor (`airstrikes [against opposition forces]`, `activities [in Syria]`).
fn is_foreign_modifier(tree: &Tree<'_>, c: usize) -> bool {
    tree.base_dep(c) == "nmod"
        && tree
            .case_of(c)
            .is_some_and(|case| !tree.word(case).eq_ignore_ascii_case("of"))
}

/// The head and its conjuncts (`Kerry and Lavrov` → both), at most 8.
pub(crate) fn members(tree: &Tree<'_>, head: usize) -> Vec<usize> {
    let mut out = vec![head];
    let mut at = 0;
    while at < out.len() && out.len() < 8 {
        let node = out[at];
        at += 1;
        for &c in tree.children(node) {
            let c = c as usize;
            if tree.dep(c) == "conj" && is_nominal(tree, c) && out.len() < 8 {
                out.push(c);
            }
        }
    }
    out
}

pub(crate) fn is_nominal(tree: &Tree<'_>, i: usize) -> bool {
    matches!(tree.pos(i), "NOUN" | "PROPN" | "PRON" | "NUM" | "X")
}

/// Whether a token can head an event clause.
pub(crate) fn is_event_verb(tree: &Tree<'_>, i: usize) -> bool {
    tree.pos(i) == "VERB"
}

fn own_subjects(tree: &Tree<'_>, verb: usize) -> (Vec<usize>, bool) {
    let mut subjects = Vec::new();
    let mut passive = false;
    for &c in tree.children(verb) {
        let c = c as usize;
        match tree.dep(c) {
            "nsubj" => subjects.push(c),
            "nsubj:pass" => {
                subjects.push(c);
                passive = true;
            }
            "aux:pass" => passive = true,
            _ => {}
        }
    }
    // `forces that attacked X`: the relative pronoun stands for the noun the clause modifies.
    if tree.dep(verb) == "acl:relcl" {
        if let Some(noun) = tree.head(verb) {
            for s in &mut subjects {
                if matches!(tree.tag(*s), "WDT" | "WP") {
                    *s = noun;
                }
            }
        }
    }
    (subjects, passive)
}

/// The frame of `verb`. Subjects missing from a complement or coordinated
/// verb come from the verb it depends on (up to `depth` levels).
pub(crate) fn frame(tree: &Tree<'_>, verb: usize) -> Frame {
    let (mut subjects, mut passive) = own_subjects(tree, verb);
    if subjects.is_empty() {
        if let Some(noun) = reduced_passive_subject(tree, verb) {
            subjects.push(noun);
            passive = true;
        }
    }
    if subjects.is_empty() {
        // Before inheritance: the parser that misreads "after the United
        // States imposed" often makes the verb a conjunct of the main one.
        subjects = misparsed_clause_subject(tree, verb).into_iter().collect();
    }
    if subjects.is_empty() {
        subjects = inherited_subjects(tree, verb, 4);
    }
    if subjects.is_empty() {
        subjects = misparsed_copula_subject(tree, verb).into_iter().collect();
    }
    if subjects.is_empty() {
        subjects = misparsed_participle_subject(tree, verb)
            .into_iter()
            .collect();
    }
    let mut frame = Frame {
        verb,
        passive,
        subjects,
        ..Frame::default()
    };
    for &c in tree.children(verb) {
        let c = c as usize;
        match tree.dep(c) {
            "obj" | "iobj" | "dobj" => frame.objects.push(c),
            "compound:prt" => frame.particle = Some(c),
            "xcomp" if is_event_verb(tree, c) => frame.xcomps.push(c),
            "advcl" if is_event_verb(tree, c) && is_misread_complement(tree, c) => {
                frame.xcomps.push(c)
            }
            // The first `by` phrase: the parser also labels an apposition
            // after it `obl:agent` (`by Osgiliath, the state's fiercest foe,`).
            "obl:agent" if frame.agent.is_none() => frame.agent = Some(c),
            "obl" | "nmod" | "obl:npmod" => {
                if let Some(case) = tree.case_of(c) {
                    if passive && tree.lemma_is(case, "by") && frame.agent.is_none() {
                        frame.agent = Some(c);
                    } else {
                        frame.preps.push((case, c));
                    }
                }
            }
            _ => {}
        }
    }
    // `talks with X`: a prepositional phrase on the object belongs to the clause too.
    for &o in &frame.objects {
        for &c in tree.children(o) {
            let c = c as usize;
            if is_phrase_on_noun(tree, c) {
                if let Some(case) = tree.case_of(c) {
                    frame.preps.push((case, c));
                }
            }
            // An `obl` under a noun of the object is misattached too (`an
            // attack [by soldiers] in south Ithilen` with `by soldiers` under
            // `Ithilen`): it is a phrase of the object.
            for &d in tree.children(c) {
                let d = d as usize;
                if tree.base_dep(d) == "obl" && is_nominal(tree, c) {
                    if let Some(case) = tree.case_of(d) {
                        frame.preps.push((case, d));
                    }
                }
            }
        }
    }
    frame.preps.sort_unstable();
    frame
}

/// A prepositional phrase hanging from a noun: `nmod` with its preposition,
/// or `obl`, which belongs to predicates and under a noun is the parser's
/// mislabel of the same thing (`an attack by soldiers` read with `by
/// soldiers` as `obl`).
fn is_phrase_on_noun(tree: &Tree<'_>, c: usize) -> bool {
    matches!(tree.base_dep(c), "nmod" | "obl") && tree.case_of(c).is_some()
}

/// An adverbial `to`-infinitive without a subject of its own under a verb
/// that takes an infinitive complement (`vowed on Thursday to wage war`,
/// which the parser reads as `advcl` rather than `xcomp`): it counts as that
/// verb's complement. Other `to`-infinitives (purpose clauses, `voted to
/// leave`, `advised citizens to …`) are left alone.
pub(crate) fn is_misread_complement(tree: &Tree<'_>, verb: usize) -> bool {
    tree.dep(verb) == "advcl"
        && matches!(tree.tag(verb), "VB")
        && tree.head(verb).is_some_and(|h| {
            // Subject control only: `urged Bree on Monday to help`, `called on
            // Italy to join`, `wanted the army to leave` have another subject.
            let lemma = tree.lemma(h).to_ascii_lowercase();
            tree.pos(h) == "VERB"
                && super::status::is_prospective(&lemma)
                && !matches!(lemma.as_str(), "urge" | "ask" | "call")
                && tree.child_with(h, "obj").is_none()
        })
        && tree
            .children(verb)
            .iter()
            .map(|&c| c as usize)
            .any(|c| tree.dep(c) == "mark" && tree.word(c).eq_ignore_ascii_case("to"))
        && !tree
            .children(verb)
            .iter()
            .any(|&c| matches!(tree.dep(c as usize), "nsubj" | "nsubj:pass"))
}

/// `a convoy [attacked by rebels]`: a past participle modifying a noun, with
/// a `by` phrase and no object, is a passive whose subject is that noun.
fn reduced_passive_subject(tree: &Tree<'_>, verb: usize) -> Option<usize> {
    let noun = tree.head(verb)?;
    let reduced = tree.dep(verb) == "acl"
        && tree.tag(verb) == "VBN"
        && is_nominal(tree, noun)
        && noun < verb
        && tree.child_with(verb, "obj").is_none()
        && agent_phrase(tree, verb).is_some();
    reduced.then_some(noun)
}

/// The `by` phrase of a verb read as passive (`obl:agent` or `obl`, with
/// the word `by`: the parser also labels bare noun phrases `obl:agent`).
pub(crate) fn agent_phrase(tree: &Tree<'_>, verb: usize) -> Option<usize> {
    tree.children(verb).iter().map(|&c| c as usize).find(|&c| {
        matches!(tree.dep(c), "obl:agent" | "obl")
            && tree.case_of(c).is_some_and(|k| tree.lemma_is(k, "by"))
    })
}

/// `officials are about to restore ties`: the parser may make `restore` the
/// root with `are` as its copula and the subject a bare `obl` before it; a
/// noun phrase with no preposition before the verb is then its subject.
fn misparsed_copula_subject(tree: &Tree<'_>, verb: usize) -> Option<usize> {
    tree.child_with(verb, "cop")?;
    tree.children(verb).iter().map(|&c| c as usize).find(|&c| {
        c < verb && tree.dep(c) == "obl" && is_nominal(tree, c) && tree.case_of(c).is_none()
    })
}

/// `Russian police arrested students`: the parser may read the sentence as a
/// noun phrase, the verb a participle modifying the root noun; a past
/// participle with an object there is the finite verb, the noun its subject.
fn misparsed_participle_subject(tree: &Tree<'_>, verb: usize) -> Option<usize> {
    let noun = tree.head(verb)?;
    let misparsed = tree.dep(verb) == "acl"
        && matches!(tree.tag(verb), "VBN" | "VBD")
        && is_nominal(tree, noun)
        && noun < verb
        && tree.head(noun).is_none()
        && tree.child_with(verb, "obj").is_some();
    misparsed.then_some(noun)
}

/// The subject of a clause after a subordinating word the parser read as a
/// preposition: in "killed since Russia began airstrikes" it attaches
/// `Russia` to "killed" as `since Russia` and leaves "began" without a
/// subject. A finite verb right after a noun phrase introduced by such a
/// word takes that noun phrase.
fn misparsed_clause_subject(tree: &Tree<'_>, verb: usize) -> Option<usize> {
    const SUBORDINATORS: [&str; 9] = [
        "since", "after", "before", "until", "because", "when", "while", "once", "as",
    ];
    if !matches!(tree.tag(verb), "VBD" | "VBZ" | "VBP") || verb == 0 {
        return None;
    }
    // The word before the verb, or the head of the name it ends
    // (`the United States began`).
    let mut noun = verb - 1;
    while matches!(tree.dep(noun), "flat" | "compound" | "fixed") {
        match tree.head(noun) {
            Some(h) if h < verb => noun = h,
            _ => break,
        }
    }
    let case = tree.case_of(noun)?;
    let misparsed = is_nominal(tree, noun)
        && matches!(tree.dep(noun), "obl" | "nmod")
        && SUBORDINATORS.iter().any(|w| tree.lemma_is(case, w))
        && tree.head(noun) != Some(verb);
    misparsed.then_some(noun)
}

/// The subject a verb without one takes: an `xcomp` takes its controller's
/// object if it has one (`urged Syria to negotiate`) else its subject;
/// a coordinated verb takes the first verb's subject.
fn inherited_subjects(tree: &Tree<'_>, verb: usize, depth: usize) -> Vec<usize> {
    let Some(parent) = tree.head(verb) else {
        return Vec::new();
    };
    if depth == 0 || !is_event_verb(tree, parent) && tree.pos(parent) != "ADJ" {
        return Vec::new();
    }
    match tree.dep(verb) {
        "xcomp" => {
            if let Some(object) = tree.child_with(parent, "obj") {
                if object < verb {
                    return vec![object];
                }
            }
        }
        // `vowed on Thursday [to wage war]`: the subject of the verb it depends on.
        "advcl" if is_misread_complement(tree, verb) => {}
        "conj" => {}
        _ => return Vec::new(),
    }
    let (own, _) = own_subjects(tree, parent);
    if own.is_empty() {
        inherited_subjects(tree, parent, depth - 1)
    } else {
        own
    }
}

fn word<'a>(tree: &Tree<'a>, token: usize, role: Role) -> ClauseWord<'a> {
    ClauseWord {
        token,
        text: tree.word(token),
        lemma: tree.lemma(token),
        tag: tree.tag(token),
        role,
    }
}

/// The clause handed to the pattern matcher: subject words before the verb,
/// then objects, prepositional phrases and complement verbs (with their own
/// objects) after it, each in text order.
pub(crate) fn clause<'a>(tree: &Tree<'a>, frame: &Frame) -> Clause<'a> {
    let mut before = Vec::new();
    for &s in &frame.subjects {
        for t in noun_phrase(tree, s, false) {
            before.push(word(tree, t, Role::Subject));
        }
    }
    // The auxiliaries and negation before the verb count as words before it,
    // as PETRARCH's patterns read them (`- % HAVE *`, `- WILL NOT *`).
    for &c in tree.children(frame.verb) {
        let c = c as usize;
        let negation = tree.dep(c) == "advmod" && matches!(tree.lemma(c), "not" | "n't" | "never");
        if c < frame.verb && (tree.dep(c) == "aux" || negation) {
            before.push(word(tree, c, Role::Other));
        }
    }
    before.sort_by_key(|w| w.token);
    before.dedup_by_key(|w| w.token);
    let mut after = Vec::new();
    push_objects(tree, frame, &mut after);
    for &x in &frame.xcomps {
        let inner = self::frame(tree, x);
        if let Some(mark) = tree.child_with(x, "mark") {
            after.push(word(tree, mark, Role::Other));
        }
        after.push(word(tree, x, Role::Other));
        push_objects(tree, &inner, &mut after);
    }
    after.sort_by_key(|w| w.token);
    after.dedup_by_key(|w| w.token);
    Clause {
        verb: word(tree, frame.verb, Role::Other),
        particle: frame.particle.map(|p| word(tree, p, Role::Other)),
        before,
        after,
    }
}

fn push_objects<'a>(tree: &Tree<'a>, frame: &Frame, after: &mut Vec<ClauseWord<'a>>) {
    for &o in &frame.objects {
        for t in tree.phrase(o, MAX_PHRASE_TOKENS, |t, _, c| {
            leaves_phrase(t.dep(c)) || is_phrase_on_noun(t, c)
        }) {
            after.push(word(tree, t, Role::Object));
        }
    }
    for &(case, head) in &frame.preps {
        after.push(word(tree, case, Role::Preposition));
        for t in noun_phrase(tree, head, false) {
            // A phrase inside the phrase opens with its own preposition
            // (`in south Ithilen [by soldiers]`, `(BY)` in the patterns).
            let role = if tree.dep(t) == "case" {
                Role::Preposition
            } else {
                Role::PrepObject
            };
            if t != case {
                after.push(word(tree, t, role));
            }
        }
    }
    if let Some(agent) = frame.agent {
        for t in noun_phrase(tree, agent, false) {
            let role = if tree.dep(t) == "case" {
                Role::Preposition
            } else {
                Role::PrepObject
            };
            after.push(word(tree, t, role));
        }
    }
}
