//! English cardinal number words, shared by the stages that read numbers
//! written out (time durations, counts).

/// The value of a cardinal word from "one" to "ninety" (lower case): the
/// units, the teens and the tens. Compounds ("twenty-five") are the caller's.
pub fn cardinal_word(word: &str) -> Option<u32> {
    Some(match word {
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::cardinal_word;

    #[test]
    fn units_teens_and_tens() {
        assert_eq!(cardinal_word("seven"), Some(7));
        assert_eq!(cardinal_word("seventeen"), Some(17));
        assert_eq!(cardinal_word("seventy"), Some(70));
        assert_eq!(cardinal_word("hundred"), None);
        assert_eq!(cardinal_word("Seven"), None);
    }
}
