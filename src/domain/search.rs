//! Search text folded the way people type it: lower-case ASCII, so "lukasz" finds
//! "Łukasz", "muller" finds "Müller" and "ivan" finds "Иван".

use deunicode::deunicode;

/// `text` transliterated to ASCII and lower-cased, with runs of spaces made one.
pub fn fold(text: &str) -> String {
    let ascii = deunicode(text).to_lowercase();
    ascii.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What a person's search matches: their name and email.
pub fn person_key(name: &str, email: &str) -> String {
    format!("{} {}", fold(name), fold(email))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn diacritics_and_other_scripts_fold_to_what_people_type() {
        assert_eq!(fold("Łukasz Żółć"), "lukasz zolc");
        assert_eq!(fold("Jürgen Müller-Straße"), "jurgen muller-strasse");
        assert_eq!(fold("Иван  Петров"), "ivan petrov");
        assert_eq!(person_key("Ólafur", "OLI@Example.com"), "olafur oli@example.com");
    }

    proptest! {
        #[test]
        fn folding_is_ascii_lower_case_and_stable(text in "\\PC{0,40}") {
            let once = fold(&text);
            prop_assert!(once.is_ascii());
            prop_assert_eq!(once.to_lowercase(), once.clone());
            prop_assert_eq!(fold(&once), once);
        }
    }
}
