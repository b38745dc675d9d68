//! The trained models the pipeline uses, loaded once and shared (read-only)
//! by every thread. A stage whose model is absent is skipped, so callers that
//! want only the fast foundation stages pass [`Models::none`].

use crate::actors::ActorDictionary;
use crate::entities::ner::Recognizer;
use crate::events::verbs::VerbDictionary;
use crate::model::ModelError;
use crate::parse::Parser;
use crate::places::Gazetteer;
use crate::tag::Tagger;
use std::fmt;

/// Which model failed to load, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub model: &'static str,
    pub error: ModelError,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "loading the {} model: {}", self.model, self.error)
    }
}

impl std::error::Error for LoadError {}

/// Tagger, parser and entity recogniser. The parser needs the tagger's tags,
/// so it runs only when both are present.
#[derive(Debug, Default)]
pub struct Models {
    pub tagger: Option<Tagger>,
    pub parser: Option<Parser>,
    pub recognizer: Option<Recognizer>,
    /// Places and their names, for the places stage.
    pub gazetteer: Option<Gazetteer>,
    /// CAMEO actor codes (Phoenix dictionaries, plus the user's own entries).
    pub actors: Option<ActorDictionary>,
    /// CAMEO verb patterns, for the event coder (which also needs `actors`).
    pub verbs: Option<VerbDictionary>,
}

impl Models {
    /// No models: the pipeline stops after sentences and tokens.
    pub fn none() -> Self {
        Models::default()
    }

    /// The models built into the binary, decoded on three threads at once
    /// (inflating and indexing them is most of the start-up time).
    pub fn embedded() -> Result<Self, LoadError> {
        let wrap = |model| move |error| LoadError { model, error };
        let (tagger, parser, recognizer, gazetteer, actors, verbs) = std::thread::scope(|scope| {
            let tagger = scope.spawn(Tagger::embedded);
            let parser = scope.spawn(Parser::embedded);
            let gazetteer = scope.spawn(Gazetteer::embedded);
            let recognizer = Recognizer::embedded();
            // Small (tens of milliseconds): loaded after the recogniser on this thread.
            let actors = ActorDictionary::embedded();
            let verbs = VerbDictionary::embedded();
            (
                tagger.join(),
                parser.join(),
                recognizer,
                gazetteer.join(),
                actors,
                verbs,
            )
        });
        let lost = |model| LoadError {
            model,
            error: ModelError::Invalid("the loading thread panicked".into()),
        };
        Ok(Models {
            tagger: Some(
                tagger
                    .map_err(|_| lost("part-of-speech"))?
                    .map_err(wrap("part-of-speech"))?,
            ),
            parser: Some(
                parser
                    .map_err(|_| lost("dependency parser"))?
                    .map_err(wrap("dependency parser"))?,
            ),
            recognizer: Some(recognizer.map_err(wrap("named-entity"))?),
            gazetteer: Some(
                gazetteer
                    .map_err(|_| lost("gazetteer"))?
                    .map_err(wrap("gazetteer"))?,
            ),
            actors: Some(actors.map_err(wrap("actor dictionary"))?),
            verbs: Some(verbs.map_err(wrap("verb patterns"))?),
        })
    }

    /// Whether any linguistic stage will run.
    pub fn is_empty(&self) -> bool {
        self.tagger.is_none() && self.recognizer.is_none()
    }
}
