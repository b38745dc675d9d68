//! The pipeline: one raw article in, one analysed document out.
