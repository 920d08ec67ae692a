// The footer's pages and the help centre are data (src/i18n/pages.cpp): every
// page has a title (its h1) and sections whose texts are in the catalogue.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "i18n/catalog.h"
#include "i18n/pages.h"

namespace {

// The catalogue answers a missing key with the key itself.
bool inCatalogue(std::string_view key) {
    const std::string text = tr(key);
    return !key.empty() && !text.empty() && text != key;
}

}  // namespace

TEST_CASE("info pages: each has a title and non-empty sections, all in the catalogue") {
    using alin::i18n::infoPages;
    std::set<std::string_view> slugs;
    for (const char* slug : {"mentions-legales", "accessibilite", "donnees-personnelles", "cookies", "cgu", "contact"})
        CHECK_MESSAGE(alin::i18n::findInfoPage(slug) != nullptr, slug);
    for (const auto& page : infoPages()) {
        CAPTURE(page.slug);
        CHECK(slugs.insert(page.slug).second);
        CHECK(inCatalogue(page.title));
        REQUIRE_FALSE(page.sections.empty());
        int headings = 0;
        for (const auto& section : page.sections) {
            if (!section.heading.empty()) {
                CHECK_MESSAGE(inCatalogue(section.heading), section.heading);
                ++headings;
            }
            CHECK_FALSE(section.paragraphs.empty());
            for (std::string_view p : section.paragraphs) CHECK_MESSAGE(inCatalogue(p), p);
        }
        CHECK(headings >= 1);
    }
    CHECK(alin::i18n::findInfoPage("aide") == nullptr);  // the help centre is its own screen
}

TEST_CASE("info pages: the catalogue check can fail") {
    CHECK_FALSE(inCatalogue("page.nowhere.title"));
    CHECK_FALSE(inCatalogue(""));
    CHECK(inCatalogue("page.legal.title"));
}

TEST_CASE("info pages: the terms of use state the ranking rule the applicant is shown") {
    const auto* terms = alin::i18n::findInfoPage("cgu");
    REQUIRE(terms != nullptr);
    bool ranking = false;
    for (const auto& section : terms->sections)
        for (std::string_view p : section.paragraphs) ranking = ranking || p == "ranking.rule.priority";
    CHECK(ranking);
}

TEST_CASE("help centre: questions the guide answers, each with an answer and its own slug") {
    std::set<std::string_view> slugs;
    for (const auto& e : alin::i18n::helpEntries()) {
        CAPTURE(e.slug);
        CHECK(slugs.insert(e.slug).second);
        CHECK(inCatalogue(e.question));
        REQUIRE_FALSE(e.answer.empty());
        for (std::string_view p : e.answer) CHECK_MESSAGE(inCatalogue(p), p);
    }
    for (const char* slug :
         {"numero-unique", "code-de-securite", "trois-volets", "partage-des-donnees", "pieces-justificatives",
          "onglets-des-offres", "une-candidature-a-la-fois", "annuler-ma-candidature", "sept-etapes", "classement"})
        CHECK_MESSAGE(alin::i18n::findHelpEntry(slug) != nullptr, slug);
    for (const auto& step : alin::i18n::tutorialSteps()) {
        CHECK(inCatalogue(step.heading));
        CHECK(inCatalogue(step.text));
    }
}
