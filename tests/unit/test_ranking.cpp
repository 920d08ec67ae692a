// Ranking of the applications to an offer: explicit, deterministic, explained.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "domain/dates.h"
#include "domain/ranking.h"
#include "i18n/catalog.h"

using namespace alin::domain;

namespace {

int64_t day(int y, int m, int d) {
    return unixFromCivil({y, m, d});
}

RankingFacts facts(int64_t id, bool priority, bool employer, int64_t request, int64_t applied) {
    return {priority, employer, request, applied, id};
}

}  // namespace

TEST_CASE("ranking: employer support") {
    struct Case {
        int choice;
        const char* code;
        bool support;
    };
    const Case cases[] = {{1, "ACME", false}, {2, "ACME", true},  {3, "ACME", true}, {2, "", false},
                          {3, "   ", false},  {0, "ACME", false}, {4, "ACME", false}};
    for (const Case& c : cases) {
        CAPTURE(c.choice);
        CAPTURE(c.code);
        CHECK(hasEmployerSupport(c.choice, c.code) == c.support);
    }
}

TEST_CASE("ranking: pairwise comparison") {
    const int64_t old = day(2019, 3, 12), recent = day(2024, 9, 1);
    const int64_t morning = day(2025, 10, 5) + 9 * 3600, evening = day(2025, 10, 5) + 20 * 3600;
    struct Case {
        const char* name;
        RankingFacts a, b;
        bool aFirst;
        RankingCriterion criterion;
    };
    const Case cases[] = {
        {"priority beats everything", facts(9, true, false, recent, evening), facts(1, false, true, old, morning), true,
         RankingCriterion::PrioritySituation},
        {"employer support beats seniority", facts(9, false, true, recent, evening),
         facts(1, false, false, old, morning), true, RankingCriterion::EmployerSupport},
        {"older request first", facts(9, false, false, old, evening), facts(1, false, false, recent, morning), true,
         RankingCriterion::RequestSeniority},
        {"earlier application first", facts(9, true, true, old, morning), facts(1, true, true, old, evening), true,
         RankingCriterion::ApplicationTime},
        {"smaller id last", facts(1, false, false, old, morning), facts(2, false, false, old, morning), true,
         RankingCriterion::ApplicationId},
        {"unknown request date last", facts(1, false, false, kUnknownTime, morning),
         facts(2, false, false, recent, evening), false, RankingCriterion::RequestSeniority},
        {"reverse of priority", facts(1, false, true, old, morning), facts(9, true, false, recent, evening), false,
         RankingCriterion::PrioritySituation},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        CHECK(ranksBefore(c.a, c.b) == c.aFirst);
        CHECK(ranksBefore(c.b, c.a) == !c.aFirst);
        CHECK(decidingCriterion(c.a, c.b) == c.criterion);
        CHECK(decidingCriterion(c.b, c.a) == c.criterion);
    }
    const RankingFacts same = facts(5, true, false, old, morning);
    CHECK_FALSE(ranksBefore(same, same));  // irreflexive
}

TEST_CASE("ranking: order of a list, rankOf, strict weak ordering") {
    std::vector<RankingFacts> all;
    // 4 x 4 x 3 x 3 combinations, ids in scrambled order.
    int64_t id = 1;
    for (int p = 0; p < 2; ++p)
        for (int e = 0; e < 2; ++e)
            for (int r = 0; r < 3; ++r)
                for (int a = 0; a < 3; ++a)
                    for (int dup = 0; dup < 2; ++dup)
                        all.push_back(
                            facts((id++ * 37) % 1000, p == 1, e == 1, day(2018 + r, 1, 1), day(2025, 10, 1) + a * 60));
    for (const RankingFacts& a : all) {
        CHECK_FALSE(ranksBefore(a, a));
        for (const RankingFacts& b : all) {
            if (a.applicationId != b.applicationId) CHECK(ranksBefore(a, b) != ranksBefore(b, a));  // total
            for (const RankingFacts& c : {all[0], all[17], all[40], all[71]})
                if (ranksBefore(a, b) && ranksBefore(b, c)) CHECK(ranksBefore(a, c));  // transitive
        }
    }
    std::vector<RankingFacts> sorted = all;
    std::sort(sorted.begin(), sorted.end(), RanksBefore{});
    for (std::size_t i = 0; i < sorted.size(); ++i) CHECK(rankOf(sorted[i], all) == static_cast<int>(i) + 1);
    // The head: priority with employer support, oldest request, earliest application.
    CHECK(sorted.front().prioritySituation);
    CHECK(sorted.front().employerSupport);
    CHECK(sorted.front().requestCreatedAt == day(2018, 1, 1));
    CHECK(sorted.back().requestCreatedAt == day(2020, 1, 1));
    CHECK_FALSE(sorted.back().prioritySituation);
    // A newcomer not in the list: 1 + those ahead.
    const RankingFacts newcomer = facts(5000, false, false, day(2017, 6, 1), day(2025, 10, 1));
    CHECK(rankOf(newcomer, all) == 55);  // behind the 36 + 18 with priority or employer support
    CHECK(rankOf(newcomer, {}) == 1);
}

TEST_CASE("ranking: texts") {
    const auto keys = rankingCriterionKeys();
    for (const char* key : keys) CHECK(std::string(tr(key)) != key);
    CHECK(std::string(tr("ranking.how.title")) == "Comment est calculée ma position\u202F?");
    const std::vector<std::string> rules = rankingRulesParagraphs();
    REQUIRE(rules.size() == keys.size() + 2);
    CHECK(rules[1].rfind("1. les situations prioritaires", 0) == 0);
    CHECK(rules[5].rfind("5. enfin", 0) == 0);
    for (const std::string& p : rules) CHECK(p.find("ranking.") == std::string::npos);

    const RankingFacts me = facts(42, false, true, day(2021, 3, 12), day(2025, 10, 5) + 14 * 3600 + 5 * 60);
    CHECK(explainRanking(me, 3, 99) ==
          "Votre position\u00A0: 3 sur 99 candidatures. Situation prioritaire (DALO, L441-1)\u00A0: non. Soutien de "
          "votre "
          "employeur\u00A0: oui. Demande de logement social enregistrée le 12/03/2021. Candidature déposée le "
          "05/10/2025 à 14:05.");
    const RankingFacts unknown = facts(1, true, false, kUnknownTime, kUnknownTime);
    CHECK(
        explainRanking(unknown, 1, 1) ==
        "Votre position\u00A0: 1 sur 1 candidature. Situation prioritaire (DALO, L441-1)\u00A0: oui. Soutien de votre "
        "employeur\u00A0: non. Date de la demande de logement social inconnue. Date de candidature inconnue.");
}
