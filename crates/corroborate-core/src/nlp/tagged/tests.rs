//! The name finder on sentences written here: page furniture, titles,
//! people of places, nicknames, headlines.

use super::*;
use crate::nlp::segment;

/// Names and kinds the whole finder reports (no dates or numbers).
fn names(text: &str) -> Vec<(String, Kind)> {
    let paragraphs = segment::segment(text);
    mentions::find(text, &paragraphs, Some("2024-05-02"))
        .into_iter()
        .filter(|c| c.found == Found::Name && !c.weak)
        .map(|c| (c.text, c.votes.winner()))
        .collect()
}

fn has(found: &[(String, Kind)], name: &str, kind: Kind) -> bool {
    found.iter().any(|(n, k)| n == name && *k == kind)
}

fn named(found: &[(String, Kind)], name: &str) -> bool {
    found.iter().any(|(n, _)| n == name)
}

#[test]
fn a_title_inside_a_run_of_capitals_opens_a_persons_name() {
    let found = names(
        "The dam was opened by Nevada Gov. Ruth Calloway on Friday. Commerce Secretary Daniel Okafor said the rule would change. Senior Trooper Martin Szabo, a dog handler, was hurt. Carverton Comets GM Paul Whitfield said the team made an offer.",
    );
    for (person, not) in [
        ("Ruth Calloway", "Nevada Gov. Ruth Calloway"),
        ("Daniel Okafor", "Commerce Secretary Daniel Okafor"),
        ("Martin Szabo", "Senior Trooper Martin Szabo"),
        ("Paul Whitfield", "Carverton Comets GM Paul Whitfield"),
    ] {
        assert!(has(&found, person, Kind::Person), "{person} in {found:?}");
        assert!(!named(&found, not), "{not} in {found:?}");
    }
    assert!(has(&found, "Nevada", Kind::Place), "{found:?}");
    assert!(!named(&found, "Commerce"), "{found:?}");
    // After a rank only people hold, even a town's name is a surname.
    let ranked = names(
        "Dunmore State Police Lt. Hastings said the road was shut. Lieutenant Hastings gave no names.",
    );
    assert!(has(&ranked, "Hastings", Kind::Person), "{ranked:?}");
    let two = names("Sheriff Bob Lane and Deputy Jim Cole arrived first.");
    assert!(has(&two, "Jim Cole", Kind::Person), "{two:?}");
    assert!(has(&two, "Bob Lane", Kind::Person), "{two:?}");
    // But what follows a rank is no person when it is a title or a listed name.
    let not = names("The Inspector General of the agency met fans of Captain America in Ohio.");
    assert!(
        !has(&not, "General", Kind::Person) && !has(&not, "America", Kind::Person),
        "{not:?}"
    );
    assert!(
        !ranked
            .iter()
            .any(|(n, k)| n.contains("Hastings") && *k != Kind::Person),
        "{ranked:?}"
    );
}

#[test]
fn titles_alone_abbreviations_and_headline_prepositions_are_no_names() {
    let found = names(
        "Boxer Dario Kovac, 31-2, 22 KOs, retired on Friday.\nThe driver was charged with DWI in Carverton.\nSenior Trooper, a post held by Ruth Calloway, was cut.",
    );
    for bad in ["KOs", "DWI", "Senior Trooper"] {
        assert!(!named(&found, bad), "{bad} in {found:?}");
    }
    assert!(has(&found, "Dario Kovac", Kind::Person), "{found:?}");
    let headline = names(
        "Vigil Held For Victims Of Dunmore Shooting\n\nHundreds met in Dunmore on Sunday to remember the victims.",
    );
    assert!(!named(&headline, "Of Dunmore Shooting"), "{headline:?}");
    assert!(!named(&headline, "Of Dunmore"), "{headline:?}");
}

#[test]
fn a_person_of_a_place_is_two_names() {
    let found = names(
        "Officers named the driver as Irene Rosa Delgado of Carverton. Capt. Owen Marsh of the Dunmore Police Department spoke first.",
    );
    assert!(has(&found, "Irene Rosa Delgado", Kind::Person), "{found:?}");
    assert!(has(&found, "Owen Marsh", Kind::Person), "{found:?}");
    assert!(named(&found, "Carverton"), "{found:?}");
    assert!(
        has(&found, "Dunmore Police Department", Kind::Organization),
        "{found:?}"
    );
    // A body named "X of Y" stays whole.
    let bodies = names(
        "The Bank of England raised rates. The Ministry of Defence said nothing. The University of Carverton hired Irene Rosa Delgado.",
    );
    for body in [
        "The Bank of England",
        "The Ministry of Defence",
        "The University of Carverton",
    ] {
        assert!(
            has(&bodies, body, Kind::Organization),
            "{body} in {bodies:?}"
        );
    }
}

#[test]
fn a_nickname_in_brackets_stays_inside_the_name() {
    // At the very start of a report too.
    let first = names("Darnell (Dee) Whitaker was 19.");
    assert!(
        has(&first, "Darnell (Dee) Whitaker", Kind::Person),
        "{first:?}"
    );
    let found = names("Hundreds gathered for a vigil for Darnell (Dee) Whitaker on Sunday.");
    assert!(
        has(&found, "Darnell (Dee) Whitaker", Kind::Person),
        "{found:?}"
    );
    assert!(!named(&found, "Dee"), "{found:?}");
    // A results table's country in brackets is no nickname.
    let table = names(
        "1. Pieter Vosman (Netherlands) Rabobank 4 hours 2 mins\n2. Aldo Ferri (Italy) Polti 5 seconds behind",
    );
    assert!(has(&table, "Pieter Vosman", Kind::Person), "{table:?}");
    assert!(
        !named(&table, "Pieter Vosman (Netherlands) Rabobank"),
        "{table:?}"
    );
}

#[test]
fn people_organizations_and_places_in_plain_sentences() {
    let found = names(
        "Marta Oyelaran, a spokeswoman for the Tillbury Water Company, said the pipe burst near Harwick on Tuesday.\nThe mayor of Harwick, Dennis Crale, met engineers from Severn Trent.",
    );
    assert!(has(&found, "Marta Oyelaran", Kind::Person), "{found:?}");
    assert!(
        has(&found, "Tillbury Water Company", Kind::Organization),
        "{found:?}"
    );
    assert!(has(&found, "Harwick", Kind::Place), "{found:?}");
    assert!(has(&found, "Dennis Crale", Kind::Person), "{found:?}");
    assert!(!named(&found, "Tuesday"), "{found:?}");
}

#[test]
fn page_furniture_is_no_name() {
    let found = names(
        "Posted 10:42 GMT, Updated 11:15 EST\nBy Laura Pinkney, Staff Reporter\nWith Steven Alcott at the helm, the club won again.\nWho is Dana Whitcombe? Internet users asked on Monday.\nShare this article\nAdvertisement",
    );
    for junk in [
        "Posted",
        "Updated",
        "GMT",
        "EST",
        "With Steven",
        "With",
        "Who",
        "Internet",
        "Share",
        "Advertisement",
        "Monday",
        "Staff Reporter",
    ] {
        assert!(!named(&found, junk), "{junk} in {found:?}");
    }
    assert!(has(&found, "Steven Alcott", Kind::Person), "{found:?}");
    assert!(has(&found, "Dana Whitcombe", Kind::Person), "{found:?}");
    assert!(has(&found, "Laura Pinkney", Kind::Person), "{found:?}");
}

#[test]
fn holidays_works_and_nationalities_are_not_people_organizations_or_places() {
    let found = names(
        "Christmas shoppers filled the stores, and many Germans stayed home to watch the World Cup final on television.\nShe starred in American Pie before joining the cast of a French drama.",
    );
    for other in [
        "Christmas",
        "Germans",
        "World Cup",
        "American Pie",
        "French",
    ] {
        assert!(!named(&found, other), "{other} in {found:?}");
    }
}

#[test]
fn sports_teams_are_organizations_never_people_or_places() {
    let found = names(
        "The Colts beat the Ravens 24-10 in Baltimore on Sunday, and Manchester United drew with Arsenal.",
    );
    assert!(has(&found, "Baltimore", Kind::Place), "{found:?}");
    for team in ["Ravens", "Manchester United", "Arsenal"] {
        assert!(has(&found, team, Kind::Organization), "{team} in {found:?}");
    }
    assert!(
        !has(&found, "Colts", Kind::Person) && !has(&found, "Colts", Kind::Place),
        "{found:?}"
    );
}

#[test]
fn quoted_slogans_are_not_names() {
    let found = names("They chanted “Stop The Port” outside the Harwick council offices.");
    assert!(
        !named(&found, "Port") && !named(&found, "Stop The Port"),
        "{found:?}"
    );
}

#[test]
fn names_end_at_quotes_possessives_and_lowercase_words() {
    let found = names(
        "Officials said Google to “remove TikTok” was unlikely. Trump’s order lingered for months at ByteDance- staff in Beijing.",
    );
    for bad in [
        "Google to",
        "Trump’s order lingered",
        "ByteDance- staff in Beijing",
    ] {
        assert!(!named(&found, bad), "{bad} in {found:?}");
    }
    assert!(has(&found, "Beijing", Kind::Place), "{found:?}");
}

#[test]
fn a_name_keeps_its_label_in_the_capitals_of_the_headline() {
    let text = "FLOODS CUT OFF PELLINGHAM AS RIVER ORRIN RISES\n\nFloods cut off the town of Pellingham on Friday, after the River Orrin burst its banks.\nResidents of Pellingham were moved to a school.";
    let found = names(text);
    let pelling: Vec<&(String, Kind)> = found
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case("Pellingham"))
        .collect();
    assert!(pelling.len() >= 3, "{found:?}");
    assert!(pelling.iter().all(|(_, k)| *k == Kind::Place), "{found:?}");
}

#[test]
fn a_defined_acronym_stretches_its_name_back_over_the_words_it_spells() {
    let text = "Envoys of the Council for Trade and Transport in Norland (CTTN) met the Kestrel Labour Party (KLP) and Europe (OMSE) delegates.";
    let at = |s: &str| {
        let start = text.find(s).unwrap_or(0);
        Span::new(start, start + s.len())
    };
    let mut found = vec![
        (
            at("Council for Trade and Transport"),
            Kind::Organization,
            false,
        ),
        (at("Norland"), Kind::Place, false),
        (at("Kestrel"), Kind::Place, false),
        (at("Labour Party"), Kind::Organization, false),
        (at("Europe"), Kind::Place, false),
    ];
    assert!(pieces::spelled_by_acronyms(text, &mut found));
    let spans: Vec<(&str, Kind)> = found
        .iter()
        .map(|(s, k, _)| (&text[s.range()], *k))
        .collect();
    assert_eq!(
        spans,
        [
            (
                "Council for Trade and Transport in Norland",
                Kind::Organization
            ),
            ("Kestrel Labour Party", Kind::Organization),
            // Nothing before "Europe" spells OMSE: left as it was.
            ("Europe", Kind::Place),
        ]
    );
}

#[test]
fn a_role_before_a_word_that_only_opens_names_leaves_a_person() {
    let g = Gazetteer::get();
    let text = "Coach Heidar Vossberg";
    let split = pieces::pieces(text, Span::new(0, text.len()), g, Kind::Organization);
    let named: Vec<(&str, Option<Kind>)> =
        split.iter().map(|(s, k)| (&text[s.range()], *k)).collect();
    assert_eq!(named, vec![("Heidar Vossberg", Some(Kind::Person))]);
    // "General Motors" keeps its first word: "Motors" opens no one's name.
    let text = "General Motors";
    let split = pieces::pieces(text, Span::new(0, text.len()), g, Kind::Organization);
    assert_eq!(
        split.first().map(|(s, _)| &text[s.range()]),
        Some("General Motors")
    );
}

#[test]
fn only_a_persons_name_ends_in_a_generation() {
    for name in [
        "Arcade Joseph Comeaux Jr.",
        "Ken Griffey Sr",
        "TOBIAS WRENFIELD JR",
    ] {
        assert!(ends_in_generation(name), "{name}");
    }
    for name in ["Jr.", "Heritage Partners", "World War II", "Grade II"] {
        assert!(!ends_in_generation(name), "{name}");
    }
}

#[test]
fn a_name_does_not_end_inside_a_hyphenated_word() {
    assert_eq!(hyphen_tail("-Sharman won", "Tyler", true), "-Sharman".len());
    assert_eq!(hyphen_tail("-un met", "Jong", true), "-un".len());
    assert_eq!(hyphen_tail("-in met", "Jae", false), "-in".len());
    assert_eq!(hyphen_tail("-Cola said", "Coca", false), "-Cola".len());
    for adjective in [
        "-backed candidate",
        "-based group",
        "-era rules",
        "-led coalition",
    ] {
        assert_eq!(hyphen_tail(adjective, "Putin", true), 0, "{adjective}");
    }
    // A dash written as a hyphen runs into a word, not a syllable.
    assert_eq!(hyphen_tail("-was charged", "Kirkpatrick", true), 0);
    assert_eq!(hyphen_tail("-is charged", "Kirkpatrick", true), 0);
    // Two listed names stay two; an English word takes no syllable.
    assert_eq!(hyphen_tail("-Ukraine talks", "Russia", false), 0);
    assert_eq!(hyphen_tail("-China trade", "US", false), 0);
    assert_eq!(hyphen_tail("-wide schools", "City", false), 0);
    assert_eq!(arabic_article("claimed by al-"), 3);
    assert_eq!(arabic_article("a royal-"), 0);
    let found = names(
        "North Korean leader Kim Jong-un met South Korean President Moon Jae-in at the border. British cyclist Lucy Tyler-Sharman won the sprint.\nThe attack was claimed by al-Shabaab, a group linked to al-Qaeda.",
    );
    for name in ["Kim Jong-un", "Moon Jae-in", "Lucy Tyler-Sharman"] {
        assert!(has(&found, name, Kind::Person), "{name} in {found:?}");
    }
    // A listed body is a body, whatever the tagger read.
    assert!(has(&found, "al-Qaeda", Kind::Organization), "{found:?}");
    assert!(named(&found, "al-Shabaab"), "{found:?}");
    for part in ["Kim Jong", "Moon Jae", "Shabaab", "Qaeda"] {
        assert!(!named(&found, part), "{part} in {found:?}");
    }
}

#[test]
fn and_the_and_a_firms_legal_form_end_a_name() {
    let found = names(
        "Talks between Norland and the Coastal Liberation Front resumed in Varna on Monday. Hollis Controls Inc and Marrow Corp agreed to merge.",
    );
    for (name, kind) in [
        ("Norland", Kind::Place),
        ("Coastal Liberation Front", Kind::Organization),
        ("Hollis Controls Inc", Kind::Organization),
        ("Marrow Corp", Kind::Organization),
    ] {
        assert!(has(&found, name, kind), "{name} in {found:?}");
    }
    assert!(
        !found.iter().any(|(n, _)| n.contains(" and ")),
        "two names joined: {found:?}"
    );
}

#[test]
fn a_spaced_dash_or_an_em_dash_separates_names() {
    let found = names(
        "VARNA — Norland's finance minister Rachel Hollis said on Monday that taxes would rise.\nSquad: Norland - Jorge Luis Dely Valdes, Ricardo Moreno, Tomas Ek.",
    );
    for (name, kind) in [
        ("Rachel Hollis", Kind::Person),
        ("Jorge Luis Dely Valdes", Kind::Person),
        ("Ricardo Moreno", Kind::Person),
    ] {
        assert!(has(&found, name, kind), "{name} in {found:?}");
    }
    assert!(
        !found
            .iter()
            .any(|(n, _)| n.contains(['—', '-']) && n.contains(' ')),
        "a name across a dash: {found:?}"
    );
}

#[test]
fn tournaments_wars_laws_and_prizes_are_no_people_bodies_or_places() {
    let found = names(
        "Ruth Calloway won the Greater Carverton Open on Sunday. Parliament repealed the Harbour Safety Act after the Eastmoor War, and the Lindqvist Prize went to Daniel Okafor.",
    );
    assert!(has(&found, "Ruth Calloway", Kind::Person), "{found:?}");
    assert!(has(&found, "Daniel Okafor", Kind::Person), "{found:?}");
    for other in [
        "Greater Carverton Open",
        "Carverton Open",
        "Harbour Safety Act",
        "Eastmoor War",
        "Lindqvist Prize",
    ] {
        assert!(!named(&found, other), "{other} in {found:?}");
    }
}

#[test]
fn a_firms_short_legal_form_keeps_its_full_stop() {
    let found = names("Shares of Halvorsen Bancorp Inc. rose after Marrow Bros. bought them.");
    assert!(
        has(&found, "Halvorsen Bancorp Inc.", Kind::Organization),
        "{found:?}"
    );
    assert!(has(&found, "Marrow Bros.", Kind::Organization), "{found:?}");
}

#[test]
fn a_full_stop_that_ends_the_sentence_is_the_sentences() {
    let found = names(
        "Shareholders backed the sale to Marrow Corp. The vote was close. Marrow Corp’s board met.",
    );
    assert!(has(&found, "Marrow Corp", Kind::Organization), "{found:?}");
    assert!(!named(&found, "Marrow Corp."), "{found:?}");
}

#[test]
fn particles_inside_a_persons_name_keep_it_whole() {
    let found = names(
        "Commission President Ingrid von der Marwitz met Paulo Antunes da Costa in Lisbon. Fire damaged the building’s roof, and Von der Marwitz said the talks went well. Driver Tomas de Vries won.",
    );
    for person in [
        "Ingrid von der Marwitz",
        "Paulo Antunes da Costa",
        "Tomas de Vries",
    ] {
        assert!(has(&found, person, Kind::Person), "{person} in {found:?}");
    }
    for piece in ["Ingrid", "Marwitz", "Costa"] {
        assert!(!named(&found, piece), "{piece} alone in {found:?}");
    }
}

#[test]
fn a_name_ending_in_a_roads_word_is_the_road() {
    let found =
        names("Windows shattered along Sheikh Tomas Reyval Road on Friday. Nathan Lane watched.");
    assert!(
        found
            .iter()
            .any(|(n, k)| n.ends_with("Reyval Road") && *k == Kind::Place),
        "{found:?}"
    );
    assert!(
        !found
            .iter()
            .any(|(n, k)| n.ends_with("Road") && *k == Kind::Person),
        "{found:?}"
    );
    assert!(has(&found, "Nathan Lane", Kind::Person), "{found:?}");
}

#[test]
fn what_a_body_is_in_is_a_place() {
    let found = names("The Dunmore Bible Church in Vessaby, Alaska was burned on Friday.");
    assert!(
        has(&found, "Dunmore Bible Church", Kind::Organization),
        "{found:?}"
    );
    assert!(has(&found, "Vessaby", Kind::Place), "{found:?}");
}

#[test]
fn a_particle_before_a_given_name_is_no_part_of_the_name() {
    let found = names("Keep the jokes short, a la Marisa Quellen, the host said.");
    assert!(has(&found, "Marisa Quellen", Kind::Person), "{found:?}");
    assert!(!named(&found, "la Marisa Quellen"), "{found:?}");
}

#[test]
fn a_place_or_body_named_for_a_person_is_the_place_or_body() {
    let found = names(
        "Flights resumed at Ruth Calloway International Airport on Monday. Pupils of Daniel Okafor High School marched down Irene Rosa Delgado Jr. Boulevard. Striker Tomas Ek scored.",
    );
    for (name, kind) in [
        ("Ruth Calloway International Airport", Kind::Place),
        ("Daniel Okafor High School", Kind::Place),
        ("Irene Rosa Delgado Jr. Boulevard", Kind::Place),
        ("Tomas Ek", Kind::Person),
    ] {
        assert!(has(&found, name, kind), "{name} in {found:?}");
    }
    for person in ["Ruth Calloway", "Daniel Okafor", "Striker Tomas Ek"] {
        assert!(!named(&found, person), "{person} in {found:?}");
    }
}

#[test]
fn a_persons_name_the_tagger_cuts_short_is_whole() {
    let found = names(
        "Deputies arrested Marigold Anne Pellow Trask on Friday. The funeral of Deputy Tomas Ruiz Obrevic which was held on Monday drew hundreds.",
    );
    assert!(
        has(&found, "Marigold Anne Pellow Trask", Kind::Person),
        "{found:?}"
    );
    assert!(!named(&found, "Trask"), "{found:?}");
    assert!(has(&found, "Tomas Ruiz Obrevic", Kind::Person), "{found:?}");
    // A calendar word or a listed place after a name is no surname.
    let apart = names("Police said Helena Varga Monday that roads in Ohio were shut.");
    assert!(!found_contains(&apart, "Monday"), "{apart:?}");
}

fn found_contains(found: &[(String, Kind)], word: &str) -> bool {
    found.iter().any(|(n, _)| n.contains(word))
}

#[test]
fn a_foreign_name_runs_on_across_its_particle() {
    let found = names("Fans filled the Stade de Vellmont in Geneva before the final.");
    assert!(named(&found, "Stade de Vellmont"), "{found:?}");
    assert!(!named(&found, "Stade"), "{found:?}");
    // Two listed places with a particle between stay two.
    let two = names("Trade between Spain de France was never the question, said Ortiz.");
    assert!(!found_contains(&two, "Spain de France"), "{two:?}");
}

#[test]
fn a_bodys_name_runs_on_across_and_into_plain_words() {
    let found = names(
        "The prize is given by the Academy of Broadcast Arts and Sciences each spring. The Ministry of Trade and Industry said exports rose. The University of California and Stanford signed the letter.",
    );
    assert!(
        has(
            &found,
            "Academy of Broadcast Arts and Sciences",
            Kind::Organization
        ),
        "{found:?}"
    );
    assert!(
        has(&found, "Ministry of Trade and Industry", Kind::Organization),
        "{found:?}"
    );
    assert!(
        !found_contains(&found, "California and Stanford"),
        "{found:?}"
    );
    let two = names("The bill passed the House of Commons and House of Lords in May.");
    assert!(!found_contains(&two, "Commons and House"), "{two:?}");
}

#[test]
fn a_team_named_for_its_city_is_a_body() {
    let found = names(
        "The Denver 76ers won on Sunday. Earlier the 76ers had lost twice. The Seattle Comets lost to the Boston Marlins. He grew up in Palm Springs and sailed round the Cayman Islands.",
    );
    assert!(has(&found, "Denver 76ers", Kind::Organization), "{found:?}");
    assert!(has(&found, "76ers", Kind::Organization), "{found:?}");
    assert!(
        has(&found, "Seattle Comets", Kind::Organization),
        "{found:?}"
    );
    assert!(
        has(&found, "Boston Marlins", Kind::Organization),
        "{found:?}"
    );
    assert!(
        !has(&found, "Cayman Islands", Kind::Organization),
        "{found:?}"
    );
    assert!(
        !has(&found, "Palm Springs", Kind::Organization),
        "{found:?}"
    );
}

#[test]
fn a_body_of_a_place_is_one_name_and_a_firm_ends_at_its_legal_form() {
    let found = names(
        "A spokesman for the U.S. Treasury Department said the Kurdistan Democratic Party had been told. Brelvik Pharmaceuticals Inc of St. Petersburg was sold to Marnoch Chemical Co of the United States.",
    );
    assert!(
        has(&found, "U.S. Treasury Department", Kind::Organization),
        "{found:?}"
    );
    assert!(
        has(&found, "Kurdistan Democratic Party", Kind::Organization),
        "{found:?}"
    );
    assert!(named(&found, "Brelvik Pharmaceuticals Inc"), "{found:?}");
    assert!(named(&found, "Marnoch Chemical Co"), "{found:?}");
    assert!(!found_contains(&found, " of St"), "{found:?}");
    assert!(!found_contains(&found, "Co of"), "{found:?}");
}

#[test]
fn a_people_before_a_persons_name_is_no_part_of_it() {
    let found = names("Bruno lost the title when he fought American Dorland Tysko in Las Vegas.");
    assert!(has(&found, "Dorland Tysko", Kind::Person), "{found:?}");
    assert!(!found_contains(&found, "American Dorland"), "{found:?}");
}

#[test]
fn titles_in_tight_quotes_faiths_and_lone_headline_words_are_no_names() {
    let found = names(
        "She starred in \"Harbor Lights\", \"Night Ferry Blues\" and \"The Long Pier\" before the \"Glass Orchard\" role made her famous. Neighbours said he was a Muslim and a quiet man.",
    );
    for title in ["Harbor Lights", "Night Ferry Blues", "Glass Orchard"] {
        assert!(!named(&found, title), "{title} in {found:?}");
    }
    assert!(!named(&found, "Muslim"), "{found:?}");
    let headline = names(
        "Welder Charged With Two Counts Of Murder\nPolice charged Tomas Verhoek with murder on Friday. Verhoek denied it.",
    );
    assert!(!named(&headline, "Murder"), "{headline:?}");
    // A word of a name the body gives stays a name in the headline, even
    // an English word ("Baker").
    let text = "Baker Freed After Two Days\nPolice charged Tomas Baker on Friday. Baker denied it.";
    let all = mentions::find(text, &segment::segment(text), None);
    let bakers = all
        .iter()
        .filter(|c| c.found == Found::Name && c.text == "Baker")
        .count();
    assert_eq!(bakers, 2, "{all:?}");
}

#[test]
fn a_headline_cut_short_by_an_ellipsis_is_still_a_headline() {
    // Its verbs are no part of the name before them.
    for text in [
        "Charlie Sheen Checks Into Hotel... Then Flies To Vegas",
        "Amanda Bynes Checks Out Of Hospital... To Check Into Another Clinic",
    ] {
        let all = mentions::find(text, &segment::segment(text), None);
        assert!(!all.iter().any(|c| c.text.contains("Checks")), "{all:?}");
    }
}

#[test]
fn an_abbreviated_title_ends_a_name_only_with_its_full_stop() {
    let found = names(
        "Prime Minister Chea Sen agreed earlier to talks. The bill was backed by Alaska Sen. Lisa Murkowski on Monday.",
    );
    assert!(has(&found, "Chea Sen", Kind::Person), "{found:?}");
    // A given name the tagger stops at goes on into the surname.
    assert!(has(&found, "Lisa Murkowski", Kind::Person), "{found:?}");
    assert!(!named(&found, "Lisa"), "{found:?}");
}

#[test]
fn a_name_after_an_age_is_a_persons_and_where_they_are_from_a_place() {
    let found = names(
        "Officers caught up with 19-year-old Pravindra Rostamkhel of Utica a few blocks away. The car was driven by 34-year-old Oduya Mbekwe of Albany.",
    );
    assert!(
        has(&found, "Pravindra Rostamkhel", Kind::Person),
        "{found:?}"
    );
    assert!(has(&found, "Utica", Kind::Place), "{found:?}");
    assert!(!named(&found, "Pravindra Rostamkhel of Utica"), "{found:?}");
    assert!(has(&found, "Oduya Mbekwe", Kind::Person), "{found:?}");
    assert!(has(&found, "Albany", Kind::Place), "{found:?}");
}

#[test]
fn a_title_case_headlines_verb_is_no_part_of_a_persons_name() {
    for (text, person, not) in [
        (
            "Marla Ostrev Checks Into Rehab\nThe actress checked into a clinic in Arizona on Friday night.",
            "Marla Ostrev",
            "Marla Ostrev Checks",
        ),
        (
            "Tobin Karsh Signs With Rovers\nThe striker signed a three-year deal on Tuesday, the club said.",
            "Tobin Karsh",
            "Tobin Karsh Signs",
        ),
    ] {
        let found = names(text);
        assert!(has(&found, person, Kind::Person), "{found:?}");
        assert!(!named(&found, not), "{found:?}");
    }
}
#[test]
fn a_name_runs_on_into_the_listed_name_it_opens() {
    let found = names(
        "According to The Hollywood Reporter, the director has yet to sign. The studio and The Hollywood Reporter declined to comment.",
    );
    assert!(
        has(&found, "The Hollywood Reporter", Kind::Organization),
        "{found:?}"
    );
    assert!(!named(&found, "The Hollywood"), "{found:?}");
}
