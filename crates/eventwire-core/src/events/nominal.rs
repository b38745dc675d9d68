//! Nominal events: event nouns with their actors in the noun phrase
//! (`Russian airstrikes`, `bombings by Russia`, `talks between X and Y`) or
//! in the clause of a light verb (`Russia began airstrikes against …`).
//!
//! CAMEO's dictionary has verb patterns only, so the nouns are a short list
//! of our own (see `docs/events.md`): unambiguous event nouns, each with the
//! CAMEO code its verb would get.

use super::tree::Tree;

/// The CAMEO code of an event noun, or `None`. Some nouns count only with
/// a modifier (`phone call`, `air strike`) or in the plural (`talks`).
pub(crate) fn noun_code(tree: &Tree<'_>, noun: usize) -> Option<&'static str> {
    if tree.pos(noun) != "NOUN" {
        return None;
    }
    let lemma = tree.lemma(noun).to_ascii_lowercase();
    let plural = tree.tag(noun) == "NNS";
    let has_modifier = |words: &[&str]| {
        tree.children(noun).iter().any(|&c| {
            let c = c as usize;
            matches!(tree.dep(c), "compound" | "amod")
                && words.iter().any(|w| tree.word(c).eq_ignore_ascii_case(w))
        })
    };
    // Bombings and attacks by their kind: suicide (1831), vehicle (1832),
    // roadside (1833), other explosives (183), air (195), artillery and
    // rockets (194), small arms (193).
    let explosive = || {
        if has_modifier(&["suicide"]) {
            Some("1831")
        } else if has_modifier(&["car", "truck", "vehicle"]) {
            Some("1832")
        } else if has_modifier(&["roadside"]) {
            Some("1833")
        } else if has_modifier(&["grenade", "bomb", "ied"]) {
            Some("183")
        } else if has_modifier(&["air", "aerial", "drone"]) {
            Some("195")
        } else if has_modifier(&["rocket", "missile", "mortar", "artillery", "tank"]) {
            Some("194")
        } else if has_modifier(&["gun", "armed"]) {
            Some("193")
        } else {
            None
        }
    };
    let code = match lemma.as_str() {
        "airstrike" | "air-strike" | "bombardment" => "195",
        "bombing" => explosive().unwrap_or("195"),
        // Not violence: `heart attack`, `cyber attack`, `panic attack`.
        "attack" | "assault"
            if !has_modifier(&["heart", "panic", "asthma", "cyber", "verbal", "personal"]) =>
        {
            explosive().unwrap_or("190")
        }
        "clash" | "ambush" => "190",
        // Not `rally`: a campaign rally or a market rally is no protest.
        "protest" | "demonstration" | "sit-in" => "141",
        "riot" => "145",
        "kidnapping" | "abduction" => "181",
        "strike" | "raid" if has_modifier(&["air", "aerial", "drone"]) => "195",
        "shelling" => "194",
        "talk" if plural => "046",
        "negotiation" => "046",
        "visit" => "042",
        "call" | "conversation" if has_modifier(&["phone", "telephone"]) => "041",
        "sanction" if plural => "163",
        _ => return None,
    };
    Some(code)
}

/// Verbs that carry out the event their object names (`began airstrikes`,
/// `held talks`, `paid a visit`): the verb's subject is the event's source.
pub(crate) fn is_light_verb(lemma: &str) -> bool {
    matches!(
        lemma,
        "begin"
            | "start"
            | "launch"
            | "carry"
            | "conduct"
            | "hold"
            | "have"
            | "stage"
            | "continue"
            | "resume"
            | "step"
            | "intensify"
            | "escalate"
            | "mount"
            | "make"
            | "pay"
            | "impose"
            | "order"
            | "unleash"
            | "open"
    )
}

/// Prepositions that introduce the target of an event noun.
pub(crate) fn is_target_preposition(word: &str) -> bool {
    matches!(
        word.to_ascii_lowercase().as_str(),
        "against" | "on" | "upon" | "to" | "with" | "toward" | "towards" | "at"
    )
}

/// Where the actors of a nominal event stand.
#[derive(Debug, Clone, Default)]
pub(crate) struct NounFrame {
    pub noun: usize,
    /// Possessor, `by` phrase, or an adjective/compound modifier
    /// (candidates: only those that code count).
    pub sources: Vec<usize>,
    /// `against X`, `with X`, `to X`.
    pub targets: Vec<usize>,
    /// `between X and Y`: the members are both sides.
    pub between: Option<usize>,
    /// The verb whose subject is the source, if any: a light verb
    /// (`began airstrikes`) or the clause of a `during` phrase.
    pub light_verb: Option<usize>,
}

pub(crate) fn noun_frame(tree: &Tree<'_>, noun: usize) -> NounFrame {
    let mut frame = NounFrame {
        noun,
        ..NounFrame::default()
    };
    for &c in tree.children(noun) {
        let c = c as usize;
        match tree.dep(c) {
            "nmod:poss" => frame.sources.push(c),
            "amod" | "compound" if c < noun => frame.sources.push(c),
            "nmod" | "obl" => {
                let Some(case) = tree.case_of(c) else {
                    continue;
                };
                let prep = tree.word(case);
                if prep.eq_ignore_ascii_case("by") {
                    frame.sources.push(c);
                } else if prep.eq_ignore_ascii_case("between") || prep.eq_ignore_ascii_case("among")
                {
                    frame.between = Some(c);
                } else if is_target_preposition(prep) {
                    frame.targets.push(c);
                }
            }
            _ => {}
        }
    }
    if let Some(verb) = tree.head(noun) {
        if tree.dep(noun) == "obj"
            && tree.pos(verb) == "VERB"
            && is_light_verb(&tree.lemma(verb).to_ascii_lowercase())
        {
            frame.light_verb = Some(verb);
            // `held talks with X`: the verb's prepositional phrases name the target.
            for &c in tree.children(verb) {
                let c = c as usize;
                if tree.base_dep(c) == "obl" {
                    if let Some(case) = tree.case_of(c) {
                        if is_target_preposition(tree.word(case)) {
                            frame.targets.push(c);
                        }
                    }
                }
            }
        }
    }
    if frame.light_verb.is_none()
        && tree
            .case_of(noun)
            .is_some_and(|case| tree.word(case).eq_ignore_ascii_case("during"))
    {
        // `discussed the issue during a phone call`: the clause's subject made the call.
        let mut node = noun;
        for _ in 0..2 {
            let Some(head) = tree.head(node) else {
                break;
            };
            if tree.pos(head) == "VERB" {
                frame.light_verb = Some(head);
                break;
            }
            node = head;
        }
    }
    frame
}
