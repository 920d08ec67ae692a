// From an imported request to the eligibility profile of the offer search
// (src/reference/eligibility_profile.*): household (ages, roles, dependants,
// disability, incomes), profile, data files, and the dashboard's French lines.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "demo_data/registry_seed.h"
#include "domain/eligibility.h"
#include "reference/eligibility_profile.h"
#include "reference/geography.h"

#ifndef ALIN_SOURCE_DIR
#define ALIN_SOURCE_DIR "."
#endif

using namespace alin;
namespace dom = alin::domain;

#define NBSP "\xC2\xA0"

namespace {

std::string readAsset(const char* name) {
    std::ifstream in(std::string(ALIN_SOURCE_DIR) + "/assets/data/" + name, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

const EligibilityConfig& config() {
    static const EligibilityConfig c = [] {
        std::string error;
        const auto parsed =
            eligibilityConfigFromJson(readAsset("income_ceilings.json"), readAsset("typologies.json"), 0.33, &error);
        if (!parsed) FAIL("eligibility config: " << error);
        return *parsed;
    }();
    return c;
}

RegistryRequest porte() {
    return guideExampleRequests()[0];
}

RegistryRequest single(const char* birthDate, std::int64_t income) {
    RegistryRequest r;
    r.applicant.birthDate = birthDate;
    r.applicant.taxIncomeN2 = income;
    r.requestedCommunes = {"29232"};  // Quimper
    return r;
}

}  // namespace

TEST_CASE("eligibility profile for the search: Anne PORTE's household") {
    const dom::Household h = householdFromRegistry(porte(), "2026-11-26");
    REQUIRE(h.members.size() == 3);
    CHECK(h.members[0].role == dom::MemberRole::Applicant);
    CHECK(h.members[0].age == 37);  // born 1989-05-19
    CHECK(h.members[0].incomeN2 == 24800);
    CHECK(h.members[1].role == dom::MemberRole::CoApplicant);
    CHECK(h.members[1].age == 39);  // born 1987-02-11
    CHECK(h.members[1].incomeN2 == 21500);
    CHECK(h.members[2].role == dom::MemberRole::Child);
    CHECK(h.members[2].age == 7);  // born 2019-03-08
    CHECK(h.members[2].dependant);
    CHECK_FALSE(h.members[2].incomeN1.has_value());
    CHECK_FALSE(h.monthlyResourcesCents.has_value());
    CHECK(h.monthlyHousingAidCents == 0);

    const dom::EligibilityProfile p = profileFor(porte(), config().ceilings, config().rules, "2026-11-26");
    CHECK(p.household.category == 3);
    CHECK(p.household.persons == 3);
    CHECK(p.household.plain());
    CHECK(p.income.amount == 46300);
    CHECK(p.income.year == 2023);
    CHECK(p.typology == dom::TypologyRange{2, 4});
    CHECK_FALSE(p.resourcesDeclared);
    CHECK(p.monthlyResourcesCents == 46300 * 100 / 12);
    CHECK(p.ceilingFor(dom::Loan::PLUS, dom::Zone::ResteIdf) == 47944);
    CHECK(p.maxEffortBasisPoints == 3300);
}

TEST_CASE("eligibility profile for the search: household rules from the request") {
    const dom::CivilDate today{2026, 11, 26};
    SUBCASE("ages on the given day, French dates too") {
        RegistryRequest r = single("19/05/1989", 20000);
        CHECK(householdFromRegistry(r, today).members[0].age == 37);
        CHECK(householdFromRegistry(r, dom::CivilDate{2026, 5, 18}).members[0].age == 36);
    }
    SUBCASE("jeune ménage") {
        RegistryRequest r = single("2000-01-10", 15000);
        RegistryPerson partner;
        partner.birthDate = "1999-06-01";
        partner.taxIncomeN2 = 12000;
        r.coApplicant = partner;
        dom::EligibilityProfile p = profileFor(r, config().ceilings, config().rules, today);
        CHECK(p.household.jeuneMenage);
        CHECK(p.household.category == 3);
        CHECK(p.income.amount == 27000);
        // An unknown birth date never makes a jeune ménage.
        r.coApplicant->birthDate = "";
        p = profileFor(r, config().ceilings, config().rules, today);
        CHECK_FALSE(p.household.jeuneMenage);
        CHECK(p.household.category == 2);
    }
    SUBCASE("one person with dependants, disability") {
        RegistryRequest r = single("1985-03-03", 22000);
        HouseholdMember child;
        child.relation = "enfant";
        child.birthDate = "2015-04-04";
        child.dependant = true;
        r.otherMembers = {child, child};
        dom::EligibilityProfile p = profileFor(r, config().ceilings, config().rules, today);
        CHECK(p.household.singleWithDependants);
        CHECK(p.household.dependants == 2);
        CHECK(p.household.category == 4);
        r.otherMembers[1].disability = true;
        p = profileFor(r, config().ceilings, config().rules, today);
        CHECK(p.household.disability);
        // Disability does not stack: 3 persons of whom one is disabled is 4, as is one
        // person with two dependants (docs/domain-rules.md).
        CHECK(p.household.category == 4);
        HouseholdMember grandmother;
        grandmother.relation = "ascendant";
        grandmother.birthDate = "1950-01-01";
        grandmother.taxIncomeN2 = 9000;
        r.otherMembers.push_back(grandmother);
        const dom::Household h = householdFromRegistry(r, today);
        CHECK(h.members.back().role == dom::MemberRole::Other);
        CHECK(h.members.back().age == 76);
        CHECK(profileFor(r, config().ceilings, config().rules, today).income.amount == 31000);
    }
}

TEST_CASE("eligibility profile for the search: every generated request") {
    const Geography geo = loadGeographyFile(std::string(ALIN_SOURCE_DIR) + "/build-assets/geo/geo.bin");
    for (const RegistryRequest& r : generateRegistry(geo)) {
        INFO(r.numeroUnique);
        const dom::EligibilityProfile p = profileFor(r, config().ceilings, config().rules, "2026-11-26");
        CHECK(p.household.persons == r.householdSize());
        CHECK(p.household.category >= 1);
        CHECK(p.household.category <= 6);
        CHECK(p.household.disability == r.anyDisability());
        CHECK(p.income.amount == r.householdTaxIncomeN2());
        const std::vector<std::string> lines = eligibilitySentences(r, p);
        CHECK(lines.size() >= 3 + 4 * requestZones(r).size());
        for (const std::string& line : lines) CHECK(line.find("offers.") == std::string::npos);
    }
}

TEST_CASE("eligibility profile for the search: the dashboard's lines") {
    const RegistryRequest r = porte();
    const dom::EligibilityProfile p = profileFor(r, config().ceilings, config().rules, "2026-11-26");
    // Paris 75056 and Boulogne-Billancourt 92012: Paris et communes limitrophes; Versailles 78646: reste IdF.
    REQUIRE(requestZones(r) == std::vector<dom::Zone>{dom::Zone::ParisLimitrophe, dom::Zone::ResteIdf});
    const std::vector<std::string> lines = eligibilitySentences(r, p);
    REQUIRE(lines.size() == 1 + 2 * 4 + 2);
    CHECK(lines[0] == dom::explainHouseholdCategory(p.household));
    CHECK(lines[2] == "Vos revenus 2023 : 46" NBSP "300" NBSP
                      "€ ; plafond PLUS pour 3 personnes à Paris et dans "
                      "les communes limitrophes : 52" NBSP "284" NBSP "€. Vos revenus sont sous ce plafond.");
    CHECK(lines[1] == "Vos revenus 2023 : 46" NBSP "300" NBSP
                      "€ ; plafond PLAI pour 3 personnes à Paris et dans "
                      "les communes limitrophes : 31" NBSP "369" NBSP "€. Vos revenus dépassent ce plafond.");
    CHECK(lines[6] == "Vos revenus 2023 : 46" NBSP "300" NBSP
                      "€ ; plafond PLUS pour 3 personnes en Île-de-France : "
                      "47" NBSP "944" NBSP "€. Vos revenus sont sous ce plafond.");
    CHECK(lines[9] == "Taille de logement adaptée à votre ménage de 3 personnes : T2 à T4.");
    CHECK(lines[10] == "Le loyer charges comprises ne doit pas dépasser 33" NBSP
                       "% de vos ressources mensuelles, "
                       "3" NBSP "858,33" NBSP "€ (vos revenus 2023 divisés par 12), soit 1" NBSP "273,24" NBSP
                       "€ par mois.");

    // A household category that is not just the number of persons is named.
    RegistryRequest young = single("2000-01-10", 30000);
    RegistryPerson partner;
    partner.birthDate = "2001-02-02";
    young.coApplicant = partner;
    const dom::EligibilityProfile py = profileFor(young, config().ceilings, config().rules, "2026-11-26");
    const std::vector<std::string> ly = eligibilitySentences(young, py);
    REQUIRE(requestZones(young) == std::vector<dom::Zone>{dom::Zone::AutresRegions});
    CHECK(ly[2] == "Vos revenus 2023 : 30" NBSP "000" NBSP
                   "€ ; plafond PLUS pour votre ménage de 2 personnes "
                   "(catégorie 3) hors Île-de-France : 37" NBSP "259" NBSP "€. Vos revenus sont sous ce plafond.");

    // The effort is information only when it is not enforced.
    dom::EligibilityRules info = config().rules;
    info.enforceEffort = false;
    const dom::EligibilityProfile pi = profileFor(r, config().ceilings, info, "2026-11-26");
    CHECK(eligibilitySentences(r, pi).back().find("à titre d'information") != std::string::npos);
}

TEST_CASE("eligibility profile for the search: data files") {
    std::string error;
    CHECK_FALSE(eligibilityConfigFromJson("{", {}, 0.33, &error).has_value());
    CHECK(error.find("income ceilings") != std::string::npos);
    CHECK_FALSE(eligibilityConfigFromJson(readAsset("income_ceilings.json"), "{\"ranges\": []}", 0.33, &error));
    CHECK(error.find("typologies") != std::string::npos);
    CHECK_FALSE(eligibilityConfigFromJson(readAsset("income_ceilings.json"), {}, 0.0, &error));
    const auto c = eligibilityConfigFromJson(readAsset("income_ceilings.json"), {}, 0.30);
    REQUIRE(c.has_value());
    CHECK(c->ceilings.year == 2025);
    CHECK(c->rules.maxEffortRate == doctest::Approx(0.30));
    CHECK(c->rules.typology.rangeFor(1) == dom::TypologyRange{1, 2});
}
