//! Names of the Hijri months as news texts transliterate them (Arabic,
//! Indonesian and Malay, Turkish and Urdu spellings).

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

/// Most words a month name takes ("Dhu al Qi dah" written with spaces).
const MAX_MONTH_WORDS: usize = 4;

/// Fold a spelling to a comparison key: lowercase ASCII letters without
/// diacritics or joiners, doubled letters single, no final "h"; a final
/// Roman or Arabic ordinal ("Rabi II", "Jumada 1") is kept apart as "#2".
fn month_key(spelling: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    for raw in spelling.split(|c: char| c.is_whitespace() || c == '-') {
        let word: String = raw.chars().filter_map(fold_char).collect();
        if !word.is_empty() {
            words.push(word);
        }
    }
    let ordinal = match words.last().map(String::as_str) {
        Some("i" | "1") if words.len() > 1 => Some('1'),
        Some("ii" | "2") if words.len() > 1 => Some('2'),
        _ => None,
    };
    if ordinal.is_some() {
        words.pop();
    }
    let mut key = String::new();
    for c in words.concat().chars() {
        if !key.ends_with(c) {
            key.push(c);
        }
    }
    if key.len() > 3 && key.ends_with('h') {
        key.pop();
    }
    if let Some(ordinal) = ordinal {
        key.push('#');
        key.push(ordinal);
    }
    key
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
    let key = month_key(spelling);
    if key.len() < 4 || key.len() > 30 {
        return None;
    }
    // Every key starts with the spelling's first letter folded, so most
    // spellings are skipped without building their keys.
    let first = key.chars().next()?;
    SPELLINGS.iter().zip(1u32..).find_map(|(spellings, month)| {
        spellings
            .iter()
            .filter(|candidate| candidate.chars().next().and_then(fold_char) == Some(first))
            .any(|candidate| month_key(candidate) == key)
            .then_some(month)
    })
}

/// Read a Hijri month name of one to four words at the cursor, the longest
/// that is known. Roman ordinals ("Rabi II") count as words.
pub(super) fn parse_month(cur: &mut Cursor) -> Option<u32> {
    let start = cur.pos;
    let mut ends = Vec::with_capacity(MAX_MONTH_WORDS);
    let mut probe = cur.clone();
    for index in 0..MAX_MONTH_WORDS {
        if index > 0 && !probe.eat_single_space() {
            break;
        }
        if probe.word().is_none() {
            break;
        }
        ends.push(probe.pos);
    }
    for &end in ends.iter().rev() {
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
