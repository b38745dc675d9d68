//! Readers: bytes of a text, HTML, JSON Lines or WARC file in, raw articles out.
