//! Places: toponym recognition and offline geolocation against the embedded
//! gazetteer. (Being built: the signatures are fixed, the bodies are not.)

use crate::document::{Dateline, Entity, Place, Span, Token};
use crate::model::ModelError;

/// The gazetteer: places, their names, coordinates and containment.
#[derive(Debug, Default)]
pub struct Gazetteer {}

impl Gazetteer {
    /// The gazetteer built into the binary.
    pub fn embedded() -> Result<Gazetteer, ModelError> {
        Err(ModelError::Invalid("no gazetteer is built in yet".into()))
    }

    /// A gazetteer from the bytes `eventwire train gazetteer` wrote.
    pub fn from_bytes(bytes: &[u8]) -> Result<Gazetteer, ModelError> {
        let _ = bytes;
        Err(ModelError::Invalid(
            "the gazetteer format is not built yet".into(),
        ))
    }
}

/// What the stage reads of the analysed article.
#[derive(Debug, Clone, Copy)]
pub struct PlaceContext<'a> {
    pub text: &'a str,
    pub sentences: &'a [Span],
    /// May be empty or untagged when the models are not loaded.
    pub tokens: &'a [Token],
    pub entities: &'a [Entity],
    pub dateline: Option<&'a Dateline>,
}

/// Every place named in the article, recognised and geolocated.
pub fn find_places(context: &PlaceContext, gazetteer: &Gazetteer) -> Vec<Place> {
    let _ = (context, gazetteer);
    Vec::new()
}

/// Geolocate given toponym spans (gold spans in the evaluation) in the
/// article's context; `None` where no gazetteer entry fits.
pub fn resolve_spans(
    context: &PlaceContext,
    spans: &[Span],
    gazetteer: &Gazetteer,
) -> Vec<Option<Place>> {
    let _ = (context, gazetteer);
    vec![None; spans.len()]
}
