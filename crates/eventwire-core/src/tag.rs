//! Part of speech (Universal POS and Penn Treebank tags) and lemmas.
//! (Being built; see the linguistic core issue.)
