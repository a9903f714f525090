//! Linking on reports written here: surnames within a story, near
//! spellings, forms of a given name, bodies by their short names.

use super::*;
use crate::nlp::{mentions, segment};

fn run(texts: &[&str]) -> Vec<Resolved> {
    resolved(texts, Some("2022-07-29")).0
}

/// Entities and suggestions of reports published on `published`.
fn resolved(texts: &[&str], published: Option<&str>) -> (Vec<Resolved>, Vec<Suggestion>) {
    let found: Vec<_> = texts
        .iter()
        .map(|t| mentions::find(t, &segment::segment(t), published))
        .collect();
    let docs: Vec<Doc> = texts
        .iter()
        .zip(&found)
        .enumerate()
        .map(|(i, (t, candidates))| Doc {
            id: SourceId(i as u32 + 1),
            text: t,
            candidates,
            outlet: None,
        })
        .collect();
    resolve(&docs)
}

fn find<'a>(es: &'a [Resolved], alias: &str) -> &'a Resolved {
    es.iter()
        .find(|e| e.aliases.iter().any(|a| a == alias))
        .unwrap_or_else(|| panic!("no entity for {alias}: {es:#?}"))
}

#[test]
fn surnames_acronyms_and_near_spellings_merge() {
    let es = run(&[
        "Executives included Elizabeth Kanter, TikTok's head of government relations. The Federal Communications Commission (FCC) wrote to it.",
        "The company said Kanter declined. FCC commissioner Brendan Carr said so.",
        "Elizabeth Kanter was there. Kantor and Erich Andersen discussed the request.",
    ]);
    let kanter = find(&es, "Kantor");
    assert_eq!(kanter.name, "Elizabeth Kanter");
    assert_eq!(kanter.kind, Kind::Person);
    assert!(kanter.aliases.contains(&"Kanter".to_string()));
    let fcc = find(&es, "FCC");
    assert_eq!(fcc.name, "Federal Communications Commission");
    assert_eq!(fcc.kind, Kind::Organization);
    assert_eq!(fcc.mentions.len(), 3);
}

#[test]
fn a_surname_joins_the_full_name_of_its_own_story_only() {
    // Two unrelated stories of one archive: a president's visit to a
    // shipyard, and a football match. "Bush" is a different man in each.
    let es = run(&[
        "President George Bush visited the Calloway shipyard in Norfolk on Monday. Bush praised the workers of the Calloway shipyard.",
        "At the Calloway shipyard in Norfolk, Mr. Bush said the contracts would stay.",
        "Reggie Bush scored twice as the Harlan Hawks beat the Dunmore Otters 31-10. Coach Dale Fenwick said the Hawks were tired.",
        "Fans of the Harlan Hawks cheered Mr. Bush after the win over the Dunmore Otters, coach Dale Fenwick said.",
    ]);
    let president = find(&es, "George Bush");
    let player = find(&es, "Reggie Bush");
    assert_ne!(president.name, player.name);
    let docs = |e: &Resolved| e.mentions.iter().map(|m| m.0.0).collect::<BTreeSet<u32>>();
    assert_eq!(docs(president), BTreeSet::from([1, 2]), "{es:#?}");
    assert_eq!(docs(player), BTreeSet::from([3, 4]), "{player:?}");
}

#[test]
fn people_sharing_a_surname_stay_apart() {
    let es = run(&["John Carr met Brendan Carr. Carr said nothing."]);
    assert_ne!(find(&es, "John Carr").name, find(&es, "Brendan Carr").name);
    let es = run(&["Alexander Petrov and Alexandra Petrov ran the Petrov bakery in Dunmore."]);
    assert_ne!(
        find(&es, "Alexander Petrov").name,
        find(&es, "Alexandra Petrov").name
    );
}

#[test]
fn a_body_named_without_its_head_word_is_the_same_body_but_not_its_town() {
    let es = run(&[
        "The Dunmore Police Department arrested a man on Friday after a fire at the Dunmore library.",
        "A spokesman for the Dunmore Police said the man was charged with arson. The library in Dunmore will stay shut.",
        "Crews fought the fire on Vessa Island for hours, and the ferry to Vessa stopped running.",
        "The blaze on Vessa Island was put out, officials said.",
    ]);
    let police = find(&es, "Dunmore Police Department");
    assert!(
        police.aliases.iter().any(|a| a == "Dunmore Police"),
        "{es:#?}"
    );
    assert!(!police.aliases.iter().any(|a| a == "Dunmore"), "{police:?}");
    let island = find(&es, "Vessa Island");
    assert!(island.aliases.iter().any(|a| a == "Vessa"), "{es:#?}");
}

#[test]
fn forms_of_one_given_name_and_a_generational_suffix_are_one_person() {
    let es = run(&[
        "Christopher Hale, the Dunmore Otters coach, was fired on Monday after a losing season.",
        "The Dunmore Otters fired coach Chris Hale on Monday after a losing season.",
        "Jon Ferrel III, the Otters' owner, said the search for a coach would start at once.",
        "Otters owner Jon Ferrel said the search for a new coach began after Hale was fired.",
    ]);
    assert_eq!(
        find(&es, "Christopher Hale").name,
        find(&es, "Chris Hale").name,
        "{es:#?}"
    );
    let owner = find(&es, "Jon Ferrel");
    let docs: BTreeSet<u32> = owner.mentions.iter().map(|m| m.0.0).collect();
    assert_eq!(docs, BTreeSet::from([3, 4]), "{es:#?}");
    // Father and son are two people before any linking.
    assert_ne!(
        name_key("Ken Lacey Jr.", None),
        name_key("Ken Lacey Sr.", None)
    );
}

#[test]
fn near_spelling_in_another_report_is_only_suggested() {
    let (es, suggestions) = resolved(
        &[
            "Dr. Miriam Okafor spoke.",
            "On Friday, Okafar declined to comment.",
        ],
        None,
    );
    assert_ne!(find(&es, "Okafar").name, "Miriam Okafor");
    assert_eq!(suggestions[0].keep, "Miriam Okafor");
    assert_eq!(suggestions[0].merge, "Okafar");
}

#[test]
fn translated_word_order_and_generic_references() {
    let es = run(&[
        "The Harbor Safety Commission met. The Calder Haven Port Authority said the commission was wrong.",
        "The Commission of Safety of the Harbor was not told, and the port authority did not answer.",
    ]);
    let hsc = find(&es, "Commission of Safety of the Harbor");
    assert_eq!(hsc.name, "Harbor Safety Commission");
    let port = find(&es, "port authority");
    assert_eq!(port.name, "Calder Haven Port Authority");
}

#[test]
fn an_acronym_defined_after_a_word_it_does_not_start_with_is_not_that_word() {
    let es = run(&[
        "Monitors from Europe (OMSE) arrived in Vale on Monday. The OMSE said the vote was calm. Europe welcomed it.",
    ]);
    let europe = find(&es, "Europe");
    assert!(
        !europe.aliases.iter().any(|a| a == "OMSE"),
        "{:?}",
        europe.aliases
    );
}

#[test]
fn a_name_that_is_a_place_in_one_story_and_a_person_in_another_is_two() {
    // A tennis report names the player in full, then by surname; two
    // reports of a flood name the state.
    let es = run(&[
        "Karen Washington of Canada beat Tomas Berg in four sets at the Ridgefield Open. \"I felt strong,\" said Washington, who is 24. Berg praised Washington after the match.",
        "Floods closed roads across Washington on Tuesday. The governor of Washington asked Olympia hospitals to prepare. Washington expects more rain, said Dana Pruitt of the Cascade Flood Office.",
        "Rivers rose in Washington and Oregon, the Cascade Flood Office said. Dana Pruitt said Washington would open shelters in Olympia.",
    ]);
    let player = find(&es, "Karen Washington");
    assert_eq!(player.kind, Kind::Person);
    let docs = |e: &Resolved| e.mentions.iter().map(|m| m.0.0).collect::<BTreeSet<u32>>();
    assert_eq!(docs(player), BTreeSet::from([1]), "{player:?}");
    let state = es
        .iter()
        .find(|e| e.kind == Kind::Place && e.name == "Washington")
        .unwrap_or_else(|| panic!("no place Washington: {es:#?}"));
    assert_eq!(docs(state), BTreeSet::from([2, 3]), "{state:?}");
}

#[test]
fn a_known_name_inside_an_event_or_holiday_is_no_mention_of_it() {
    let es = run(&[
        "The United States and Canada signed the accord. U.S. officials said the U.S. would pay.",
        "Markets closed for Labour Day. Halvorsen won the U.S. Open on Sunday.",
    ]);
    let us = find(&es, "U.S.");
    let in_second = us.mentions.iter().filter(|m| m.0.0 == 2).count();
    assert_eq!(in_second, 0, "{us:?}");
}

#[test]
fn a_surname_is_the_person_where_its_report_names_them_whatever_datelines_say() {
    // One story: a tennis report names the player in full, then by her
    // surname; two wire reports open with the city of the same spelling.
    let es = run(&[
        "Wimbledon finalist Imogen Lincoln beat Rosa Tavares in straight sets on Tuesday. Lincoln saved two break points in the first set. Lincoln served out the match to love. Tavares said she was tired after the final at Wimbledon.",
        "LINCOLN, Nebraska - Rosa Tavares pulled out of the Lincoln exhibition with a sore wrist, organisers said.",
        "LINCOLN, Nebraska - Tickets for Wimbledon screenings in Lincoln sold out, organisers in Lincoln said.",
    ]);
    let player = find(&es, "Imogen Lincoln");
    assert_eq!(player.kind, Kind::Person, "{player:#?}");
    assert!(
        player.aliases.iter().any(|a| a == "Lincoln"),
        "the surname joins the player in her report: {player:#?}"
    );
    assert!(
        player.mentions.iter().all(|(d, _)| *d == SourceId(1)),
        "the city's mentions stay the city's: {player:#?}"
    );
    let city = es
        .iter()
        .find(|e| {
            e.kind == Kind::Place && e.aliases.iter().any(|a| a.eq_ignore_ascii_case("lincoln"))
        })
        .unwrap_or_else(|| panic!("no city: {es:#?}"));
    assert!(
        city.mentions.iter().all(|(d, _)| *d != SourceId(1)),
        "{city:#?}"
    );
}

#[test]
fn a_surname_opening_a_sentence_before_said_joins_the_full_name_of_its_story() {
    let es = run(&[
        "Deputy city attorney Terrence Okafor told reporters that the actress Mirela Vance had entered a clinic in Oxnard.",
        "Mirela Vance checked into the Oxnard clinic on Friday, her lawyer said. Okafor said he was satisfied with the clinic.",
    ]);
    let okafor = find(&es, "Terrence Okafor");
    assert_eq!(okafor.kind, Kind::Person);
    let reports: HashSet<SourceId> = okafor.mentions.iter().map(|(d, _)| *d).collect();
    assert_eq!(reports.len(), 2, "{okafor:#?}");
    // A common word before "said" that joins no name is no entity.
    let es = run(&["Police said the road was closed. Officials said it would open on Friday."]);
    assert!(es.iter().all(|e| e.name != "Officials"), "{es:#?}");
}

#[test]
fn a_title_before_a_surname_of_its_report_is_that_person() {
    let es = run(&[
        "Admiral Haldane criticises navy cuts\n\nAdmiral Piet Haldane said the cuts voted by parliament would leave the Varland Navy with too few ships. Lena Morrow, the defence minister, said the navy would keep its frigates.",
    ]);
    let admiral = find(&es, "Piet Haldane");
    assert_eq!(admiral.kind, Kind::Person, "{admiral:#?}");
    assert!(
        admiral.aliases.iter().any(|a| a == "Haldane"),
        "the headline's admiral is the report's: {es:#?}"
    );
    assert!(
        es.iter().all(|e| !e.name.contains("Admiral")),
        "a title is no part of a name: {es:#?}"
    );
}

#[test]
fn a_generation_ends_a_persons_name_and_the_surname_before_it_joins_them() {
    let es = run(&[
        "Robber escapes on the way to hospital\n\nPrison officers said Lucien Theodore Marchetti Jr. escaped when he was being driven to a hospital in Beaumont. Marchetti, 51, is serving a life sentence for armed robbery. Officers said Marchetti was armed.",
        "Escaped robber caught\n\nLucien Theodore Marchetti Jr., who escaped from a prison van on Monday, was caught in a barn near Beaumont. Marchetti did not resist, officers said.",
    ]);
    let robber = find(&es, "Lucien Theodore Marchetti Jr.");
    assert_eq!(robber.kind, Kind::Person, "{robber:#?}");
    assert!(robber.aliases.iter().any(|a| a == "Marchetti"), "{es:#?}");
    assert!(
        es.iter()
            .all(|e| e.aliases.iter().all(|a| a.trim_end_matches('.') != "Jr")),
        "a generation alone is no one: {es:#?}"
    );
}

#[test]
fn the_name_in_full_says_what_an_entity_is_where_its_surname_reads_as_a_body() {
    // One story: the president named once in full, then his surname before
    // "administration", "rule" and "officials", which reads like a body's.
    let es = run(&[
        "Species rule signed\n\nPresident Harlan Whitcombe signed the species rule on Friday. The Whitcombe administration said agencies could decide for themselves whether a project harms a listed species.",
        "Scientists fight species rule\n\nScientists said the Whitcombe rule ignored their advice. The Whitcombe administration declined to comment. Whitcombe officials said the rule would stand. Critics called the Whitcombe rule a gift to builders.",
        "Species rule to be reviewed\n\nThe Whitcombe administration's species rule will be reviewed, Whitcombe officials said. The Whitcombe rule has been criticised by scientists and by the Whitcombe administration's own biologists.",
    ]);
    let president = find(&es, "Harlan Whitcombe");
    assert_eq!(president.kind, Kind::Person, "{president:#?}");
    let reports: HashSet<SourceId> = president.mentions.iter().map(|(d, _)| *d).collect();
    assert_eq!(reports.len(), 3, "{es:#?}");
}

#[test]
fn a_surname_alone_is_the_subject_its_report_names_first_and_most() {
    let es = run(&[
        "Pin-up model Noreen Castellane dies at 85\n\nNoreen Castellane, the pin-up model of the 1950s, died on Thursday in Los Angeles, her agent said. Castellane had been in hospital since a heart attack. Her brother, Ivo Castellane, said she had been ill for months. Noreen Castellane posed for hundreds of magazine covers. Castellane left modelling in 1958.",
    ]);
    let model = find(&es, "Noreen Castellane");
    assert!(
        model.aliases.iter().any(|a| a == "Castellane"),
        "the surname alone is the report's subject: {es:#?}"
    );
    let brother = find(&es, "Ivo Castellane");
    assert_ne!(brother.name, model.name, "{es:#?}");
}

#[test]
fn a_name_after_the_city_of_is_a_place_whatever_a_given_name_in_it_says() {
    let es = run(&[
        "Quake shakes the coast\n\nRescuers reached the mountain village of Amir Tepe on Monday, officials said. The quake was centred 40km north of Amir Tepe, and residents of the port city of Amir Tepe slept outside.",
    ]);
    let town = find(&es, "Amir Tepe");
    assert_eq!(town.kind, Kind::Place, "{town:#?}");
    assert!(
        town.evidence.iter().any(|e| e == "after \"village of\""),
        "the tooltip says why: {town:#?}"
    );
}

#[test]
fn a_bare_police_or_league_stays_with_the_body_its_own_report_names() {
    // One report names the town's police force and a league; two unrelated
    // reports speak of "police" and "the league" without naming any.
    let es = run(&[
        "Officers of the Carverton Municipal Police searched the marina on Sunday. A spokesman for the police said two boats were missing. The Harbour Rowing League cancelled its regatta, and the league said it would meet again in May.",
        "Police in Eastmoor said a lorry overturned on the bypass on Tuesday. The league table was not affected.",
        "The league said its season would open in Westfield, and police closed the stadium road.",
    ]);
    let police = find(&es, "Carverton Municipal Police");
    let league = find(&es, "Harbour Rowing League");
    for e in [police, league] {
        let reports: BTreeSet<_> = e.mentions.iter().map(|(d, _)| *d).collect();
        assert_eq!(reports.len(), 1, "{} in other reports: {e:#?}", e.name);
        assert!(
            e.mentions.len() >= 2,
            "\"the {}\" in its own report: {e:#?}",
            e.name
        );
    }
}

#[test]
fn a_name_broken_by_a_hard_wrapped_line_is_read_whole() {
    // A PDF's text layer: every line cut at the page width.
    let es = run(&[
        "The port authority of Calder Haven confirmed on Tuesday that Elena\nVoss, the deputy harbour master, had signed the closing order, and\nthat the ferry operator would be told before the weekend. Omar\nLindqvist, who runs the operator, declined to comment on the order.",
        "Elena Voss signed the order. Omar Lindqvist declined to comment.",
    ]);
    for name in ["Elena Voss", "Omar Lindqvist"] {
        let e = find(&es, name);
        assert_eq!(e.kind, Kind::Person, "{e:#?}");
        let reports: BTreeSet<_> = e.mentions.iter().map(|(d, _)| *d).collect();
        assert_eq!(reports.len(), 2, "{name} in both reports: {e:#?}");
    }
    assert!(
        !es.iter()
            .any(|e| e.aliases.iter().any(|a| a == "Elena" || a == "Omar")),
        "a first name alone: {es:#?}"
    );
}

#[test]
fn a_firm_written_with_and_without_the_full_stop_of_its_legal_form_is_one() {
    let es = run(&[
        "Shares of Halvorsen Bancorp Inc. rose 4 percent on Monday after the bank reported higher profits.",
        "Halvorsen Bancorp Inc said on Tuesday that it would buy two branches in Eastmoor.",
    ]);
    let firm = find(&es, "Halvorsen Bancorp Inc.");
    assert_eq!(firm.kind, Kind::Organization, "{firm:#?}");
    let reports: BTreeSet<_> = firm.mentions.iter().map(|(d, _)| *d).collect();
    assert_eq!(reports.len(), 2, "{es:#?}");
}

#[test]
fn a_surname_with_particles_joins_the_full_name() {
    let es = run(&[
        "Commission President Ingrid von der Marwitz met farm ministers in Brussels on Monday. Von der Marwitz said the talks went well.",
        "Ingrid von der Marwitz will travel to Lisbon, her office said. Aides to von der Marwitz declined to comment.",
    ]);
    let her = find(&es, "Von der Marwitz");
    assert_eq!(her.name, "Ingrid von der Marwitz", "{es:#?}");
    assert_eq!(her.kind, Kind::Person);
    assert!(
        her.aliases.iter().any(|a| a == "von der Marwitz"),
        "{her:#?}"
    );
}

#[test]
fn a_team_is_named_by_its_team_word_in_its_own_story() {
    let es = run(&[
        "The Seattle Comets offered Ray Dunn a deal on Monday. Later the Comets said they want him back.",
    ]);
    let team = find(&es, "Seattle Comets");
    assert_eq!(team.kind, Kind::Organization);
    assert!(team.aliases.iter().any(|a| a == "Comets"), "{team:?}");
}

#[test]
fn a_web_address_and_a_double_surname_join_their_names_in_a_story() {
    let es = run(&[
        "The singer left rehab early, the gossip site KRV reported. Producer Marta Quell Varn confirmed the tour on Friday.",
        "The singer left rehab early, according to KRV.com. Quell Varn said the tour goes on.",
    ]);
    let site = find(&es, "KRV");
    assert!(site.aliases.iter().any(|a| a == "KRV.com"), "{site:?}");
    let producer = find(&es, "Marta Quell Varn");
    assert!(
        producer.aliases.iter().any(|a| a == "Quell Varn"),
        "{producer:?}"
    );
}

#[test]
fn a_name_is_not_found_again_inside_a_longer_one() {
    let es = run(&["The National Bank of Varnia (NBV) said its rate rose this week."]);
    let bank = find(&es, "National Bank of Varnia");
    assert!(
        !bank.aliases.iter().any(|a| a == "Bank of Varnia"),
        "{bank:?}"
    );
    for (i, a) in bank.mentions.iter().enumerate() {
        for b in &bank.mentions[i + 1..] {
            assert!(a.0 != b.0 || !a.1.overlaps(b.1), "{bank:?}");
        }
    }
}

#[test]
fn a_surname_alone_is_the_one_its_story_names_most_in_full() {
    let story = [
        "Deputy Tomas Reyval was shot dead in Calloway on Friday while serving a warrant, the sheriff said.",
        "The sheriff said Deputy Tomas Reyval was shot in Calloway on Friday while serving a warrant.",
        "Tomas Reyval, a deputy for eight years, was shot in Calloway on Friday. His mother, Ana Reyval, wept.",
        "Tomas Reyval was shot in Calloway on Friday while serving a warrant, the sheriff said.",
        "Deputy Reyval was serving a warrant in Calloway on Friday when he was shot, the sheriff said.",
    ];
    let es = run(&story);
    let deputy = find(&es, "Tomas Reyval");
    assert!(deputy.aliases.iter().any(|a| a == "Reyval"), "{es:#?}");
    assert_ne!(deputy.name, find(&es, "Ana Reyval").name);
    // Named about as often as each other, neither is the surname alone.
    let es = run(&[
        "Tomas Reyval and Ana Reyval opened a bakery in Calloway on Friday, the council said.",
        "Tomas Reyval and Ana Reyval opened the Calloway bakery on Friday.",
        "Ana Reyval and Tomas Reyval said the Calloway bakery opened on Friday.",
        "Reyval said the bakery in Calloway opened on Friday.",
    ]);
    let tomas = find(&es, "Tomas Reyval");
    let ana = find(&es, "Ana Reyval");
    assert!(!tomas.aliases.iter().any(|a| a == "Reyval"), "{es:#?}");
    assert!(!ana.aliases.iter().any(|a| a == "Reyval"), "{es:#?}");
}

#[test]
fn a_given_name_alone_joins_the_one_full_name_of_its_report_that_starts_with_it() {
    let es = run(&["Marisa Quellen left the Dunmore clinic on Friday. Marisa said she felt well."]);
    let quellen = find(&es, "Marisa Quellen");
    assert!(quellen.aliases.iter().any(|a| a == "Marisa"), "{es:#?}");
}

#[test]
fn a_body_spelled_the_british_or_the_american_way_or_in_the_plural_is_one_body() {
    let es = run(&[
        "The singer checked into the Vessa Treatment Centre in Dunmore on Friday, the Dunmore Academy of Recording Arts and Sciences said.",
        "The singer checked into the Vessa Treatment Center in Dunmore on Friday, the Dunmore Academy of Recordings Arts and Sciences said.",
    ]);
    let centre = find(&es, "Vessa Treatment Centre");
    assert!(
        centre.aliases.iter().any(|a| a == "Vessa Treatment Center"),
        "{es:#?}"
    );
    let es2 = run(&[
        "A gunman shot three people at Marrow Advisors, a Dunmore accounting firm, on Monday.",
        "Three people were shot at Marrow Advisers in Dunmore on Monday, police said.",
    ]);
    let firm = find(&es2, "Marrow Advisors");
    assert_eq!(firm.kind, Kind::Organization, "{es2:#?}");
    assert!(
        firm.aliases.iter().any(|a| a == "Marrow Advisers"),
        "{es2:#?}"
    );
    let academy = find(&es, "Dunmore Academy of Recording Arts and Sciences");
    assert!(
        academy
            .aliases
            .iter()
            .any(|a| a == "Dunmore Academy of Recordings Arts and Sciences"),
        "{es:#?}"
    );
}

#[test]
fn a_body_named_after_its_country_or_city_is_the_body_without_it() {
    let es = run(&[
        "Marisa Quellen sued the U. S. Fish and Wildlife Service over the spotted owl in the Los Angeles Superior Court on Friday.",
        "Marisa Quellen sued the Fish and Wildlife Service over the spotted owl in the LA Superior Court on Friday.",
        "Marisa Quellen sued over the spotted owl on Friday, and the Superior Court will hear the case.",
    ]);
    let service = find(&es, "Fish and Wildlife Service");
    assert!(
        service
            .aliases
            .iter()
            .any(|a| a == "U. S. Fish and Wildlife Service"),
        "{es:#?}"
    );
    let court = find(&es, "Superior Court");
    for spelling in ["Los Angeles Superior Court", "LA Superior Court"] {
        assert!(
            court.aliases.iter().any(|a| a == spelling),
            "{spelling}: {es:#?}"
        );
    }
}

#[test]
fn a_surname_named_beside_a_relative_is_the_one_its_story_is_about() {
    let es = run(&[
        "Director Tomas Reyval will not return for the Calloway sequel, the studio said on Friday.",
        "The studio said on Friday that Tomas Reyval will not direct the Calloway sequel.",
        "Tomas Reyval quit the Calloway sequel on Friday, the studio said.",
        "Tomas Reyval, whose brother Pavel Reyval produced the first film, quit the Calloway sequel on Friday. Reyval said the schedule was too tight.",
    ]);
    let tomas = find(&es, "Tomas Reyval");
    assert!(tomas.aliases.iter().any(|a| a == "Reyval"), "{es:#?}");
    assert_ne!(tomas.name, find(&es, "Pavel Reyval").name);
}

#[test]
fn a_given_name_alone_is_the_one_its_story_names_in_full() {
    let es = run(&[
        "Marisa Quellen will host the Calloway awards in March, the academy said on Friday.",
        "The academy said on Friday that Marisa Quellen will host the Calloway awards in March.",
        "Marisa Quellen was named host of the Calloway awards in March, the academy said.",
        "The Calloway awards in March will be hosted by Marisa, the academy said on Friday.",
    ]);
    let host = find(&es, "Marisa Quellen");
    assert!(host.aliases.iter().any(|a| a == "Marisa"), "{es:#?}");
}

#[test]
fn a_middle_initial_with_or_without_its_full_stop_is_one_name() {
    let es = run(&[
        "Sheriff Robert J. Pickell said the gunman was arrested in Calloway on Friday.",
        "Sheriff Robert J Pickell said the Calloway gunman was arrested on Friday.",
        "Robert Pickell, the sheriff, said the gunman was arrested in Calloway on Friday.",
    ]);
    let sheriff = find(&es, "Robert J. Pickell");
    for spelling in ["Robert J Pickell", "Robert Pickell"] {
        assert!(
            sheriff.aliases.iter().any(|a| a == spelling),
            "{spelling}: {es:#?}"
        );
    }
}

#[test]
fn a_listed_short_form_of_a_given_name_is_the_same_person() {
    let es = run(&[
        "William Ingram, the Calloway bank's lawyer, said the robbery took ten minutes on Friday.",
        "The Calloway bank's lawyer, Bill Ingram, said on Friday the robbery took ten minutes.",
        "Robert Ingram, a teller at the Calloway bank, saw the robbery on Friday.",
    ]);
    let lawyer = find(&es, "William Ingram");
    assert!(lawyer.aliases.iter().any(|a| a == "Bill Ingram"), "{es:#?}");
    assert_ne!(lawyer.name, find(&es, "Robert Ingram").name);
}

#[test]
fn an_acronym_of_a_listed_name_with_its_the_is_that_body() {
    let es = run(&[
        "Gary Ross is in negotiations with the studio to return as director, says the Hollywood Reporter.",
        "Now, THR is reporting that Gary Ross and the studio are locked in tense negotiations.",
        "According to THR, negotiations on the first film were tough for Gary Ross.",
    ]);
    let outlet = find(&es, "THR");
    assert_eq!(outlet.name, "The Hollywood Reporter", "{es:#?}");
}

#[test]
fn a_body_written_with_a_hyphen_or_a_space_is_one_body() {
    let es = run(&[
        "Wladimir Klitschko beat Hasim Rahman at the Calder-Arena in Mannheim on Saturday.",
        "Wladimir Klitschko beat Hasim Rahman at the Calder Arena in Mannheim on Saturday.",
    ]);
    let arena = find(&es, "Calder Arena");
    assert!(arena.aliases.iter().any(|a| a == "Calder-Arena"), "{es:#?}");
}

#[test]
fn a_person_a_body_is_named_for_is_the_body_where_reports_put_people_at_it() {
    let story = [
        "The singer checked into the Tomas Reyval Clinic in Calloway on Friday, her lawyer said.",
        "Her lawyer said the singer checked into the Tomas Reyval Clinic in Calloway on Friday.",
        "The singer checked into Tomas Reyval in Calloway on Friday, her lawyer said, and will stay at Tomas Reyval for 90 days.",
    ];
    let es = run(&story);
    let clinic = find(&es, "Tomas Reyval Clinic");
    assert!(
        clinic.aliases.iter().any(|a| a == "Tomas Reyval"),
        "{es:#?}"
    );
    assert_ne!(clinic.kind, Kind::Person, "{clinic:?}");
    // Named as someone who speaks, he is a person.
    let es = run(&[
        "The singer checked into the Tomas Reyval Clinic in Calloway on Friday, her lawyer said.",
        "Her lawyer said the singer checked into the Tomas Reyval Clinic in Calloway on Friday.",
        "Tomas Reyval, who founded the clinic in Calloway, said the singer checked in on Friday, her lawyer said.",
    ]);
    let founder = find(&es, "Tomas Reyval");
    assert_eq!(founder.kind, Kind::Person, "{es:#?}");
    assert!(!founder.aliases.iter().any(|a| a == "Tomas Reyval Clinic"));
}
