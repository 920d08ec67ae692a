// The information pages of the footer and the help centre as data: a page is a
// title and sections (a heading and paragraphs), an answer of the help centre a
// question and paragraphs; every text is a catalogue key (fr/pages.inc,
// fr/help.inc). One generic screen draws them (src/client/screens/screen_pages.cpp).
#pragma once
#include <string_view>
#include <vector>

namespace alin::i18n {

struct PageSection {
    std::string_view heading;  // catalogue key of the section's heading (h2); empty: no heading
    std::vector<std::string_view> paragraphs;
};

struct InfoPage {
    std::string_view slug;   // the route: "#/<slug>"
    std::string_view title;  // catalogue key of the page's one h1
    std::vector<PageSection> sections;
};

// Mentions légales, accessibility statement, personal data, cookies, terms of
// use, contact: in the footer's order.
const std::vector<InfoPage>& infoPages();
const InfoPage* findInfoPage(std::string_view slug);

struct HelpEntry {
    std::string_view slug;      // "#/aide/<slug>" opens this answer
    std::string_view question;  // catalogue key
    std::vector<std::string_view> answer;
};
const std::vector<HelpEntry>& helpEntries();
const HelpEntry* findHelpEntry(std::string_view slug);

// The tutorial's steps: a heading key and a paragraph key each.
struct TutorialStep {
    std::string_view heading, text;
};
const std::vector<TutorialStep>& tutorialSteps();

}  // namespace alin::i18n
