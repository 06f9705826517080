//! Street names and street types with their weights.
//!
//! Weights are lots per 213,068 (the size of the real citylots2 file). The streets that the
//! benchmark's rule families single out (by prefix, suffix, exact name or anything-but) carry
//! fixed weights chosen so that every family selects about as many lots as it does on the real
//! file; the tests recompute those totals from these tables. All other streets share what is left
//! with a Zipf-like skew: a handful of long streets own many lots, most own few.

/// Lots in the real citylots2 file; weights below are counts out of this many.
pub const REAL_LOT_COUNT: u64 = 213_068;

/// Streets whose lot counts the rule families measure: (name, lots per 213,068).
pub const PINNED_STREETS: &[(&str, u64)] = &[
    // Ending in "ON" (17,921 on the real file).
    ("MISSION", 2_559),
    ("MASON", 2_657),
    ("FULTON", 1_910),
    ("HARRISON", 1_500),
    ("LAWTON", 1_200),
    ("WASHINGTON", 1_100),
    ("JACKSON", 900),
    ("STOCKTON", 500),
    ("LONDON", 450),
    ("LISBON", 400),
    ("CLAYTON", 350),
    ("JUDSON", 300),
    ("LYON", 300),
    ("CLARENDON", 300),
    ("VISITACION", 300),
    ("UNION", 300),
    ("BACON", 100),
    ("HUDSON", 250),
    ("HAMILTON", 250),
    ("PRINCETON", 200),
    ("GRAFTON", 200),
    ("FELTON", 200),
    ("THORNTON", 180),
    ("MADISON", 150),
    ("ELLINGTON", 150),
    ("AVALON", 150),
    ("ARLINGTON", 150),
    ("JEFFERSON", 131),
    ("FAXON", 120),
    ("ASHTON", 120),
    ("HURON", 80),
    ("ALBION", 50),
    ("ACTON", 14),
    // Ending in "KE" (871).
    ("LAKE", 560),
    ("BURKE", 120),
    ("HOLYOKE", 80),
    ("BLAKE", 60),
    ("VAN DYKE", 36),
    ("DRAKE", 15),
    // Ending in "ING" (1,963).
    ("IRVING", 1_383),
    ("KING", 300),
    ("MANNING", 100),
    ("LANSING", 80),
    ("EWING", 60),
    ("GOLDING", 40),
    // Ending in "GO" (682).
    ("SANTIAGO", 520),
    ("SAN DIEGO", 122),
    ("CHICAGO", 40),
    // Ending in "MM" (13), also starting with "DR" (38 with DRAKE and DREW).
    ("DRUMM", 13),
    ("DREW", 10),
    // Starting with "FU" (2,387 with FULTON).
    ("FUNSTON", 400),
    ("FUENTE", 77),
    // Starting with "AC" (24 with ACTON).
    ("ACEVEDO", 10),
    // Starting with "BL" (442 with BLAKE).
    ("BLYTHDALE", 170),
    ("BLANKEN", 120),
    ("BLUXOME", 40),
    ("BLAIRWOOD", 30),
    ("BLACKSTONE", 22),
    // Starting with "RH" (328).
    ("RHODE ISLAND", 328),
    // Named by the equals-ignore-case family.
    ("HYDE", 1_758),
    ("CHESTNUT", 825),
    ("BEACH", 211),
    // Starting with "MASO" besides MASON (2,950 in all).
    ("MASONIC", 293),
    // Lots without a street address; their ST_TYPE is null, as on the real file.
    (UNKNOWN_STREET, 900),
];

/// The street of lots that have no address.
pub const UNKNOWN_STREET: &str = "UNKNOWN";

/// All other streets, most lots first; they share the remaining weight with a Zipf-like skew.
/// None of them starts or ends with anything a rule family looks for (a test checks this).
pub const OTHER_STREETS: &[&str] = &[
    "19TH",
    "24TH",
    "GEARY",
    "CALIFORNIA",
    "18TH",
    "FOLSOM",
    "20TH",
    "23RD",
    "22ND",
    "21ST",
    "CLEMENT",
    "BALBOA",
    "CABRILLO",
    "ANZA",
    "JUDAH",
    "KIRKHAM",
    "MORAGA",
    "NORIEGA",
    "ORTEGA",
    "PACHECO",
    "QUINTARA",
    "RIVERA",
    "TARAVAL",
    "ULLOA",
    "VICENTE",
    "WAWONA",
    "SACRAMENTO",
    "BRYANT",
    "VALENCIA",
    "GUERRERO",
    "DOLORES",
    "CHURCH",
    "SANCHEZ",
    "NOE",
    "CASTRO",
    "DIAMOND",
    "DOUGLASS",
    "HOWARD",
    "YORK",
    "HAMPSHIRE",
    "POTRERO",
    "SAN BRUNO",
    "VERMONT",
    "KANSAS",
    "DE HARO",
    "CAROLINA",
    "WISCONSIN",
    "ARKANSAS",
    "CONNECTICUT",
    "MISSOURI",
    "TEXAS",
    "MINNESOTA",
    "TENNESSEE",
    "ILLINOIS",
    "INDIANA",
    "IOWA",
    "PENNSYLVANIA",
    "CLAY",
    "PACIFIC",
    "BROADWAY",
    "VALLEJO",
    "GREEN",
    "FILBERT",
    "GREENWICH",
    "LOMBARD",
    "FRANCISCO",
    "BAY",
    "NORTH POINT",
    "POST",
    "SUTTER",
    "BUSH",
    "PINE",
    "O'FARRELL",
    "ELLIS",
    "EDDY",
    "TURK",
    "GOLDEN GATE",
    "MCALLISTER",
    "GROVE",
    "HAYES",
    "FELL",
    "OAK",
    "PAGE",
    "HAIGHT",
    "WALLER",
    "HERMANN",
    "DUBOCE",
    "STEINER",
    "FILLMORE",
    "WEBSTER",
    "BUCHANAN",
    "LAGUNA",
    "OCTAVIA",
    "GOUGH",
    "FRANKLIN",
    "VAN NESS",
    "POLK",
    "LARKIN",
    "LEAVENWORTH",
    "JONES",
    "TAYLOR",
    "POWELL",
    "GRANT",
    "KEARNY",
    "MONTGOMERY",
    "SANSOME",
    "BATTERY",
    "FRONT",
    "DAVIS",
    "DIVISADERO",
    "BRODERICK",
    "BAKER",
    "CENTRAL",
    "ASHBURY",
    "COLE",
    "SHRADER",
    "STANYAN",
    "WILLARD",
    "ARGUELLO",
    "PARKER",
    "COMMONWEALTH",
    "JORDAN",
    "COOK",
    "SPRUCE",
    "LOCUST",
    "LAUREL",
    "WALNUT",
    "PRESIDIO",
    "MAPLE",
    "CHERRY",
    "PALM",
    "EUCLID",
    "LINCOLN",
    "SLOAT",
    "OCEAN",
    "HOLLOWAY",
    "MONTEREY",
    "JUNIPERO SERRA",
    "PORTOLA",
    "WOODSIDE",
    "LAGUNA HONDA",
    "TWIN PEAKS",
    "PANORAMA",
    "DEWEY",
    "ALEMANY",
    "SILVER",
    "SAN JOSE",
    "GENEVA",
    "PERSIA",
    "RUSSIA",
    "FRANCE",
    "ITALY",
    "EXCELSIOR",
    "PARIS",
    "MADRID",
    "PRAGUE",
    "DUBLIN",
    "ATHENS",
    "VIENNA",
    "MUNICH",
    "BRAZIL",
    "NAPLES",
    "MOSCOW",
    "ROLPH",
    "CAYUGA",
    "BOSWORTH",
    "CHENERY",
    "PLYMOUTH",
    "JULES",
    "HAROLD",
    "GRANADA",
    "MIRAMAR",
    "CAPITOL",
    "VICTORIA",
    "BRIGHT",
    "HEAD",
    "ARCH",
    "RAMSELL",
    "BYXBEE",
    "ORIZABA",
    "SHAFTER",
    "PALOU",
    "QUESADA",
    "REVERE",
    "UNDERWOOD",
    "WALLACE",
    "YOSEMITE",
    "ARMSTRONG",
    "BANCROFT",
    "CARROLL",
    "DONNER",
    "EGBERT",
    "FITZGERALD",
    "GILMAN",
    "HAWES",
    "INGALLS",
    "JENNINGS",
    "KEITH",
    "MENDELL",
    "NEWHALL",
    "OAKDALE",
    "PHELPS",
    "QUINT",
    "RANKIN",
    "SELBY",
    "TOLAND",
    "ELMIRA",
    "INNES",
    "GALVEZ",
    "EVANS",
    "CESAR CHAVEZ",
    "CORTLAND",
    "ELSIE",
    "BOCANA",
    "ANDOVER",
    "MOULTRIE",
    "GATES",
    "PRENTISS",
    "PUTNAM",
    "NEVADA",
    "BAYSHORE",
    "SUNNYDALE",
    "VELASCO",
    "SCHWERIN",
    "CAMPBELL",
    "GOETTINGEN",
    "HAHN",
    "RUTLAND",
    "DELTA",
    "TUCKER",
    "BRUSSELS",
    "DARTMOUTH",
    "COLBY",
    "YALE",
    "AMHERST",
    "HARVARD",
    "CAMBRIDGE",
    "OXFORD",
    "BOWDOIN",
    "GIRARD",
    "SOMERSET",
    "UNIVERSITY",
    "BURROWS",
    "WAYLAND",
    "SILLIMAN",
    "MANSELL",
    "WOOLSEY",
    "DWIGHT",
    "OLMSTEAD",
    "LELAND",
    "2ND",
    "3RD",
    "4TH",
    "5TH",
    "6TH",
    "7TH",
    "8TH",
    "9TH",
    "10TH",
    "11TH",
    "12TH",
    "14TH",
    "15TH",
    "16TH",
    "17TH",
    "25TH",
    "26TH",
    "27TH",
    "28TH",
    "29TH",
    "30TH",
    "31ST",
    "32ND",
    "33RD",
    "34TH",
    "35TH",
    "36TH",
    "37TH",
    "38TH",
    "39TH",
    "40TH",
    "41ST",
    "42ND",
    "43RD",
    "44TH",
    "45TH",
    "46TH",
    "47TH",
    "48TH",
];

/// Exponent of the skew among [`OTHER_STREETS`]: the street of rank r gets weight 1 / r^s.
pub const OTHER_STREETS_SKEW: f64 = 0.6;

/// Street types: (value, lots per 213,068) for lots that have a street address.
/// "ST" is 116,386 on the real file; "CT" and "STWY" are pinned by the anything-but families
/// (types ending in "T" but not "ST", and starting with "S" but not "ST").
pub const STREET_TYPES: &[(&str, u64)] = &[
    ("ST", 116_386),
    ("AVE", 75_309),
    ("WAY", 4_200),
    ("BLVD", 3_600),
    ("TER", 3_400),
    ("DR", 3_100),
    ("CT", 1_774),
    ("PL", 1_500),
    ("LN", 1_300),
    ("ALY", 900),
    ("CIR", 300),
    ("HWY", 200),
    ("PLZ", 100),
    ("RD", 84),
    ("STWY", 15),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// A condition of the benchmark's rule families on one text field.
    enum Text {
        Prefix(&'static str),
        Suffix(&'static str),
        Equals(&'static str),
    }

    impl Text {
        fn accepts(&self, value: &str) -> bool {
            match self {
                Text::Prefix(p) => value.starts_with(p),
                Text::Suffix(s) => value.ends_with(s),
                Text::Equals(e) => value.eq_ignore_ascii_case(e),
            }
        }
    }

    /// STREET conditions of the families with the lots they select on the real file (for
    /// anything-but rules: 213,068 minus their count).
    const STREET_CONDITIONS: &[(Text, u64)] = &[
        (Text::Prefix("AC"), 24),
        (Text::Prefix("BL"), 442),
        (Text::Prefix("DR"), 38),
        (Text::Prefix("FU"), 2_387),
        (Text::Prefix("RH"), 328),
        (Text::Suffix("ON"), 17_921),
        (Text::Suffix("KE"), 871),
        (Text::Suffix("MM"), 13),
        (Text::Suffix("ING"), 1_963),
        (Text::Suffix("GO"), 682),
        (Text::Equals("jefferson"), 131),
        (Text::Equals("beach"), 211),
        (Text::Equals("hyde"), 1_758),
        (Text::Equals("chestnut"), 825),
        (Text::Equals("FULTON"), 213_068 - 211_158),
        (Text::Equals("MASON"), 213_068 - 210_411),
        (Text::Prefix("MASO"), 213_068 - 210_118),
        (Text::Suffix("ASON"), 213_068 - 210_411),
        // The real file has 22 more lots ending in ULTON than FULTON's; we have none.
        (Text::Suffix("ULTON"), 213_068 - 211_158),
    ];

    #[test]
    fn pinned_street_weights_add_up_to_the_real_counts_of_every_street_condition() {
        for (condition, real) in STREET_CONDITIONS {
            let pinned: u64 = PINNED_STREETS
                .iter()
                .filter(|(name, _)| condition.accepts(name))
                .map(|&(_, weight)| weight)
                .sum();
            assert_eq!(pinned, *real, "pinned weight for {}", describe(condition));
        }
    }

    #[test]
    fn no_other_street_meets_any_street_condition() {
        for name in OTHER_STREETS {
            for (condition, _) in STREET_CONDITIONS {
                assert!(
                    !condition.accepts(name),
                    "{name} meets {}",
                    describe(condition)
                );
            }
        }
    }

    #[test]
    fn every_street_name_appears_once() {
        let mut names: Vec<&str> = PINNED_STREETS.iter().map(|&(name, _)| name).collect();
        names.extend(OTHER_STREETS);
        let count = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), count);
        assert!(count >= 300, "a few hundred streets, not {count}");
    }

    #[test]
    fn street_types_cover_every_lot_with_an_address_and_keep_the_pinned_counts() {
        let unknown = PINNED_STREETS
            .iter()
            .find(|(name, _)| *name == UNKNOWN_STREET)
            .map(|&(_, weight)| weight)
            .unwrap();
        let total: u64 = STREET_TYPES.iter().map(|&(_, weight)| weight).sum();
        assert_eq!(total + unknown, REAL_LOT_COUNT);
        let weight_of = |test: &dyn Fn(&str) -> bool| -> u64 {
            STREET_TYPES
                .iter()
                .filter(|(kind, _)| test(kind))
                .map(|&(_, weight)| weight)
                .sum()
        };
        // ST 116,386; ANYTHING_BUT_SUFFIX "T" keeps 94,908; ANYTHING_BUT_PREFIX "S" keeps 96,667.
        assert_eq!(weight_of(&|k| k == "ST"), 116_386);
        assert_eq!(weight_of(&|k| k.ends_with('T')), 213_068 - 94_908);
        assert_eq!(weight_of(&|k| k.starts_with('S')), 213_068 - 96_667);
    }

    fn describe(condition: &Text) -> String {
        match condition {
            Text::Prefix(p) => format!("prefix {p}"),
            Text::Suffix(s) => format!("suffix {s}"),
            Text::Equals(e) => format!("equals-ignore-case {e}"),
        }
    }
}
