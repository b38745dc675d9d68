//! Diagnostic: the coder on the gold UD parse of a record instead of ours,
//! so that parser errors and coder errors can be told apart. Entities, times
//! and places stay ours; only tags, lemmas and the tree are replaced, and only
//! when our tokens are the gold words one for one.

use super::records::{read_conllu, ConlluWord};
use super::score::{score_sentence, Keyed};
use crate::metrics::Prf;
use eventwire_core::actors::ActorDictionary;
use eventwire_core::document::{Document, Event, Token};
use eventwire_core::events::verbs::VerbDictionary;
use eventwire_core::events::{find_events, EventContext};

/// Scores on the records whose tokens align with the gold words.
#[derive(Debug, Default, Clone, Copy)]
pub struct Diagnostic {
    pub records: u64,
    pub aligned: u64,
    pub ours: Prf,
    pub gold_parse: Prf,
}

/// A UD v1 relation (the GSR parses are UDPipe 1 output) in UD v2 terms, as
/// our parser and coder use them.
pub fn ud2_relation(relation: &str, head_upos: &str) -> String {
    match relation {
        "dobj" => "obj".into(),
        "nsubjpass" => "nsubj:pass".into(),
        "csubjpass" => "csubj:pass".into(),
        "auxpass" => "aux:pass".into(),
        "name" => "flat".into(),
        "mwe" => "fixed".into(),
        "neg" => "advmod".into(),
        // v2 splits v1 `nmod` into `obl` (on predicates) and `nmod` (on nouns).
        r if (r == "nmod" || r.starts_with("nmod:")) && r != "nmod:poss" => {
            if matches!(head_upos, "VERB" | "ADJ" | "AUX" | "ADV") {
                r.replacen("nmod", "obl", 1)
            } else {
                r.into()
            }
        }
        r => r.into(),
    }
}

/// A UD v1 part of speech in v2 terms (`CONJ` became `CCONJ`).
pub fn ud2_upos(upos: &str) -> &str {
    if upos == "CONJ" {
        "CCONJ"
    } else {
        upos
    }
}

/// Our tokens with the gold tags, lemmas and tree, when the tokens are the
/// gold words one for one; `None` otherwise.
pub fn gold_tokens(text: &str, tokens: &[Token], words: &[ConlluWord]) -> Option<Vec<Token>> {
    if tokens.len() != words.len() || tokens.is_empty() {
        return None;
    }
    let same = tokens.iter().zip(words).all(|(t, w)| {
        text.get(t.start as usize..t.end as usize)
            .is_some_and(|s| s == w.form)
    });
    if !same {
        return None;
    }
    let mut out = tokens.to_vec();
    for (i, (token, word)) in out.iter_mut().zip(words).enumerate() {
        let head = match word.head {
            0 => i,
            h if h <= words.len() => h - 1,
            _ => return None,
        };
        token.pos = Some(ud2_upos(&word.upos).to_string());
        token.tag = Some(word.xpos.clone());
        token.lemma = Some(word.lemma.clone());
        token.head = Some(head as u32);
        token.dep = Some(ud2_relation(&word.deprel, &words[head].upos));
    }
    Some(out)
}

impl Diagnostic {
    /// Add one record: `ours` is the score of the events of our whole
    /// pipeline; `keys` turns events into the keys `gold` is matched on.
    #[allow(clippy::too_many_arguments)]
    pub fn add(
        &mut self,
        doc: &Document,
        conllu: &str,
        gold: &[Keyed],
        ours: Prf,
        actors: &ActorDictionary,
        verbs: &VerbDictionary,
        keys: impl Fn(&[Event]) -> Vec<Keyed>,
    ) {
        self.records += 1;
        let words = read_conllu(conllu);
        let Some(tokens) = doc
            .tokens
            .as_deref()
            .and_then(|t| gold_tokens(&doc.text, t, &words))
        else {
            return;
        };
        let context = EventContext::of(doc, &tokens, doc.published.as_deref());
        let events = find_events(&context, actors, verbs);
        self.aligned += 1;
        self.ours.add(ours);
        self.gold_parse
            .add(score_sentence(gold, &keys(&events)).prf);
    }

    pub fn print(&self) {
        if self.records == 0 {
            return;
        }
        println!(
            "  gold-parse diagnostic ({} of {} records whose tokens are the gold words; (source, target, root)):",
            self.aligned, self.records
        );
        for (what, prf) in [
            ("our parse", &self.ours),
            ("gold UD parse", &self.gold_parse),
        ] {
            println!(
                "    {what:<14} P {:5.1}  R {:5.1}  F1 {:5.1}   (tp {}, fp {}, fn {})",
                100.0 * prf.precision(),
                100.0 * prf.recall(),
                100.0 * prf.f1(),
                prf.tp,
                prf.fp,
                prf.fn_
            );
        }
    }
}
