//! The cases issue 13 names, each on sentences written for these tests: whole names at the
//! start of a sentence, a line or a quote; hyphenated given names; titles that are not
//! organizations; one kind per name across an article; products that are none of the kinds.

use rstest::rstest;

use super::{EntityKind, detect};

const PERSON: EntityKind = EntityKind::Person;
const ORGANIZATION: EntityKind = EntityKind::Organization;
const PLACE: EntityKind = EntityKind::Place;

fn found(text: &str) -> Vec<(&str, EntityKind)> {
    detect(text).into_iter().map(|e| (&text[e.range], e.kind)).collect()
}

#[rstest]
#[case::sentence_start("North Korea fired two missiles, the defence ministry said.", "North Korea", PLACE)]
#[case::after_an_opening_quote("\"North Korea will answer,\" the envoy told reporters.", "North Korea", PLACE)]
#[case::start_of_the_title("North Korea Reopens Its Border\n\nThe crossing opened on Monday.", "North Korea", PLACE)]
#[case::city_at_a_line_start("New York 2019-05-04\n\nPolice closed two bridges on Saturday.", "New York", PLACE)]
#[case::country_of_two_words("Oil output in Saudi Arabia rose again in March.", "Saudi Arabia", PLACE)]
#[case::organization_without_suffix(
    "The United Nations said aid convoys were blocked.",
    "United Nations",
    ORGANIZATION
)]
#[case::hyphenated_given_name("The envoy met Kim Jong-un in the capital on Friday.", "Kim Jong-un", PERSON)]
#[case::hyphenated_given_name_too("Talks with Moon Jae-in ended early.", "Moon Jae-in", PERSON)]
#[case::island("The leaders met at a hotel on Sentosa island.", "Sentosa", PLACE)]
#[case::photo_agency("A photo of the summit. Leah Brandt/AFP/Getty", "Getty", ORGANIZATION)]
#[case::long_agency_name(
    "The Department of Health and Human Services opened an inquiry.",
    "Department of Health and Human Services",
    ORGANIZATION
)]
#[case::surname_after_a_title("Mr. Park declined to comment on the ruling.", "Park", PERSON)]
fn names(#[case] text: &str, #[case] name: &str, #[case] kind: EntityKind) {
    let got = found(text);
    assert!(got.contains(&(name, kind)), "{name} as {kind} in {got:?}");
}

#[test]
fn two_countries_joined_by_a_hyphen_are_two_places() {
    let got = found("Delegates prepared for a US-North Korea summit in Hanoi.");
    assert!(got.contains(&("US", PLACE)) && got.contains(&("North Korea", PLACE)), "{got:?}");
    assert!(!got.iter().any(|(_, k)| *k == PERSON), "{got:?}");
}

#[test]
fn a_later_title_and_surname_is_the_same_person() {
    let text = "\"The trend is clear,\" said Anjali Raman, the report's author. Ms. Raman added that \
                the figures were checked twice.";
    let got = found(text);
    assert_eq!(got.iter().filter(|(t, k)| *t == "Raman" && *k == PERSON).count(), 1, "{got:?}");
    assert!(got.contains(&("Anjali Raman", PERSON)), "{got:?}");
}

#[test]
fn currencies_and_malware_are_no_organizations() {
    let text = "The group laundered the money through Monero and spread WannaCry to hospitals.";
    let got = found(text);
    assert!(!got.iter().any(|(t, _)| *t == "Monero" || *t == "WannaCry"), "{got:?}");
}

#[test]
fn law_enforcement_titles_are_no_organizations() {
    let text = "Assistant Attorney General Maria Lopez and U.S. Attorney John Hale announced the charges \
                with Special Agent in Charge Paul M. Abbate of the FBI's Washington Field Office.";
    let got = found(text);
    for name in ["Maria Lopez", "John Hale", "Paul M. Abbate"] {
        assert!(got.contains(&(name, PERSON)), "{name} in {got:?}");
    }
    let titles = ["Special", "Agent", "Attorney", "Assistant", "Charge"];
    assert!(!got.iter().any(|(t, k)| *k == ORGANIZATION && titles.iter().any(|w| t.contains(w))), "{got:?}");
}

#[test]
fn headings_that_are_ordinary_words_are_no_names() {
    let text = "Markets\n\nIntro\n\nShares fell on Monday.\n\nReference\n\nThe filing is public.";
    let got = found(text);
    assert!(!got.iter().any(|(t, _)| matches!(*t, "Intro" | "Reference" | "Markets")), "{got:?}");
}
