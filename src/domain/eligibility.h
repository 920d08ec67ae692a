// Eligibility of a household to a social-housing offer (guide §0 "Principales
// règles d'attribution", docs/domain-rules.md "Eligibility"): income ceiling of the
// offer's loan and zone, dwelling size suited to the household, rent effort.
// Pure functions, no I/O: the figures come from data files parsed here from
// their JSON text (assets/data/income_ceilings.json, assets/data/typologies.json).
//
// Use: build an EligibilityProfile once per request (makeEligibilityProfile),
// then call check() for each offer: it allocates nothing and costs a few
// comparisons, so that the server can filter 100 000 offers per search. A
// refusal names the first failing rule with its figures (Verdict), which
// explainVerdict() turns into a French sentence ("why don't I see this offer").
//
// Money: annual incomes and ceilings in whole euros (the revenu fiscal de
// référence is in euros); monthly rents, charges, aid and resources in cents.
#pragma once
#include <array>
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace alin::domain {

// ---------------------------------------------------------------- loans and zones

enum class Loan : std::uint8_t { PLAI, PLUS, PLS, PLI };
inline constexpr int kLoanCount = 4;

enum class Zone : std::uint8_t {
    ParisLimitrophe,  // Paris and its 29 neighbouring communes
    ResteIdf,         // the rest of Île-de-France (departments 75 77 78 91 92 93 94 95)
    AutresRegions,    // everywhere else
};
inline constexpr int kZoneCount = 3;

std::string_view loanCode(Loan loan);               // "PLAI", "PLUS", "PLS", "PLI"
std::optional<Loan> parseLoan(std::string_view s);  // case-insensitive code
std::string_view zoneCode(Zone zone);               // "paris_limitrophe", "reste_idf", "autres_regions"
std::optional<Zone> parseZone(std::string_view s);
// Catalogue key of the zone's name ("Paris et communes limitrophes", ...).
const char* zoneLabelKey(Zone zone);

// Department of an INSEE commune code: "92012" -> "92", "97105" -> "971",
// "2A004" -> "2A"; empty when the code is not 5 characters.
std::string_view departmentOfCommune(std::string_view inseeCode);
// Paris (75056 and its arrondissements 75101..75120) or one of the 29 neighbouring communes.
bool isParisOrLimitrophe(std::string_view inseeCode);
// One of the eight departments of Île-de-France (75 77 78 91 92 93 94 95).
bool isIleDeFranceDepartment(std::string_view department);
// Zone of a commune; `department` may be empty (then taken from the INSEE code).
Zone zoneOf(std::string_view inseeCode, std::string_view department = {});

// ---------------------------------------------------------------- household

enum class MemberRole : std::uint8_t { Applicant, CoApplicant, Spouse, Child, Other };

struct HouseholdMember {
    int age = 0;  // completed years (see ageOn in dates.h)
    MemberRole role = MemberRole::Applicant;
    bool dependant = false;  // personne à charge; ignored for the applicant
    bool disabled = false;   // situation de handicap
    // Revenu fiscal de référence of year N-2 (and N-1 when known), in euros.
    // Members on the same tax notice: put the notice's amount on one of them only.
    int64_t incomeN2 = 0;
    std::optional<int64_t> incomeN1;
};

struct Household {
    std::vector<HouseholdMember> members;
    // Monthly resources declared in the request, in cents; when absent the
    // income considered / 12 is used for the rent effort.
    std::optional<int64_t> monthlyResourcesCents;
    int64_t monthlyHousingAidCents = 0;  // expected AL / APL, in cents
};

// Household category of the arrêté du 29 juillet 1987:
//   1 one person; 2 two persons without dependant (not a jeune ménage);
//   3 three persons, one person with one dependant, or a jeune ménage (a couple,
//     applicant with a spouse or co-applicant, ages adding up to 55 or less)
//     without dependant; 4..6 four..six persons or one person with two..four
//     dependants; beyond category 6 each further person adds `extraPersons`.
//   N persons of whom at least one is disabled: category N + 1. These are
//   alternative definitions: the category is the highest any of them gives
//   (disability does not stack with jeune ménage or one person with dependants).
// An empty household counts as one person.
struct HouseholdCategory {
    int category = 1;      // 1..6
    int extraPersons = 0;  // persons beyond category 6 (the ceilings' "+1" amount each)
    int persons = 1;
    int dependants = 0;
    bool jeuneMenage = false;
    bool singleWithDependants = false;  // one person with dependants: one category up
    bool disability = false;            // a member is disabled
    bool disabilityRaises = false;      // ... and that definition gives a higher category than the others
    // True when the category is just the number of persons (no rule moved it).
    bool plain() const { return !jeuneMenage && !singleWithDependants && !disability; }
    friend bool operator==(const HouseholdCategory&, const HouseholdCategory&) = default;
};
HouseholdCategory householdCategory(const Household& household);

// Income considered: sum of the members' N-2 incomes, or of their N-1 incomes
// (N-2 for members without one) when that total is at least 10 % lower.
struct IncomeConsidered {
    int64_t amount = 0;  // euros
    int year = 0;        // the income year retained (n2Year or n2Year + 1)
    bool usedN1 = false;
    int64_t totalN2 = 0;
    int64_t totalN1 = 0;  // equals totalN2 when no member has an N-1 income
};
IncomeConsidered incomeConsidered(const Household& household, int n2Year);

// ---------------------------------------------------------------- income ceilings

struct CeilingRow {
    std::array<int64_t, 6> categories{};  // euros, categories 1..6
    int64_t perExtraPerson = 0;
    bool present = false;      // false: no data for this loan and zone
    bool approximate = false;  // flagged in the data file (e.g. PLAI reste IdF 2025)
    bool assumption = false;   // not regulatory data (e.g. PLI, PLS x 1.4)
};

struct IncomeCeilings {
    int year = 0;        // year the ceilings apply to (2025)
    int incomeYear = 0;  // N-2 (2023 for 2025)
    std::array<CeilingRow, kLoanCount * kZoneCount> rows{};

    const CeilingRow& row(Loan loan, Zone zone) const;
    // Ceiling in euros for a category (1..6, clamped) and persons beyond
    // category 6; nullopt when the data file has no row for this loan and zone.
    std::optional<int64_t> ceiling(Loan loan, Zone zone, int category, int extraPersons) const;
};

// Parses income_ceilings.json (its text or an already parsed document). `year`
// 0 takes the most recent year of the file, else exactly that year. nullopt when
// the JSON is invalid, the year is missing or a row is malformed; then *error
// (when given) says why, in English, for the operator's log.
std::optional<IncomeCeilings> parseIncomeCeilings(std::string_view jsonText, int year = 0,
                                                  std::string* error = nullptr);
std::optional<IncomeCeilings> parseIncomeCeilings(const nlohmann::json& doc, int year = 0,
                                                  std::string* error = nullptr);

// Every year of the data file, so that the figures valid on the day apply: a
// year's figures apply from 1 January of that year (figures added in advance
// wait for their year) until the next year's. Years in ascending order.
struct IncomeCeilingsHistory {
    std::vector<IncomeCeilings> years;
    // The most recent year <= `year`; the oldest one when every year is later
    // (never empty once parsed).
    const IncomeCeilings& validIn(int year) const;
};
// nullopt when the JSON is invalid or any year is malformed (*error says why).
std::optional<IncomeCeilingsHistory> parseIncomeCeilingsHistory(std::string_view jsonText,
                                                                std::string* error = nullptr);

// ---------------------------------------------------------------- typology

inline constexpr int kMaxRooms = 6;  // T6 stands for six rooms or more

struct TypologyRange {
    int minRooms = 1;
    int maxRooms = kMaxRooms;
    friend bool operator==(const TypologyRange&, const TypologyRange&) = default;
};

// Range by number of persons: ranges[0] for 1 person, ...; the last one also
// applies to larger households.
struct TypologyRules {
    std::vector<TypologyRange> ranges;
    TypologyRange rangeFor(int persons) const;
};
// The guide's table: 1 person T1-T2; 2: T1-T3; 3: T2-T4; 4: T3-T5; 5 and more: T4 and above.
TypologyRules defaultTypologyRules();
// Parses typologies.json; nullopt when invalid (persons not 1..n in order,
// rooms not 1 <= min <= max <= 6).
std::optional<TypologyRules> parseTypologyRules(std::string_view jsonText, std::string* error = nullptr);

// "T1".."T6" (also "t3", "T 3", "Studio" = 1); rooms are clamped to 1..6;
// nullopt when not understood.
std::optional<int> parseTypology(std::string_view s);
std::string typologyLabel(int rooms);  // 3 -> "T3", 6 and more -> "T6"

// ---------------------------------------------------------------- profile and check

struct EligibilityRules {
    // Maximum taux d'effort: (rent + charges - housing aid) / monthly resources.
    // 0.33 is the guide's "earn about 3 times the rent, charges included".
    double maxEffortRate = 0.33;
    bool enforceEffort = true;  // false: the effort is computed and shown, never a refusal
    TypologyRules typology = defaultTypologyRules();
};

// The rent-effort settings of the rules data: income_ceilings.json's optional
// "rentEffort": {"maxRate": 0.33, "enforce": true} (maxRate in ]0, 1]). Absent:
// `base` unchanged. nullopt when malformed (*error says why).
std::optional<EligibilityRules> parseRentEffortRules(std::string_view ceilingsJson, EligibilityRules base,
                                                     std::string* error = nullptr);

// Everything check() needs, computed once per request.
struct EligibilityProfile {
    HouseholdCategory household;
    IncomeConsidered income;
    int ceilingsYear = 0;
    // Ceiling in euros per loan and zone (index loan * kZoneCount + zone); -1: no data.
    std::array<int64_t, kLoanCount * kZoneCount> ceilings{};
    TypologyRange typology;
    int64_t monthlyResourcesCents = 0;
    int64_t monthlyHousingAidCents = 0;
    bool resourcesDeclared = false;       // monthly resources from the request, not income / 12
    int32_t maxEffortBasisPoints = 3300;  // 33 % = 3300
    bool enforceEffort = true;

    int64_t ceilingFor(Loan loan, Zone zone) const;
};

EligibilityProfile makeEligibilityProfile(const Household& household, const IncomeCeilings& ceilings,
                                          const EligibilityRules& rules = {});

struct OfferFacts {
    Zone zone = Zone::AutresRegions;
    Loan loan = Loan::PLUS;
    int rooms = 1;  // 1..6 (T1..T6; more is T6)
    int64_t monthlyRentCents = 0;
    int64_t monthlyChargesCents = 0;  // recoverable charges
};

// Rules in the order they are checked; the first failure is reported.
enum class EligibilityRule : std::uint8_t {
    Eligible,
    IncomeAboveCeiling,  // value: income considered (€), limit: ceiling (€)
    NoCeilingData,       // the data file has no ceiling for the offer's loan and zone
    TypologyTooSmall,    // value: offer rooms, limit: minimum rooms
    TypologyTooLarge,    // value: offer rooms, limit: maximum rooms
    RentEffortTooHigh,   // value: effort in basis points (rounded up; -1 without resources), limit: maximum
};

struct Verdict {
    EligibilityRule rule = EligibilityRule::Eligible;
    int64_t value = 0;
    int64_t limit = 0;
    bool eligible() const { return rule == EligibilityRule::Eligible; }
    friend bool operator==(const Verdict&, const Verdict&) = default;
};

// The per-offer test: no allocation, no exception.
Verdict check(const EligibilityProfile& profile, const OfferFacts& offer) noexcept;

// Rent effort of the offer for this household, in basis points (2 847 = 28,47 %),
// rounded half up; 0 when the aid covers the rent; -1 when the household has no
// monthly resources.
int32_t effortBasisPoints(const EligibilityProfile& profile, const OfferFacts& offer) noexcept;

// Catalogue key of a rule's short name ("Plafond de ressources", ...).
const char* eligibilityRuleKey(EligibilityRule rule);

// French sentences (catalogue src/i18n/fr/domain.inc, figures formatted by format.h):
// why the offer is refused, e.g. "Vos revenus 2023 : 52 000 € ; plafond PLUS pour
// 3 personnes en Île-de-France : 47 944 €. Ils dépassent le plafond de ressources
// de ce logement."; for an eligible verdict, "Vous remplissez les conditions …".
std::string explainVerdict(const EligibilityProfile& profile, const OfferFacts& offer, const Verdict& verdict);
// The applicant's rent effort on an offer, in plain words ("Avec ce logement, votre
// loyer charges comprises (612,50 € par mois) représenterait 27 % de vos ressources.").
std::string explainEffort(const EligibilityProfile& profile, const OfferFacts& offer);
// The household category and why ("Catégorie de ménage 3 : jeune ménage sans personne à charge.").
std::string explainHouseholdCategory(const HouseholdCategory& category);
// "27 %" (no-break space U+00A0), rounded to the percent; with up to two decimals
// when that rounding would make it look equal to a different threshold:
// formatEffort(3301, 3300) == "33,01 %", formatEffort(3250, 3300) == "32,5 %",
// formatEffort(3300, 3300) == "33 %".
std::string formatEffort(int32_t basisPoints, int32_t thresholdBasisPoints = -1);

}  // namespace alin::domain
