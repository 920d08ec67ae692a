// From an imported social-housing request (RegistryRequest) to what the
// eligibility rules of src/domain/eligibility.h need: the household (ages on a
// given day, roles, dependants, disability, N-2 incomes), the per-request
// EligibilityProfile that the offer search (offer_search.h) checks every offer
// against, and the plain-French lines of the dashboard ("Vos revenus 2023 :
// 46 300 € ; plafond PLUS pour 3 personnes en Île-de-France : 47 944 €. ...").
//
// Portable (native and wasm), no I/O: the data files are given as text by the
// caller (the server reads assets/data/*.json, the demo embeds them).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/dates.h"
#include "domain/eligibility.h"
#include "reference/registry_types.h"

namespace alin {

// Age given to the applicant or co-applicant whose birth date is missing or
// malformed: old enough that a couple is never taken for a "jeune ménage" (which
// would raise its ceilings) on a guess. Other members then count as age 0.
inline constexpr int kUnknownAdultAge = 99;

// The household of the request on `today`:
//  - the applicant (MemberRole::Applicant), the co-applicant (CoApplicant: the
//    partner for the "jeune ménage" rule), then the other members (Child when
//    their relation is "enfant", else Other), with their dependant and disability
//    flags and their N-2 revenu fiscal de référence (RegistryRequest has no N-1
//    income: incomeN1 stays empty);
//  - ages in completed years from the birth dates (ISO, or French dd/mm/yyyy);
//  - the registry holds no monthly resources: monthlyResourcesCents stays
//    empty, so the profile takes the income considered / 12; no housing aid
//    (the applicant declares both on AL'in: DeclaredResources below).
domain::Household householdFromRegistry(const RegistryRequest& request, const domain::CivilDate& today);
// `todayIso` "2026-11-26"; a malformed date counts as 1970-01-01 (ages then 0 or negative -> 0).
domain::Household householdFromRegistry(const RegistryRequest& request, std::string_view todayIso);

// What the applicant declares on AL'in for the rent effort (issue 12 item 7b,
// "Ressources et aides au logement" of the request file): the household's net
// monthly resources and the expected monthly housing aid (APL/AL), in cents;
// nullopt when not declared (resources: income considered / 12; aid: none).
struct DeclaredResources {
    std::optional<int64_t> monthlyResourcesCents;
    std::optional<int64_t> monthlyHousingAidCents;
    friend bool operator==(const DeclaredResources&, const DeclaredResources&) = default;
};

// makeEligibilityProfile(householdFromRegistry(request, today) with `declared`,
// ceilings, rules).
domain::EligibilityProfile profileFor(const RegistryRequest& request, const domain::IncomeCeilings& ceilings,
                                      const domain::EligibilityRules& rules, const domain::CivilDate& today,
                                      const DeclaredResources& declared = {});
domain::EligibilityProfile profileFor(const RegistryRequest& request, const domain::IncomeCeilings& ceilings,
                                      const domain::EligibilityRules& rules, std::string_view todayIso,
                                      const DeclaredResources& declared = {});

// The eligibility settings of a deployment, read once at start from the data
// files' text: income_ceilings.json (required), typologies.json (optional:
// empty text keeps the guide's table) and the maximum rent effort (0.33 = 33 %).
struct EligibilityConfig {
    domain::IncomeCeilings ceilings;
    domain::EligibilityRules rules;
};
// nullopt when a file is invalid; *error (when given) says which and why, in
// English, for the operator's log.
std::optional<EligibilityConfig> eligibilityConfigFromJson(std::string_view ceilingsJson,
                                                           std::string_view typologiesJson = {},
                                                           double maxEffortRate = 0.33, std::string* error = nullptr);

// Zones of the request's requested communes, first-seen order, no duplicates
// (the current address's zone when no commune is requested; empty when neither).
std::vector<domain::Zone> requestZones(const RegistryRequest& request);

// Plain-French lines for the dashboard (catalogue src/i18n/fr/offers.inc,
// figures by domain/format.h), in this order:
//  1. the household category and why (explainHouseholdCategory);
//  2. for each zone of requestZones(), for each loan with a ceiling in the data
//     file (PLAI, PLUS, PLS, PLI): "Vos revenus 2023 : 46 300 € ; plafond PLUS
//     pour 3 personnes en Île-de-France : 47 944 €. Vos revenus sont sous ce
//     plafond." (or "... dépassent ce plafond.");
//  3. the typology range: "Taille de logement adaptée à votre ménage de 3
//     personnes : T2 à T4.";
//  4. the rent effort rule with the applicant's figures.
std::vector<std::string> eligibilitySentences(const RegistryRequest& request,
                                              const domain::EligibilityProfile& profile);

// "Mon éligibilité" as a table (issue 11 item 13): the one sentence that matters
// first ("Vous pouvez candidater aux logements PLAI, PLUS et PLS à Paris et dans
// les communes limitrophes."), then per zone of requestZones() one row per loan
// with a ceiling: {loan, ceilingText, incomeText, eligible}; and a one-line
// explanation of each loan's acronym.
nlohmann::json eligibilityTable(const RegistryRequest& request, const domain::EligibilityProfile& profile);

}  // namespace alin
