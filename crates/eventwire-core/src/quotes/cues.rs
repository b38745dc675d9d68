//! Cue verbs: the verbs that report speech, writing or a stated position.

/// Lemmas of reporting verbs. Verbs of mere thought ("think", "believe")
/// are left out: they attribute opinions far more often than words.
const CUE_LEMMAS: &[&str] = &[
    "acknowledge",
    "add",
    "admit",
    "agree",
    "allege",
    "announce",
    "argue",
    "ask",
    "assert",
    "boast",
    "brag",
    "caution",
    "cite",
    "claim",
    "comment",
    "complain",
    "concede",
    "conclude",
    "confirm",
    "contend",
    "continue",
    "counter",
    "declare",
    "deny",
    "disclose",
    "echo",
    "emphasise",
    "emphasize",
    "explain",
    "find",
    "insist",
    "joke",
    "lament",
    "maintain",
    "mention",
    "note",
    "observe",
    "pledge",
    "predict",
    "promise",
    "quip",
    "read",
    "reaffirm",
    "recall",
    "reiterate",
    "remark",
    "reply",
    "report",
    "respond",
    "retort",
    "reveal",
    "say",
    "scoff",
    "shout",
    "show",
    "state",
    "stress",
    "suggest",
    "tell",
    "testify",
    "tweet",
    "underline",
    "underscore",
    "urge",
    "vow",
    "warn",
    "write",
];

/// Irregular forms the suffix rules below miss.
const IRREGULAR: &[(&str, &str)] = &[
    ("said", "say"),
    ("says", "say"),
    ("told", "tell"),
    ("found", "find"),
    ("shown", "show"),
    ("wrote", "write"),
    ("written", "write"),
    ("writing", "write"),
    ("writes", "write"),
];

/// The lemma of a cue verb, from the tagger's lemma when there is one, else
/// from the word itself by stripping an inflection.
pub(crate) fn cue_lemma(lower: &str, lemma: Option<&str>) -> Option<&'static str> {
    if let Some(lemma) = lemma {
        if let Some(found) = lookup(&lemma.to_lowercase()) {
            return Some(found);
        }
    }
    if let Some(&(_, lemma)) = IRREGULAR.iter().find(|(form, _)| *form == lower) {
        return Some(lemma);
    }
    if let Some(found) = lookup(lower) {
        return Some(found);
    }
    for suffix in ["s", "es", "d", "ed", "ing"] {
        if let Some(stem) = lower.strip_suffix(suffix) {
            if let Some(found) = lookup(stem).or_else(|| lookup(&format!("{stem}e"))) {
                return Some(found);
            }
            // "vowed" -> "vow", "stressed" -> "stress"; doubled consonants ("quipped").
            let mut undoubled = stem.to_string();
            if undoubled.len() > 2 && undoubled.ends_with(|c: char| c.is_ascii_alphabetic()) {
                let last = undoubled.pop();
                if undoubled.ends_with(|c| Some(c) == last) {
                    if let Some(found) = lookup(&undoubled) {
                        return Some(found);
                    }
                }
            }
        }
    }
    // "replied", "denies".
    for suffix in ["ied", "ies"] {
        if let Some(stem) = lower.strip_suffix(suffix) {
            if let Some(found) = lookup(&format!("{stem}y")) {
                return Some(found);
            }
        }
    }
    None
}

fn lookup(lemma: &str) -> Option<&'static str> {
    CUE_LEMMAS
        .binary_search(&lemma)
        .ok()
        .map(|index| CUE_LEMMAS[index])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lemmas_are_sorted_for_binary_search() {
        assert!(CUE_LEMMAS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn inflected_forms_without_a_tagger() {
        for (form, lemma) in [
            ("said", "say"),
            ("told", "tell"),
            ("found", "find"),
            ("shown", "show"),
            ("added", "add"),
            ("stressed", "stress"),
            ("noted", "note"),
            ("claims", "claim"),
            ("warning", "warn"),
            ("reaffirmed", "reaffirm"),
            ("replied", "reply"),
            ("quipped", "quip"),
            ("saying", "say"),
        ] {
            assert_eq!(cue_lemma(form, None), Some(lemma), "{form}");
        }
        assert_eq!(cue_lemma("sad", None), None);
        assert_eq!(cue_lemma("house", None), None);
    }
}
