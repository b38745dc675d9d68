//! Whether an event happened, per the grammar of its clause: negated
//! (`do not target`), future (`will discuss`, `expected to meet`),
//! hypothetical (`could strike`, `if they attack`), claimed (`accused X of
//! attacking`), else asserted.

use super::tree::Tree;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Status {
    Asserted,
    Claimed,
    Future,
    Hypothetical,
    Negated,
}

impl Status {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Status::Asserted => "asserted",
            Status::Claimed => "claimed",
            Status::Future => "future",
            Status::Hypothetical => "hypothetical",
            Status::Negated => "negated",
        }
    }
}

/// Verbs whose complement has not happened yet (`agreed to meet`).
pub(crate) fn is_prospective(lemma: &str) -> bool {
    matches!(
        lemma,
        "expect"
            | "plan"
            | "intend"
            | "schedule"
            | "prepare"
            | "aim"
            | "hope"
            | "want"
            | "wish"
            | "seek"
            | "propose"
            | "promise"
            | "pledge"
            | "vow"
            | "threaten"
            | "agree"
            | "decide"
            | "offer"
            | "try"
            | "attempt"
            | "go"
            | "set"
            | "due"
            | "likely"
            | "ready"
            | "willing"
            | "like"
            | "need"
            | "urge"
            | "ask"
            | "call"
    )
}

/// Verbs whose complement did not happen (`refused to meet`).
fn is_negating(lemma: &str) -> bool {
    matches!(lemma, "refuse" | "decline" | "fail" | "reject" | "deny")
}

/// Verbs that make their complement a claim.
fn is_claiming(lemma: &str) -> bool {
    matches!(
        lemma,
        "claim" | "allege" | "accuse" | "charge" | "blame" | "suspect" | "rumor" | "rumour"
    )
}

/// Reporting verbs: `would` under them is a future in reported speech.
pub(crate) fn is_reporting(lemma: &str) -> bool {
    matches!(
        lemma,
        "say"
            | "tell"
            | "add"
            | "announce"
            | "state"
            | "note"
            | "explain"
            | "confirm"
            | "declare"
            | "indicate"
            | "insist"
            | "stress"
            | "write"
            | "believe"
            | "think"
    )
}

fn is_negator(tree: &Tree<'_>, t: usize) -> bool {
    matches!(
        tree.word(t).to_ascii_lowercase().as_str(),
        "not" | "n't" | "never" | "no" | "nt" | "n’t"
    ) && matches!(tree.base_dep(t), "advmod" | "neg" | "det")
}

/// The status of the event read from `verb` (a verb or an event noun's governing verb).
pub(crate) fn status_of(tree: &Tree<'_>, verb: usize) -> Status {
    let mut status = Status::Asserted;
    let mut node = verb;
    // Up through complement and coordination links, then through at most
    // two clausal links (for `would` in reported speech and for `claimed`).
    for step in 0..6 {
        let lemma = tree.lemma(node).to_ascii_lowercase();
        if step > 0 && is_negating(&lemma) {
            status = status.max(Status::Negated);
        }
        for &c in tree.children(node) {
            let c = c as usize;
            if is_negator(tree, c) && (step == 0 || tree.dep(node) != "conj") {
                status = status.max(Status::Negated);
            }
            if matches!(tree.dep(c), "aux" | "aux:pass") {
                match tree.word(c).to_ascii_lowercase().as_str() {
                    "will" | "shall" | "'ll" | "’ll" | "wo" => {
                        status = status.max(Status::Future)
                    }
                    "could" | "may" | "might" | "should" | "must" => {
                        status = status.max(Status::Hypothetical)
                    }
                    "would" | "'d" | "’d" => {
                        let reported = tree.head(node).is_some_and(|h| {
                            tree.dep(node) == "ccomp"
                                && is_reporting(&tree.lemma(h).to_ascii_lowercase())
                        });
                        status = status.max(if reported {
                            Status::Future
                        } else {
                            Status::Hypothetical
                        });
                    }
                    _ => {}
                }
            }
            if tree.dep(c) == "mark"
                && matches!(
                    tree.word(c).to_ascii_lowercase().as_str(),
                    "if" | "unless" | "whether"
                )
            {
                status = status.max(Status::Hypothetical);
            }
        }
        let Some(head) = tree.head(node) else {
            break;
        };
        let head_lemma = tree.lemma(head).to_ascii_lowercase();
        match tree.dep(node) {
            "xcomp" => {
                if is_prospective(&head_lemma) {
                    status = status.max(Status::Future);
                }
            }
            "advcl" if super::clause::is_misread_complement(tree, node) => {
                if is_prospective(&head_lemma) {
                    status = status.max(Status::Future);
                }
            }
            "conj" => {}
            "ccomp" | "advcl" => {
                if is_claiming(&head_lemma) {
                    status = status.max(Status::Claimed);
                }
                if tree.dep(node) == "advcl" {
                    // `if` on an adverbial clause was seen above; stop here.
                    break;
                }
                // Only a claim or a reported future travels further up.
                if !is_claiming(&head_lemma) {
                    break;
                }
            }
            _ => break,
        }
        node = head;
    }
    status
}
