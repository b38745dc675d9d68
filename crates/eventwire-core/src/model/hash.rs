//! Feature hashing. A feature is a 64-bit key made from a template number and
//! the hashes of the strings it looks at; strings are hashed once per token
//! and then combined, so building a feature costs a few multiplications.
//!
//! The hashes are fixed (no random seed, no dependence on `usize`) because the
//! keys are stored in the model files.

/// A hashed feature key. Zero is never produced (it marks empty table slots).
pub type Feature = u64;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// Hash a string (FNV-1a with a final avalanche, so nearby strings spread).
#[inline]
pub fn hash_str(s: &str) -> u64 {
    hash_bytes(s.as_bytes())
}

/// Hash raw bytes the same way as [`hash_str`].
#[inline]
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = FNV_OFFSET;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    avalanche(h)
}

/// Combine a running key with one more value (order matters).
#[inline]
pub fn mix(key: u64, value: u64) -> u64 {
    avalanche(key.rotate_left(23) ^ value.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

/// A feature key from a template number and up to three values.
#[inline]
pub fn feature(template: u32, values: &[u64]) -> Feature {
    let mut key = avalanche(u64::from(template).wrapping_add(0x51_7cc1_b727_220a));
    for &v in values {
        key = mix(key, v);
    }
    key.max(1)
}

/// The finaliser of SplitMix64: every input bit affects every output bit.
#[inline]
fn avalanche(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_stable_and_distinct() {
        // Stored models depend on these exact values not changing.
        assert_eq!(hash_str("Kerry"), hash_str("Kerry"));
        assert_ne!(hash_str("Kerry"), hash_str("kerry"));
        assert_ne!(feature(1, &[hash_str("a")]), feature(2, &[hash_str("a")]));
        assert_ne!(
            feature(1, &[hash_str("a"), hash_str("b")]),
            feature(1, &[hash_str("b"), hash_str("a")])
        );
        assert_ne!(feature(0, &[]), 0);
    }
}
