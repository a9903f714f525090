//! Stories: the reports of one event gathered, near-miss events of one kind
//! kept apart, in an archive where their places and agencies recur; an
//! archive of one event is one story.

use corroborate_core::analysis::analyze;
use corroborate_core::progress::Silent;

mod common;

/// Two pirate attacks in one gulf, foiled by one navy and ending in one
/// port sixteen months apart, beside a dock strike in that port and a
/// budget fight over that navy. Written here.
const REPORTS: [(&str, &str); 12] = [
    (
        "a1.txt",
        "Varland navy seizes pirate boat in the Gulf of Sorra\n\nThe Varland Navy said its frigate Kestrel had captured 17 pirates on 14 March 2024 as they tried to board a grain carrier in the Gulf of Sorra.\nThe pirates fired on the Kestrel before they surrendered, a navy spokesman said.\nThe grain carrier, the Anna Lind, was sailing to Port Delmar with a crew of 22.\nThe 17 men were handed to the coast guard at Port Delmar.\nAttacks in the Gulf of Sorra have risen this year, and the Varland Navy has sent three ships to patrol it.\n",
    ),
    (
        "a2.txt",
        "Frigate Kestrel foils attack on the Anna Lind\n\nSailors on the Varland frigate Kestrel captured 17 pirates in the Gulf of Sorra on 14 March 2024, the Varland Navy said.\nThe pirates had come alongside the Anna Lind, a grain carrier bound for Port Delmar, in two skiffs.\nCaptain Oren Valdez of the Kestrel said his men fired warning shots before the pirates gave up.\nNobody on the Anna Lind was hurt.\n",
    ),
    (
        "a3.txt",
        "17 pirates held after Gulf of Sorra raid\n\nSeventeen suspected pirates captured by the Varland Navy in the Gulf of Sorra on 14 March 2024 will face trial at Port Delmar.\nCaptain Oren Valdez said the frigate Kestrel answered a distress call from the Anna Lind.\nThe Varland Navy has patrolled the Gulf of Sorra since attacks on shipping began.\n",
    ),
    (
        "b1.txt",
        "Varland patrol ship Marlin intercepts pirate skiffs\n\nThe Varland Navy patrol ship Marlin intercepted four pirate skiffs in the Gulf of Sorra on 2 November 2025 and seized rifles and a rocket launcher.\nThe skiffs were chasing the tanker Sea Brave, which had radioed for help, the Varland Navy said.\nCommander Hilde Ostrova of the Marlin said 9 men were detained.\nThe Varland Navy has kept ships in the Gulf of Sorra since attacks on shipping began.\n",
    ),
    (
        "b2.txt",
        "Navy frees tanker Sea Brave from pirate chase\n\nFour pirate skiffs gave up the chase of the Sea Brave on 2 November 2025 when the Varland Navy ship Marlin reached the tanker in the Gulf of Sorra.\nCommander Hilde Ostrova said the 9 men on the skiffs were detained and their weapons seized.\nThe Sea Brave carried 80,000 tonnes of crude oil to Port Delmar.\n",
    ),
    (
        "b3.txt",
        "9 suspected pirates detained by the Marlin\n\nThe Varland Navy said 9 suspected pirates taken from four skiffs by the patrol ship Marlin on 2 November 2025 would be handed to the coast guard at Port Delmar.\nThe tanker Sea Brave and its crew of 25 were unharmed, Commander Hilde Ostrova said.\nPirates in the Gulf of Sorra have attacked ships all year.\n",
    ),
    (
        "c1.txt",
        "Dockers strike at Port Delmar\n\nDockworkers at Port Delmar walked out on Monday over pay, union leader Tomas Reyk said.\nShips bound for Port Delmar through the Gulf of Sorra were told to wait at anchor.\nThe Delmar Port Authority said it would meet the union on Wednesday.\n",
    ),
    (
        "c2.txt",
        "Port Delmar strike enters second day\n\nTomas Reyk of the dockers' union said the strike at Port Delmar would go on until the Delmar Port Authority raised wages.\nGrain and oil cargoes are piling up on the quays.\n",
    ),
    (
        "c3.txt",
        "Delmar Port Authority offers dockers a raise\n\nThe Delmar Port Authority offered striking dockworkers a raise of six percent, Tomas Reyk said.\nTankers have queued in the Gulf of Sorra since the Port Delmar strike began.\n",
    ),
    (
        "d1.txt",
        "Varland Navy budget cut by parliament\n\nThe Varland parliament voted to cut the Varland Navy budget by a tenth, Defence Minister Lena Morrow said.\nAdmiral Piet Haldane warned that patrols in the Gulf of Sorra would suffer.\n",
    ),
    (
        "d2.txt",
        "Admiral Haldane criticises navy cuts\n\nAdmiral Piet Haldane said the cuts voted by parliament would leave the Varland Navy with too few ships.\nLena Morrow, the defence minister, said the Varland Navy would keep its frigates.\n",
    ),
    (
        "d3.txt",
        "Morrow defends defence budget\n\nDefence Minister Lena Morrow defended the budget in parliament against Admiral Piet Haldane's criticism.\nThe Varland Navy will lose two of its older ships.\n",
    ),
];

#[test]
fn two_attacks_of_one_kind_in_one_place_are_two_stories() {
    let project = common::project_of(&REPORTS);
    let analysis = analyze(&project, &Silent).unwrap();
    let story = |name: &str| common::story_of(&project, &analysis, name);
    for event in ["a", "b", "c", "d"] {
        for n in 2..=3 {
            assert_eq!(
                story(&format!("{event}1.txt")),
                story(&format!("{event}{n}.txt")),
                "{event}{n}.txt left its event"
            );
        }
    }
    for (x, y) in [("a", "b"), ("a", "c"), ("b", "c"), ("a", "d"), ("c", "d")] {
        assert_ne!(
            story(&format!("{x}1.txt")),
            story(&format!("{y}1.txt")),
            "{x} and {y} made one story"
        );
    }
    assert_eq!(analysis.stories.len(), 4, "{:#?}", analysis.stories);
}

/// One earthquake told by six reports, three on its dead and three on the
/// rescue and the aid. Written here.
const ONE_EVENT: [(&str, &str); 6] = [
    (
        "r1.txt",
        "Quake kills 14 in Tarsel province\n\nAn earthquake of magnitude 6.2 struck Tarsel province early on Sunday, killing at least 14 people, the provincial governor Nadia Ferhat said.\nMost of the dead were in the village of Oruz, where houses of mud brick collapsed.\n",
    ),
    (
        "r2.txt",
        "Villagers mourn quake victims\n\nFamilies in Oruz buried their dead on Monday after the earthquake that struck Tarsel province on Sunday.\nAmong the victims were a teacher, Selim Aydar, and his two daughters, neighbours said.\n",
    ),
    (
        "r3.txt",
        "Toll from Tarsel quake rises to 19\n\nThe number of people killed by Sunday's earthquake in Tarsel province has risen to 19, governor Nadia Ferhat said.\nHospitals in Kemerli treated more than 80 injured.\n",
    ),
    (
        "r4.txt",
        "Rescuers dig through rubble in Oruz\n\nRescue teams from the Red Crescent searched collapsed homes in Oruz on Monday, pulling two survivors from the rubble.\nCrews brought tents and blankets to families who slept outdoors in the cold.\n",
    ),
    (
        "r5.txt",
        "Aid reaches quake-hit villages\n\nTrucks carrying tents, blankets and food reached villages in Tarsel province on Tuesday, the Red Crescent said.\nVolunteers set up field kitchens for families left homeless by the earthquake.\n",
    ),
    (
        "r6.txt",
        "Red Crescent appeals for blankets\n\nThe Red Crescent appealed for blankets and tents for families in Tarsel province whose homes were destroyed by Sunday's earthquake.\nNight temperatures in the mountain villages fall below freezing.\n",
    ),
];

#[test]
fn an_archive_of_one_event_is_one_story() {
    let project = common::project_of(&ONE_EVENT);
    let analysis = analyze(&project, &Silent).unwrap();
    assert_eq!(analysis.stories.len(), 1, "{:#?}", analysis.stories);
}

/// One singer's stay in a clinic, told by seven outlets: some on the
/// clinic and her publicist's statement, others on her career and her
/// past. The name every report shares is the story; what else each names
/// differs. Written here.
const ONE_SUBJECT: [(&str, &str); 7] = [
    (
        "m1.txt",
        "Mara Quell checks into clinic\n\nSinger Mara Quell has checked into the Aldenbrook Clinic for treatment, her publicist Dov Arken said on Friday.\nThe publicist asked for privacy for Mara Quell and her family.\nThe Aldenbrook Clinic runs a rehab programme for alcohol and drug addiction.\n",
    ),
    (
        "m2.txt",
        "Mara Quell enters rehab\n\nMara Quell is being treated at the Aldenbrook Clinic, Dov Arken told reporters.\nArken said Mara Quell entered the clinic of her own accord.\n",
    ),
    (
        "m3.txt",
        "Publicist confirms Mara Quell is in treatment\n\nDov Arken, a publicist for Mara Quell, confirmed that the singer is at the Aldenbrook Clinic in Selham.\nThe Aldenbrook Clinic did not comment.\n",
    ),
    (
        "m4.txt",
        "Mara Quell seeks help after a hard year\n\nMara Quell, whose album Glass Harbour sold two million copies, has checked into the Aldenbrook Clinic for rehab.\nMara Quell split from the drummer Tobin Rusk last spring and cancelled her tour of Ostland.\nGlass Harbour made Mara Quell a star at 19.\n",
    ),
    (
        "m5.txt",
        "From Glass Harbour to rehab: Mara Quell's long fall\n\nMara Quell won the Coral Prize for Glass Harbour and toured Ostland twice.\nHer break-up with Tobin Rusk was followed by missed concerts, and Mara Quell is now in rehab at the Aldenbrook Clinic.\n",
    ),
    (
        "m6.txt",
        "Mara Quell in rehab\n\nThe Glass Harbour singer Mara Quell is in rehab.\nMara Quell and Tobin Rusk were together for six years; Tobin Rusk has not commented.\nFans of Mara Quell left messages of support online.\n",
    ),
    (
        "m7.txt",
        "Fans rally behind Mara Quell\n\nFans of Mara Quell sang songs from Glass Harbour outside her home after news that Mara Quell had entered the Aldenbrook Clinic.\nThe Coral Prize winner cancelled her Ostland dates in the spring.\n",
    ),
];

#[test]
fn reports_on_one_subject_from_different_sides_are_one_story() {
    let project = common::project_of(&ONE_SUBJECT);
    let analysis = analyze(&project, &Silent).unwrap();
    assert_eq!(analysis.stories.len(), 1, "{:#?}", analysis.stories);
}
