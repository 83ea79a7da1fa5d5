use proptest::prelude::*;
use rstest::rstest;

use super::find;

/// `kind:text` for every entity found.
fn found(text: &str) -> Vec<String> {
    find(text).iter().map(|e| format!("{}:{}", e.kind, &text[e.range.clone()])).collect()
}

#[rstest]
#[case::month_day("It opened on February 9.", &["date:February 9"])]
#[case::month_day_year("The deal closed June 12, 2018, in Geneva.", &["date:June 12, 2018"])]
#[case::day_month_year("filed on 12 March 2019 in London", &["date:12 March 2019"])]
#[case::month_year("It began in March 2019.", &["date:March 2019"])]
#[case::bare_month("Talks resume in January.", &["date:January"])]
#[case::abbreviated_month("due Sept. 5 at noon", &["date:Sept. 5", "date:noon"])]
#[case::iso("a filing dated 2024-03-09 showed", &["date:2024-03-09"])]
#[case::slashed("signed on 3/9/2024", &["date:3/9/2024"])]
#[case::year("Sales peaked in 2017.", &["date:2017"])]
#[case::decade("popular in the 1990s", &["date:the 1990s"])]
#[case::late_decade("built in the late 1990s", &["date:the late 1990s"])]
#[case::short_decade("a hit in the '90s", &["date:the '90s"])]
#[case::year_range("the 2017-18 budget", &["date:2017-18"])]
#[case::season_year("the 2024-25 season", &["date:the 2024-25 season"])]
#[case::weekday("Shares fell on Tuesday.", &["date:Tuesday"])]
#[case::weekday_night("late on Tuesday night", &["date:Tuesday night"])]
#[case::weekday_date("on Friday, June 12, 2018", &["date:Friday, June 12, 2018"])]
#[case::last_year("Profit fell last year.", &["date:last year"])]
#[case::this_week("talks this week", &["date:this week"])]
#[case::this_morning("said this morning", &["date:this morning"])]
#[case::last_three_years("over the last three years", &["date:the last three years"])]
#[case::past_year("in the past year", &["date:the past year"])]
#[case::recent_years("in recent years", &["date:recent years"])]
#[case::ago("three years ago", &["date:three years ago"])]
#[case::a_decade_ago("a decade ago", &["date:a decade ago"])]
#[case::a_few_months("wait a few months", &["date:a few months"])]
#[case::duration("sentenced to 12 years in prison", &["date:12 years"])]
#[case::age("the 54-year-old founder", &["date:54-year-old"])]
#[case::age_after_name("Jonas Lind, 33, was hurt", &["date:33"])]
#[case::aged("the men, aged 41 and 37, were", &["date:41", "date:37"])]
#[case::year_olds("seven-year-olds", &["date:seven-year-olds"])]
#[case::the_year_before("down from the year before.", &["date:the year before"])]
#[case::bond("the 10-year bond", &["date:10-year"])]
#[case::unhyphenated_compound("a three year term", &["date:three year"])]
#[case::between_months("between January and November", &["date:between January and November"])]
#[case::between_years("between 2016 and 2021", &["date:between 2016 and 2021"])]
#[case::clock("at 10:30 a.m. local time", &["date:10:30 a.m."])]
#[case::clock_zone("at 14:05 GMT", &["date:14:05 GMT"])]
#[case::hour_am("opens at 10am", &["date:10am"])]
#[case::quarter_code("guidance for Q3 2024", &["date:Q3 2024"])]
#[case::the_first_quarter("in the first quarter", &["date:the first quarter"])]
#[case::first_quarter_adjective("fourth-quarter profit", &["date:fourth-quarter"])]
#[case::half_of_year("in the second half of 2026", &["date:the second half of 2026"])]
#[case::nine_months("in the first nine months of the year", &["date:the first nine months of the year"])]
#[case::months_to("for the three months to September", &["date:the three months to September"])]
#[case::end_of_year("before the end of the year", &["date:the end of the year"])]
#[case::mid_year("until mid-2023", &["date:mid-2023"])]
#[case::mid_month("by mid-July", &["date:mid-July"])]
#[case::early_month("since early August", &["date:early August"])]
#[case::earlier_this_year("earlier this year", &["date:earlier this year"])]
#[case::summer_year("since summer 2022", &["date:summer 2022"])]
#[case::fiscal("in fiscal 2024", &["date:fiscal 2024"])]
#[case::fy("for FY2025", &["date:FY2025"])]
#[case::today("The index rose today.", &["date:today"])]
#[case::century("in the 19th century", &["date:the 19th century"])]
#[case::weekend("over the weekend", &["date:the weekend"])]
#[case::may_with_context("since May the index has risen", &["date:May"])]
#[case::may_day("on May 5", &["date:May 5"])]
#[case::from_to_period("from 2005 to 2007", &["date:from 2005 to 2007"])]
#[case::from_through_months("from September 2003 through March 2007", &["date:from September 2003 through March 2007"])]
#[case::the_year_2000("for the year 2000", &["date:the year 2000"])]
#[case::later_than("six months later than planned", &["date:six months"])]
#[case::a_week_later("a week later", &["date:a week later"])]
fn dates(#[case] text: &str, #[case] expected: &[&str]) {
    assert_eq!(found(text), expected);
}

#[rstest]
#[case::dollars_million("a loss of $81 million", &["money:$81 million"])]
#[case::dollars_billion("$1.2 billion deal", &["money:$1.2 billion"])]
#[case::euro_bn("an extra €2.5bn", &["money:€2.5bn"])]
#[case::pound_m("signed for £14.6m", &["money:£14.6m"])]
#[case::us_dollar("priced at US$3", &["money:US$3"])]
#[case::code_before("a target of USD 40m", &["money:USD 40m"])]
#[case::yen("spent ¥300 billion", &["money:¥300 billion"])]
#[case::cents("rose 5 cents", &["money:5 cents"])]
#[case::rupees_crore("profit of Rs 300 crore", &["money:Rs 300 crore"])]
#[case::rupee_lakh_crore("worth ₹2.3 lakh crore", &["money:₹2.3 lakh crore"])]
#[case::yuan("raised 2.3 billion yuan", &["money:2.3 billion yuan"])]
#[case::dollars_word("81 million dollars", &["money:81 million dollars"])]
#[case::us_dollars_word("81 million U.S. dollars", &["money:81 million U.S. dollars"])]
#[case::millions_of_dollars("millions of dollars", &["money:millions of dollars"])]
#[case::money_range("$610 million to $640 million", &["money:$610 million to $640 million"])]
#[case::cents_range("30 to 35 cents on the dollar", &["money:30 to 35 cents"])]
#[case::qualifier_belongs("more than $81 million", &["money:more than $81 million"])]
#[case::per_unit_left_out("$73.20 a barrel", &["money:$73.20"])]
#[case::change_is_no_range("slid ¥312 to ¥8,940", &["money:¥312", "money:¥8,940"])]
fn money(#[case] text: &str, #[case] expected: &[&str]) {
    assert_eq!(found(text), expected);
}

#[rstest]
#[case::word("up 300 percent", &["percent:300 percent"])]
#[case::sign("up 12%", &["percent:12%"])]
#[case::per_cent("3.5 per cent", &["percent:3.5 per cent"])]
#[case::points("cut by 0.25 percentage points", &["percent:0.25 percentage points"])]
#[case::pct("rose 12 pct", &["percent:12 pct"])]
#[case::spelled("five percent", &["percent:five percent"])]
#[case::range("10 to 15 percent", &["percent:10 to 15 percent"])]
#[case::between("between 2% and 3%", &["percent:between 2% and 3%"])]
#[case::from_to_apart("from 48% to 45%", &["percent:48%", "percent:45%"])]
#[case::negative("fell -3.2%", &["percent:-3.2%"])]
fn percents(#[case] text: &str, #[case] expected: &[&str]) {
    assert_eq!(found(text), expected);
}

#[rstest]
#[case::counted_noun("38 economists", &["number:38"])]
#[case::word("five qubits", &["number:five"])]
#[case::quantity("a 14.7 km loop", &["number:14.7 km"])]
#[case::thousands("8,192 shots", &["number:8,192"])]
#[case::scaled("2.3 million people", &["number:2.3 million"])]
#[case::dozen("a dozen people", &["number:a dozen"])]
#[case::temperature("fell to −3.2 °C", &["number:−3.2 °C"])]
#[case::glued_temperature("in 34°C heat", &["number:34°C"])]
#[case::speed("at 112 km/h", &["number:112 km/h"])]
#[case::hyphen_unit("a 62-foot yacht", &["number:62-foot"])]
#[case::compound_words("twenty-five members", &["number:twenty-five"])]
#[case::hundreds_of_thousands("hundreds of thousands of people", &["number:hundreds of thousands"])]
#[case::score("won 3-2 on Saturday", &["number:3-2", "date:Saturday"])]
#[case::score_after_team("beat Castlebridge 3-2", &["number:3-2"])]
#[case::vote_words("voted seven to two", &["number:seven to two"])]
#[case::fraction("two-thirds of voters", &["number:two-thirds"])]
#[case::a_third("about a third of the goods", &["number:about a third"])]
#[case::number_hyphen_noun("the 230-seat chamber", &["number:230"])]
#[case::one_of("one of the largest", &["number:one"])]
#[case::round_count("2000 soldiers", &["number:2000"])]
#[case::singular_unit_as_modifier("sold 63,000 day passes", &["number:63,000"])]
#[case::rate_is_no_date("4 million panels a year", &["number:4 million"])]
#[case::change_is_no_range_for_counts("the index rose 12 to 3,400", &["number:12", "number:3,400"])]
fn numbers(#[case] text: &str, #[case] expected: &[&str]) {
    assert_eq!(found(text), expected);
}

#[rstest]
#[case::covid("COVID-19 cases")]
#[case::jet("the F-35 program")]
#[case::retirement("401(k) plans")]
#[case::section("under Section 3 of the act")]
#[case::list_marker("1. Check your booking")]
#[case::version("v2.1 shipped")]
#[case::version_word("version 2.1 shipped")]
#[case::phone("call 555-0123")]
#[case::phone_spaced("call 0800 555 0123")]
#[case::phone_dashes("call 1-800-555-0199")]
#[case::ordinal("the 3rd")]
#[case::ordinal_word("the third attempt")]
#[case::may_modal("they may go")]
#[case::may_sentence_start("May I ask?")]
#[case::march_lowercase("the march began")]
#[case::sun_newspaper("the Sun reported")]
#[case::g7("the G7 summit")]
#[case::index_name("the Nikkei 225 index")]
#[case::sp500("the S&P 500")]
#[case::flight("flight AF7702")]
#[case::law("the Securities Exchange Act of 1934")]
#[case::network("its 5G network")]
#[case::case_number("No. 23-cr-412")]
#[case::pronoun("no one came")]
#[case::the_one("the one that got away")]
#[case::one_way("€289 one way")]
#[case::one_off("a one-off payment")]
#[case::name_with_number("Formula One")]
#[case::under_sixteens("for under-16s")]
#[case::twenty_four_seven("open 24/7")]
#[case::ip_address("at 192.168.0.1")]
#[case::frequency("twice a year")]
#[case::june_name("June Carter sang")]
#[case::second_half_match("early in the second half")]
#[case::absolute_zero("at absolute zero")]
#[case::street_address("at 4900 Meridian St. in Normal")]
#[case::zip_code("Washington, DC 20530")]
#[case::bill_number("challenged S.B. 1070 in court")]
#[case::area_code("by phone at (202) 307-6479")]
#[case::month_in_a_name("the Unity March in Spokane")]
#[case::week_long_adjective("after a week-long trial")]
fn not_entities(#[case] text: &str) {
    let found: Vec<String> = found(text).into_iter().filter(|f| !f.starts_with("money:€289")).collect();
    assert!(found.is_empty(), "{text:?} gave {found:?}");
}

#[test]
fn spans_are_byte_ranges_of_the_whole_text_across_lines() {
    let text = "Héllo, 12% now.\n\nOn March 4, 2024:\n– $5 and 3 km";
    assert_eq!(found(text), ["percent:12%", "date:March 4, 2024", "money:$5", "number:3 km"]);
}

proptest! {
    #[test]
    fn any_text_gives_sorted_disjoint_ranges_on_char_boundaries(text in "\\PC*") {
        check(&text);
    }

    #[test]
    fn number_heavy_text_gives_sorted_disjoint_ranges(
        text in "([0-9]{1,5}|[,.:/%$£€°'’ -]|a\\.m\\.|May|the|last|year|years|million|one|-|Q|FY|s|th| |\n|é){0,40}"
    ) {
        check(&text);
    }
}

fn check(text: &str) {
    let found = find(text);
    let mut end = 0;
    for e in &found {
        assert!(e.range.start >= end && e.range.start < e.range.end, "{found:?}");
        assert!(text.is_char_boundary(e.range.start) && text.is_char_boundary(e.range.end));
        end = e.range.end;
    }
    assert!(end <= text.len());
}
