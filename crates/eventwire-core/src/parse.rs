//! Labelled dependency parsing (Universal Dependencies relations).
//! (Being built; see the linguistic core issue.)
