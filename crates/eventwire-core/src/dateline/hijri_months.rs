//! Names of the Hijri months as news texts transliterate them (Arabic,
//! Indonesian and Malay, Turkish and Urdu spellings).

use std::sync::LazyLock;

use super::scan::Cursor;

/// Spellings of each month, month 1 (Muharram) first. Spelling variants that
/// differ only in case, apostrophes, hyphens, spaces, doubled letters or a
/// final "h" need not be listed: [`month_key`] folds them together.
const SPELLINGS: [&[&str]; 12] = [
    &["Muharram", "Moharram", "Muharrum", "Muharem", "Muharrem"],
    &["Safar", "Sapar", "Safer"],
    &[
        "Rabi al-Awwal",
        "Rabiul Awal",
        "Rabi I",
        "Rabi al-Ula",
        "Rabiul Ula",
        "Rabi al-Aula",
        "Rebiulevvel",
        "Rabiulawal",
        "Robiul Awal",
        "Rabi Awal",
        "Rabi'u al-Awwal",
    ],
    &[
        "Rabi al-Thani",
        "Rabiul Akhir",
        "Rabi al-Akhir",
        "Rabi II",
        "Rabi al-Akhar",
        "Rabi ath-Thani",
        "Rabi al-Sani",
        "Rabiul Tsani",
        "Rabius Tsani",
        "Rabiul Sani",
        "Rabius Sani",
        "Rabiul Thani",
        "Rabi Akhir",
        "Rabi Thani",
        "Rebiulahir",
        "Robiul Akhir",
        "Rabi'u al-Thani",
        "Rabi'u al-Akhir",
    ],
    &[
        "Jumada al-Ula",
        "Jumadil Awal",
        "Jumada I",
        "Jumada al-Awwal",
        "Jumadal Ula",
        "Jumadil Ula",
        "Jumadal Awwal",
        "Jumada al-Oula",
        "Jumada al-Uula",
        "Jumadil Awwal",
        "Jumadi al-Awwal",
        "Jumadi al-Ula",
        "Cemaziyelevvel",
        "Jamadi al-Awwal",
        "Jamadi ul Awwal",
        "Jumada Awal",
    ],
    &[
        "Jumada al-Akhirah",
        "Jumada al-Thani",
        "Jumadil Akhir",
        "Jumada II",
        "Jumada al-Akhira",
        "Jumada al-Thaniyah",
        "Jumadal Akhirah",
        "Jumadil Akhirah",
        "Jumada ath-Thaniyah",
        "Jumada al-Akhir",
        "Jumadil Tsani",
        "Jumadits Tsani",
        "Jumadil Sani",
        "Jumadi al-Thani",
        "Jumadi al-Akhir",
        "Jumadi al-Akhirah",
        "Cemaziyelahir",
        "Jamadi al-Thani",
        "Jamadi ul Akhir",
        "Jamadi us Sani",
        "Jumada Akhir",
    ],
    &["Rajab", "Rejeb", "Recep", "Rejab"],
    &[
        "Sha'ban", "Syaban", "Shaban", "Shaaban", "Sya'ban", "Saban", "Chaabane", "Shabaan",
    ],
    &[
        "Ramadan", "Ramadhan", "Ramazan", "Ramdan", "Ramadaan", "Ramzan",
    ],
    &[
        "Shawwal", "Syawal", "Shawal", "Sevval", "Chawwal", "Syawwal",
    ],
    &[
        "Dhu al-Qi'dah",
        "Dzulqaidah",
        "Zulkaedah",
        "Dhu al-Qa'dah",
        "Dhul Qadah",
        "Dhul Qi'dah",
        "Dhu'l-Qa'dah",
        "Dhu'l-Qi'dah",
        "Dhu al-Qidah",
        "Zul Qadah",
        "Zulqaidah",
        "Zulqa'dah",
        "Zulkaidah",
        "Dzulqa'dah",
        "Dzulkaidah",
        "Dzul Qa'dah",
        "Dhul Qaadah",
        "Zilkade",
        "Zil Qad",
        "Zulqadah",
        "Dhu el-Qi'dah",
    ],
    &[
        "Dhu al-Hijjah",
        "Dzulhijjah",
        "Zulhijjah",
        "Dhul Hijjah",
        "Dhu'l-Hijjah",
        "Zul Hijjah",
        "Dhu al-Hijja",
        "Dulhijjah",
        "Zilhicce",
        "Zil Hajj",
        "Zulhijah",
        "Dhul Hijja",
        "Dhu el-Hijjah",
        "Zulhijja",
    ],
];

/// First two folded letters of every spelling: a word starting otherwise
/// is no month name, which settles most words without any lookup.
const PREFIXES: [[u8; 2]; 18] = [
    *b"mu", *b"mo", *b"sa", *b"sh", *b"sy", *b"se", *b"ra", *b"re", *b"ro", *b"ju", *b"ja", *b"ce",
    *b"ch", *b"dh", *b"dz", *b"du", *b"zu", *b"zi",
];

/// Most words a month name takes ("Dhu al Qi dah" written with spaces).
const MAX_MONTH_WORDS: usize = 4;

/// Longest comparison key; longer text is no month name.
const MAX_KEY_BYTES: usize = 40;

/// A folded month spelling, kept on the stack: month names are looked up
/// at every candidate position, so building keys must not allocate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct MonthKey {
    bytes: [u8; MAX_KEY_BYTES],
    len: usize,
}

impl MonthKey {
    fn push(&mut self, byte: u8) -> Option<()> {
        *self.bytes.get_mut(self.len)? = byte;
        self.len += 1;
        Some(())
    }

    fn last(&self) -> Option<u8> {
        self.len.checked_sub(1).map(|i| self.bytes[i])
    }
}

/// Fold a spelling to a comparison key: lowercase ASCII letters without
/// diacritics or joiners, doubled letters single, no final "h"; a final
/// Roman or Arabic ordinal ("Rabi II", "Jumada 1") is kept apart as "#2".
/// `None` when the spelling is too long to be a month name.
fn month_key(spelling: &str) -> Option<MonthKey> {
    let is_break = |c: char| c.is_whitespace() || c == '-';
    let folded_token = |token: &str| -> Option<(u8, u8, usize)> {
        // The first two folded characters and the count, enough to spot ordinals.
        let mut chars = token.chars().filter_map(fold_char);
        let first = chars.next()? as u8;
        let second = chars.next().map_or(0, |c| c as u8);
        Some((first, second, 2 + chars.count()))
    };
    let tokens = || {
        spelling
            .split(is_break)
            .filter(|t| folded_token(t).is_some())
    };
    let token_count = tokens().count();
    let ordinal = match tokens().next_back().and_then(folded_token) {
        Some((b'i' | b'1', 0, _)) if token_count > 1 => Some(b'1'),
        Some((b'i', b'i', 2)) | Some((b'2', 0, _)) if token_count > 1 => Some(b'2'),
        _ => None,
    };
    let kept = token_count - usize::from(ordinal.is_some());
    let mut key = MonthKey {
        bytes: [0; MAX_KEY_BYTES],
        len: 0,
    };
    for token in tokens().take(kept) {
        for c in token.chars().filter_map(fold_char) {
            let byte = c as u8;
            if key.last() != Some(byte) {
                key.push(byte)?;
            }
        }
    }
    if key.len > 3 && key.last() == Some(b'h') {
        key.len -= 1;
    }
    if let Some(ordinal) = ordinal {
        key.push(b'#')?;
        key.push(ordinal)?;
    }
    Some(key)
}

/// Lowercase ASCII of a letter or digit, dropping diacritics; `None` for
/// apostrophes and other joiners.
fn fold_char(c: char) -> Option<char> {
    let folded = match c {
        'a'..='z' | '0'..='9' => c,
        'A'..='Z' => c.to_ascii_lowercase(),
        'ā' | 'Ā' | 'á' | 'Á' | 'à' | 'â' | 'ä' => 'a',
        'ī' | 'Ī' | 'í' | 'Í' | 'ì' | 'î' | 'ı' | 'İ' => 'i',
        'ū' | 'Ū' | 'ú' | 'Ú' | 'ù' | 'û' | 'ü' | 'Ü' => 'u',
        'ē' | 'é' | 'è' | 'ê' => 'e',
        'ō' | 'ó' | 'ô' | 'ö' => 'o',
        'ḥ' | 'Ḥ' => 'h',
        'ḍ' | 'Ḍ' | 'ḏ' => 'd',
        'ṣ' | 'Ṣ' | 'ş' | 'Ş' => 's',
        'ṭ' | 'Ṭ' | 'ṯ' => 't',
        'ẓ' | 'Ẓ' => 'z',
        'ç' | 'Ç' => 'c',
        'ğ' => 'g',
        _ => return None,
    };
    Some(folded)
}

/// Month number of a spelling, if it is a known Hijri month.
pub(super) fn month_of(spelling: &str) -> Option<u32> {
    let key = month_key(spelling)?;
    if key.len < 4 {
        return None;
    }
    // A key starts with the first two folded letters of its spelling (the
    // first two letters of a name are never doubled), so most spellings are
    // skipped without building their keys.
    let prefix = [key.bytes[0], key.bytes[1]];
    SPELLING_KEYS
        .iter()
        .find(|known| known.prefix == Some(prefix) && known.key == Some(key))
        .map(|known| known.month)
}

/// A spelling's month, first two folded letters and key.
struct SpellingKey {
    month: u32,
    prefix: Option<[u8; 2]>,
    key: Option<MonthKey>,
}

/// The keys of all spellings in table order, built once: building them at
/// every candidate word was most of the time of finding a dateline.
static SPELLING_KEYS: LazyLock<Vec<SpellingKey>> = LazyLock::new(|| {
    SPELLINGS
        .iter()
        .zip(1u32..)
        .flat_map(|(spellings, month)| {
            spellings.iter().map(move |spelling| SpellingKey {
                month,
                prefix: folded_prefix(spelling),
                key: month_key(spelling),
            })
        })
        .collect()
});

/// The first two folded letters of a spelling.
fn folded_prefix(spelling: &str) -> Option<[u8; 2]> {
    let mut letters = spelling.chars().filter_map(fold_char);
    Some([letters.next()? as u8, letters.next()? as u8])
}

/// Read a Hijri month name of one to four words at the cursor, the longest
/// that is known. Roman ordinals ("Rabi II") count as words.
pub(super) fn parse_month(cur: &mut Cursor) -> Option<u32> {
    let start = cur.pos;
    let rest = cur.rest();
    let opening = &rest[..super::scan::floor_char_boundary(rest, 8)];
    if !folded_prefix(opening).is_some_and(|p| PREFIXES.contains(&p)) {
        return None;
    }
    let mut ends = [0usize; MAX_MONTH_WORDS];
    let mut words = 0;
    let mut probe = cur.clone();
    while words < MAX_MONTH_WORDS {
        if words > 0 && !probe.eat_single_space() {
            break;
        }
        if probe.word().is_none() {
            break;
        }
        ends[words] = probe.pos;
        words += 1;
    }
    for &end in ends[..words].iter().rev() {
        if let Some(month) = month_of(&cur.text[start..end]) {
            cur.pos = end;
            return Some(month);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_do_not_collide_across_months() {
        for (month, spellings) in SPELLINGS.iter().enumerate() {
            for spelling in *spellings {
                let key = month_key(spelling);
                let built = key.expect("short spelling");
                assert_eq!(
                    Some([built.bytes[0], built.bytes[1]]),
                    folded_prefix(spelling),
                    "{spelling}: the prefix filter in month_of would skip it"
                );
                assert_eq!(month_of(spelling), Some(month as u32 + 1), "{spelling}");
                assert!(
                    folded_prefix(spelling).is_some_and(|p| PREFIXES.contains(&p)),
                    "{spelling}: add its first two letters to PREFIXES"
                );
                for (other, others) in SPELLINGS.iter().enumerate() {
                    if other != month {
                        assert!(
                            others.iter().all(|o| month_key(o) != key),
                            "{spelling} collides with month {}",
                            other + 1
                        );
                    }
                }
            }
        }
    }
}
